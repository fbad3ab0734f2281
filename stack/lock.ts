import * as fs from 'fs';
import * as path from 'path';

/**
 * One `up` or `down` at a time per stack dir. The lock file names its holder; a lock whose holder is gone
 * (a crashed run) is taken over.
 */
export async function withStackLock<T>(stackDir: string, action: () => Promise<T>): Promise<T> {
  const lockFile = path.join(stackDir, 'stack.lock');
  fs.mkdirSync(stackDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (!holderAlive(holder)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (attempt === 0) process.stderr.write(`waiting for another stack command (pid ${holder}) to finish…\n`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await action();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function holderAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
