// Bundles the three entry points: the VS Code client, the language server, and the CLI.
// One bundle each keeps the VSIX free of node_modules and the server's start-up to a single file read.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // kafkajs and others probe optional modules at run time; they are not needed in the bundle.
  external: ['vscode', 'snappy', 'lz4', 'kerberos', '@mongodb-js/zstd', 'bufferutil', 'utf-8-validate'],
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/serverProcess.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];
if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
