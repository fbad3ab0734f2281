// The VSIX under test: built by the project's own script, or one given from outside.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, VSIX_PATH } from './paths';

/**
 * Builds dist/cdc-routing.vsix with `npm run package` (its output in `logFile`), unless
 * CDC_ROUTING_E2E_VSIX names a VSIX to use instead (e.g. one CI already built).
 */
export function packageExtension(logFile: string): string {
  const given = process.env.CDC_ROUTING_E2E_VSIX;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`CDC_ROUTING_E2E_VSIX=${given} does not exist`);
    return path.resolve(given);
  }
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', env: process.env });
  fs.writeFileSync(logFile, `$ npm run package\n${result.stdout}${result.stderr}`);
  if (result.status !== 0 || !fs.existsSync(VSIX_PATH)) {
    const tail = `${result.stdout}${result.stderr}`.split('\n').slice(-30).join('\n');
    throw new Error(`npm run package failed (exit ${result.status}); see ${logFile}:\n${tail}`);
  }
  return VSIX_PATH;
}
