// Memory of the processes a run started (the extension host, the language server), read from /proc:
// evidence for "memory stays bounded", found as descendants of this test process so another run's
// code-server on the same machine is never measured.
import * as fs from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  args: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: Number(entry), ppid, args });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The descendants of `root` (this process by default) whose command line matches `pattern`. */
export function descendantsMatching(pattern: RegExp, root = process.pid): Proc[] {
  const all = processes();
  const below = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!below.has(p.pid) && below.has(p.ppid)) {
        below.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => p.pid !== root && below.has(p.pid) && pattern.test(p.args));
}

/** Resident memory (VmRSS) of a process in MiB, or undefined when it is gone. */
export function residentMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
