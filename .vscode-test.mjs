// The ecosystem's standard way to test a VS Code extension: @vscode/test-cli downloads VS Code
// (@vscode/test-electron) and runs mocha inside its extension host, against this folder as the
// extension under development. It needs a machine that can download VS Code (Node 20 is enough for the pinned
// @vscode/test-cli 0.0.12 / @vscode/test-electron 2.5, the newest that do not want Node 22):
//   npm run build && npx vscode-test
// Where VS Code cannot be downloaded (the project's CI), `npm run test:e2e` tests the packaged VSIX
// in code-server instead; see docs/e2e.md.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'extensionHost',
  files: 'test/e2e/extensionHost/**/*.test.ts',
  version: '1.139.1', // the VS Code inside the code-server that test:e2e uses
  workspaceFolder: './examples/cdc-streaming',
  // Other installed extensions and the machine's settings stay out of the run.
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 60000, require: ['tsx/cjs'] },
});
