// Integration tests against the real local stack (npm run test:integration). Files that use sharedStack.ts
// share one stack, stopped by its root hook; the older files start and stop it themselves.
module.exports = {
  // the CLI and LSP tests drive the bundles users get: rebuilt first, also when one file runs alone
  require: ['tsx/cjs', 'test/setup/buildBundles.ts', 'test/integration/sharedStack.ts'],
  extension: ['ts'],
  // files named on the command line run alone (mocha would otherwise add them to the whole suite)
  spec: process.argv.some((a) => a.endsWith('.test.ts')) ? [] : ['test/integration/**/*.test.ts'],
  timeout: 600000,
  slow: 30000,
  reporter: 'spec',
  exit: true,
};
