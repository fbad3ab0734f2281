import { spawnSync } from 'child_process';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '../../..');

/** Runs the CLI bundle (what `cdc-routing` runs) and returns its exit code and output. */
export function runCli(
  args: string[],
  cwd = REPO,
  env: NodeJS.ProcessEnv = process.env,
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/cdc-routing.js'), ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
