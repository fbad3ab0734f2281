import * as fs from 'fs';

/** Resident memory of processes in kB, summed (VmRSS from /proc); gone processes count 0. */
export function residentKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      // exited meanwhile
    }
  }
  return total;
}
