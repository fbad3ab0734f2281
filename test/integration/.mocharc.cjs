// Integration tests against the real local stack (npm run test:integration): each file starts the stack through
// stack/index.ts and stops it afterwards. Slow (the first run fetches the jars), so not part of `npm test`.
module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  spec: ['test/integration/**/*.test.ts'],
  timeout: 600000,
  slow: 30000,
  reporter: 'spec',
  exit: true,
};
