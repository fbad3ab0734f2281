// A throwaway code-server: its own profile (user data, extensions, XDG folders), the VSIX installed
// into it, listening on 127.0.0.1 with no auth. Settings keep runs deterministic (see
// shared/real-vscode-notes.md): above all files.autoSave off, so typed text never reaches the disk.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { Prepared } from './prepare';
import { Started, startLogged, stopProcess } from './processes';

const DETERMINISTIC_SETTINGS: Record<string, unknown> = {
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  // Beyond the notes: code-server announces every port opened on the machine (e.g. a local stack's
  // PostgreSQL) with a toast that covers the editor in screenshots.
  'remote.autoForwardPorts': false,
};

export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  env: NodeJS.ProcessEnv;
}

/** Creates a profile under `root` (emptied first) with the deterministic user settings. */
export function createProfile(root: string, prepared: Prepared, extraSettings: Record<string, unknown> = {}): Profile {
  fs.rmSync(root, { recursive: true, force: true });
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const xdg = { XDG_CONFIG_HOME: 'xdg-config', XDG_DATA_HOME: 'xdg-data', XDG_CACHE_HOME: 'xdg-cache' };
  const env: NodeJS.ProcessEnv = { ...prepared.env };
  for (const [name, folder] of Object.entries(xdg)) {
    env[name] = path.join(root, folder);
    fs.mkdirSync(env[name], { recursive: true });
  }
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DETERMINISTIC_SETTINGS, ...extraSettings }, null, 2),
  );
  return { root, userDataDir, extensionsDir, configFile: path.join(root, 'config.yaml'), env };
}

export function installExtension(prepared: Prepared, profile: Profile, vsix: string, logFile: string): void {
  const result = spawnSync(
    prepared.node,
    [
      prepared.codeServerEntry,
      '--install-extension',
      vsix,
      '--force',
      '--extensions-dir',
      profile.extensionsDir,
      '--user-data-dir',
      profile.userDataDir,
    ],
    { env: profile.env, encoding: 'utf8' },
  );
  fs.appendFileSync(logFile, `$ code-server --install-extension ${vsix}\n${result.stdout}${result.stderr}\n`);
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout)) {
    throw new Error(
      `installing ${vsix} into code-server failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2000, () => request.destroy());
  });
}

export interface RunningCodeServer {
  url: string;
  port: number;
  process: Started;
  /** URL that opens `folder` in the workbench. */
  folderUrl(folder: string): string;
  stop(): Promise<void>;
}

export async function startCodeServer(
  prepared: Prepared,
  profile: Profile,
  options: { logFile: string; port?: number; timeoutMs?: number },
): Promise<RunningCodeServer> {
  const port = options.port ?? (await freePort());
  fs.writeFileSync(
    profile.configFile,
    [
      `bind-addr: 127.0.0.1:${port}`,
      'auth: none',
      'cert: false',
      'disable-telemetry: true',
      'disable-update-check: true',
      'disable-workspace-trust: true',
      'disable-getting-started-override: true',
      '',
    ].join('\n'),
  );
  const started = startLogged(
    prepared.node,
    [
      prepared.codeServerEntry,
      '--config',
      profile.configFile,
      '--user-data-dir',
      profile.userDataDir,
      '--extensions-dir',
      profile.extensionsDir,
    ],
    { env: profile.env, logFile: options.logFile },
  );
  const url = `http://127.0.0.1:${port}`;
  const running: RunningCodeServer = {
    url,
    port,
    process: started,
    folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`,
    stop: () => stopProcess(started),
  };
  // Poll /healthz until it answers, failing fast if code-server exits instead.
  let exitedWith: number | string | undefined;
  void started.exited.then((code) => {
    exitedWith = code;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) break;
    if (await healthy(url)) return running;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await running.stop();
  const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(
    `code-server did not become healthy on ${url} (${exitedWith === undefined ? 'timed out' : `exited with ${exitedWith}`}); log ${options.logFile}:\n${tail}`,
  );
}
