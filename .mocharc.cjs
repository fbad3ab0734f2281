// Fast tests only: unit tests and the language server driven over stdio.
// The local-stack integration tests and the VS Code end-to-end tests have their own npm scripts.
module.exports = {
  require: ['tsx/cjs', './test/setup/buildBundles.ts'],
  extension: ['ts'],
  spec: ['test/unit/**/*.test.ts', 'test/lsp/**/*.test.ts'],
  timeout: 20000,
  reporter: 'spec',
};
