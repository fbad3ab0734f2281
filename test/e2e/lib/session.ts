// One end-to-end run: prepare the cached Node 24 + code-server, package the extension, install it
// into a throwaway profile, start code-server and Chromium; then each scenario opens its own
// throwaway copy of examples/cdc-streaming in a fresh page. Everything lands in test-output/e2e/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunningBrowser, startBrowser } from './browser';
import { RunningCodeServer, createProfile, installExtension, startCodeServer } from './codeServer';
import { packageExtension } from './packageExtension';
import { E2E_OUTPUT, EXAMPLE_WORKSPACE } from './paths';
import { checkChromium, prepare } from './prepare';
import { Workbench } from './workbench';

const OUTPUT = {
  root: E2E_OUTPUT,
  screenshots: path.join(E2E_OUTPUT, 'screenshots'),
  work: path.join(E2E_OUTPUT, 'work'),
  packageLog: path.join(E2E_OUTPUT, 'package.log'),
  serverLog: path.join(E2E_OUTPUT, 'code-server.log'),
  chromiumLog: path.join(E2E_OUTPUT, 'chromium.log'),
  browserLog: path.join(E2E_OUTPUT, 'browser-console.log'),
  timings: path.join(E2E_OUTPUT, 'timings.json'),
};

const timings: Record<string, number> = {};

async function timed<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = (Date.now() - started) / 1000;
    process.stderr.write(`[e2e] ${name}: ${timings[name].toFixed(1)} s\n`);
  }
}

export function recordTiming(name: string, seconds: number): void {
  timings[name] = seconds;
}

interface Session {
  codeServer: RunningCodeServer;
  browser: RunningBrowser;
}

let session: Session | undefined;
let current: Workbench | undefined;

export async function startSession(): Promise<void> {
  fs.rmSync(OUTPUT.root, { recursive: true, force: true });
  fs.mkdirSync(OUTPUT.work, { recursive: true });
  const prepared = await timed('prepare (Node 24 + code-server)', () => {
    checkChromium();
    return prepare();
  });
  const vsix = await timed('package (npm run package)', () => packageExtension(OUTPUT.packageLog));
  const profile = createProfile(path.join(OUTPUT.work, 'profile'), prepared);
  await timed('install VSIX', () => installExtension(prepared, profile, vsix, OUTPUT.serverLog));
  const codeServer = await timed('start code-server', () =>
    startCodeServer(prepared, profile, { logFile: OUTPUT.serverLog }),
  );
  try {
    const browser = await timed('start Chromium', () =>
      startBrowser(path.join(OUTPUT.work, 'chromium-profile'), {
        processLog: OUTPUT.chromiumLog,
        consoleLog: OUTPUT.browserLog,
      }),
    );
    session = { codeServer, browser };
  } catch (error) {
    await codeServer.stop();
    throw error;
  }
}

export async function stopSession(): Promise<void> {
  const ending = session;
  session = undefined;
  current = undefined;
  if (ending) {
    await ending.browser.stop().catch((error) => process.stderr.write(`[e2e] stopping Chromium: ${error}\n`));
    await ending.codeServer.stop().catch((error) => process.stderr.write(`[e2e] stopping code-server: ${error}\n`));
  }
  fs.mkdirSync(OUTPUT.root, { recursive: true });
  fs.writeFileSync(OUTPUT.timings, `${JSON.stringify(timings, null, 2)}\n`);
}

/**
 * A fresh page on a fresh copy of examples/cdc-streaming, so no scenario sees another's edits.
 * `name` names the scenario's screenshot folder.
 */
export async function openWorkspace(name: string): Promise<Workbench> {
  if (!session) throw new Error('the e2e session is not started (run through npm run test:e2e)');
  const folder = path.join(OUTPUT.work, 'workspaces', name, path.basename(EXAMPLE_WORKSPACE));
  fs.rmSync(folder, { recursive: true, force: true });
  fs.cpSync(EXAMPLE_WORKSPACE, folder, { recursive: true });
  if (current) await current.page.close().catch(() => undefined);
  const page = await session.browser.newPage();
  current = await Workbench.open(
    page,
    session.codeServer.folderUrl(folder),
    path.join(OUTPUT.screenshots, name),
    folder,
  );
  return current;
}

/** The workbench of the running scenario (for failure screenshots). */
export function currentWorkbench(): Workbench | undefined {
  return current;
}
