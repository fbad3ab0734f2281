#!/usr/bin/env node
// The published CLI runs the bundle built by `npm run build`.
require('../dist/cli.js').main();
