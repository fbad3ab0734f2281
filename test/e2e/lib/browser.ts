// Debian's Chromium, headless, started by the harness itself (so it is stopped by PID like
// code-server) and driven by playwright-core over the DevTools protocol. Its console messages and
// page errors go to the browser log of the run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { chromiumPath } from './paths';
import { Started, startLogged, stopProcess } from './processes';

const VIEWPORT = { width: 1440, height: 900 };

export interface RunningBrowser {
  process: Started;
  browser: Browser;
  context: BrowserContext;
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

/** Chromium (crash reports) and GTK (dconf) write under XDG folders whatever --user-data-dir says. */
function throwawayHome(profileDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, folder] of [
    ['XDG_CONFIG_HOME', 'xdg-config'],
    ['XDG_CACHE_HOME', 'xdg-cache'],
    ['XDG_DATA_HOME', 'xdg-data'],
  ]) {
    env[name] = path.join(profileDir, folder);
    fs.mkdirSync(env[name], { recursive: true });
  }
  return env;
}

async function waitForDevToolsPort(profileDir: string, started: Started, timeoutMs: number): Promise<number> {
  const file = path.join(profileDir, 'DevToolsActivePort');
  let exitedWith: number | string | undefined;
  void started.exited.then((code) => {
    exitedWith = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && exitedWith === undefined) {
    if (fs.existsSync(file)) {
      const port = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
      if (port > 0) return port;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Chromium did not open its DevTools port (${exitedWith === undefined ? 'timed out' : `exited with ${exitedWith}`})`,
  );
}

/** `processLog` gets Chromium's own output; `consoleLog` the pages' console messages and errors. */
export async function startBrowser(
  profileDir: string,
  logs: { processLog: string; consoleLog: string },
): Promise<RunningBrowser> {
  fs.rmSync(profileDir, { recursive: true, force: true });
  fs.mkdirSync(profileDir, { recursive: true });
  const started = startLogged(
    chromiumPath(),
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { env: throwawayHome(profileDir), logFile: logs.processLog },
  );
  try {
    const port = await waitForDevToolsPort(profileDir, started, 30_000);
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const note = (line: string) => fs.appendFileSync(logs.consoleLog, `${new Date().toISOString()} ${line}\n`);
    const watch = (page: Page) => {
      page.on('console', (message) => note(`[console.${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => note(`[pageerror] ${error.stack ?? error.message}`));
      page.on('crash', () => note('[crash] page crashed'));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    return {
      process: started,
      browser,
      context,
      async newPage() {
        const page = await context.newPage();
        await page.setViewportSize(VIEWPORT);
        return page;
      },
      async stop() {
        await browser.close().catch(() => undefined);
        await stopProcess(started);
      },
    };
  } catch (error) {
    await stopProcess(started);
    throw error;
  }
}
