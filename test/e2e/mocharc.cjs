// The end-to-end run (npm run test:e2e): the extension's VSIX in a real VS Code (code-server) driven
// through headless Chromium. One file per scenario under scenarios/, run in name order.
module.exports = {
  require: ['tsx/cjs', './test/e2e/hooks.ts'],
  extension: ['ts'],
  // files named on the command line run alone (mocha would otherwise add them to the whole suite)
  spec: process.argv.some((a) => a.endsWith('.e2e.ts')) ? [] : ['test/e2e/scenarios/*.e2e.ts'],
  sort: true,
  timeout: 300000, // per scenario; a loaded 2-core machine has taken 2 minutes for one
  reporter: 'spec',
};
