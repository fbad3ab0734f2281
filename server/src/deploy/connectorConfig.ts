import * as fs from 'fs';
import * as path from 'path';
import type { ConnectionProfile, Secrets } from '../platform/connectionProfile';

/** A connector the workspace wants: its JSON file with the profile's overrides (and secrets) applied. */
export interface DesiredConnector {
  name: string;
  /** Workspace-relative path of the JSON file. */
  file: string;
  config: Record<string, string>;
  /** Keys whose values came from a secret: never shown. */
  secretKeys: string[];
}

const REDACTED = '********';
/** Keys whose values are credentials by their name (Debezium, JDBC, SASL JAAS configs). */
const SECRET_KEY = /password|secret|api[._-]?key|token|credential|sasl\.jaas\.config/i;
/** `${env:…}` / `${file:…}` placeholders are resolved by Connect's config providers: safe to show as they are. */
const PLACEHOLDER = /^\$\{[a-z]+:[^}]*\}$/i;

/**
 * Reads one connector file (`{ "name": …, "config": {…} }`), applying `profile.connectorOverrides` and, when the
 * `connector.databasePassword` secret is set, putting it in `database.password`. Placeholders stay as written.
 */
export function loadConnector(
  folder: string,
  file: string,
  profile: ConnectionProfile,
  secrets: Secrets,
): DesiredConnector {
  const rel = path.relative(folder, file).split(path.sep).join('/');
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${rel} is not readable JSON: ${(err as Error).message}`, { cause: err });
  }
  const body = parsed as { name?: unknown; config?: unknown };
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof body.name !== 'string' ||
    typeof body.config !== 'object' ||
    body.config === null
  ) {
    throw new Error(
      `${rel} must hold { "name": "...", "config": { ... } } (the body Kafka Connect's POST /connectors takes)`,
    );
  }
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(body.config as Record<string, unknown>)) {
    if (key === 'name') continue;
    config[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  Object.assign(config, profile.connectorOverrides ?? {});
  const secretKeys: string[] = [];
  const password = secrets['connector.databasePassword'];
  if (password) {
    config['database.password'] = password;
    secretKeys.push('database.password');
  }
  return { name: body.name, file: rel, config, secretKeys };
}

/** Every `connectors/*.json` of the workspace, sorted by file name. */
export function connectorFiles(folder: string): string[] {
  const dir = path.join(folder, 'connectors');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => path.join(dir, n));
}

/** A value as it may be shown: secrets (by origin or by key name) are masked, placeholders are not. */
export function shownValue(key: string, value: string | undefined, secretKeys: readonly string[] = []): string {
  if (value === undefined) return '(absent)';
  if (secretKeys.includes(key) || (SECRET_KEY.test(key) && !PLACEHOLDER.test(value))) return REDACTED;
  return JSON.stringify(value);
}

export interface ConfigChange {
  key: string;
  change: 'add' | 'change' | 'remove';
  /** Shown values (redacted). */
  from?: string;
  to?: string;
}

/** The key-by-key difference the update would make (Connect replaces the whole config, so absent keys go). */
export function diffConfig(current: Record<string, string>, desired: DesiredConnector): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const keys = [...new Set([...Object.keys(current), ...Object.keys(desired.config)])]
    .filter((k) => k !== 'name')
    .sort();
  for (const key of keys) {
    const before = current[key];
    const after = desired.config[key];
    if (before === after) continue;
    const show = (v: string | undefined) => shownValue(key, v, desired.secretKeys);
    if (before === undefined) changes.push({ key, change: 'add', to: show(after) });
    else if (after === undefined) changes.push({ key, change: 'remove', from: show(before) });
    else changes.push({ key, change: 'change', from: show(before), to: show(after) });
  }
  return changes;
}

export function renderConfigChanges(changes: ConfigChange[]): string {
  return changes
    .map((c) =>
      c.change === 'add'
        ? `+ ${c.key} = ${c.to}`
        : c.change === 'remove'
          ? `- ${c.key} = ${c.from}`
          : `~ ${c.key}: ${c.from} → ${c.to}`,
    )
    .join('\n');
}
