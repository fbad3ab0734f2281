// The LSP and CLI tests drive the bundles users get; rebuild them first so a test never runs stale code.
import { execFileSync } from 'child_process';
import * as path from 'path';

execFileSync(process.execPath, [path.resolve(__dirname, '../../build.mjs')], {
  stdio: 'inherit',
  cwd: path.resolve(__dirname, '../..'),
});
