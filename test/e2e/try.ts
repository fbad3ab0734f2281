// npm run try: build and package the extension, then open examples/cdc-streaming in VS Code with it
// installed — the desktop `code` CLI where there is one, otherwise the cached code-server (the same
// one the e2e tests use) on 127.0.0.1, printing the URL and running until Ctrl+C.
//   CDC_ROUTING_TRY=code-server  use code-server even where `code` exists
//   CDC_ROUTING_TRY_PORT=N       code-server's port (default 8765, or a free one if that is taken)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createProfile, freePort, installExtension, startCodeServer } from './lib/codeServer';
import { packageExtension } from './lib/packageExtension';
import { CODE_SERVER_VERSION, EXAMPLE_WORKSPACE, REPO_ROOT } from './lib/paths';
import { prepare } from './lib/prepare';

const OUTPUT = path.join(REPO_ROOT, 'test-output', 'try');

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

function desktopCode(): string | undefined {
  if (process.env.CDC_ROUTING_TRY === 'code-server') return undefined;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  const cli = found.stdout.trim();
  return found.status === 0 && cli ? cli : undefined;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  fs.mkdirSync(OUTPUT, { recursive: true });
  say('Building and packaging the extension (npm run package)…');
  const vsix = packageExtension(path.join(OUTPUT, 'package.log'));
  say(`Packaged ${path.relative(REPO_ROOT, vsix)}`);

  const code = desktopCode();
  if (code) {
    const install = spawnSync(code, ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
    if (install.status !== 0) throw new Error(`${code} --install-extension ${vsix} failed (exit ${install.status})`);
    spawnSync(code, [EXAMPLE_WORKSPACE], { stdio: 'inherit' });
    say(`Opened ${EXAMPLE_WORKSPACE} in VS Code with CDC Routing installed. Open flink-jobs/filters.yaml to start.`);
    return;
  }

  say('No desktop `code` CLI here: using code-server in the browser.');
  const prepared = prepare();
  // A fresh profile per run, so the extension under try is exactly the one just packaged.
  const profile = createProfile(path.join(OUTPUT, 'profile'), prepared);
  const serverLog = path.join(OUTPUT, 'code-server.log');
  fs.writeFileSync(serverLog, '');
  installExtension(prepared, profile, vsix, serverLog);
  const wanted = Number(process.env.CDC_ROUTING_TRY_PORT || 8765);
  const port = (await portFree(wanted)) ? wanted : await freePort();
  const server = await startCodeServer(prepared, profile, { logFile: serverLog, port });
  say('');
  say(`  CDC Routing is running in VS Code (code-server ${CODE_SERVER_VERSION}):`);
  say('');
  say(`    ${server.folderUrl(EXAMPLE_WORKSPACE)}`);
  say('');
  say(`  Open that URL in a browser on this machine (listening on 127.0.0.1 only), then flink-jobs/filters.yaml.`);
  say(`  Log: ${path.relative(REPO_ROOT, serverLog)}. Press Ctrl+C to stop.`);
  // Ctrl+C: processes.ts stops code-server's process group by PID and exits.
  const exited = await server.process.exited;
  throw new Error(`code-server stopped by itself (exit ${exited}); see ${serverLog}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run try: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
