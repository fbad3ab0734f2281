// Child processes the harness starts, stopped by PID even when a run fails or is interrupted.
// Each is started in its own process group (detached), so stopping it also stops what it spawned
// (code-server's extension host, the language server, Chromium's helpers).
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';

const running = new Set<number>();

export interface Started {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

export function startLogged(
  command: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; logFile: string },
): Started {
  const out = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out); // the child holds its own copy
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  running.add(pid);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(pid);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return { child, pid, exited };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM to the process group, then SIGKILL if it has not ended within the grace period. */
export async function stopProcess(started: Started, graceMs = 5000): Promise<void> {
  if (!running.has(started.pid)) return;
  signalGroup(started.pid, 'SIGTERM');
  const timedOut = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), graceMs);
    timer.unref();
  });
  if ((await Promise.race([started.exited, timedOut])) === 'timeout') {
    signalGroup(started.pid, 'SIGKILL');
    await started.exited;
  }
  // The leader may exit before its group: make sure nothing of it is left.
  signalGroup(started.pid, 'SIGKILL');
}

// Last resort when the run ends abruptly (uncaught error, Ctrl+C, mocha bailing out).
process.on('exit', () => {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const pid of running) signalGroup(pid, 'SIGKILL');
    process.exit(130);
  });
}
