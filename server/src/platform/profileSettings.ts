import Ajv, { type ErrorObject } from 'ajv';
import type { ConnectionProfile } from './connectionProfile';
import { localProfile } from './localProfile';
import { DEFAULT_TOPIC_DEFAULTS, PROFILES_SCHEMA } from './profileSchema';
import { hasUrlCredentials } from './redactSecrets';

export const SECRETS_IN_SETTINGS_PROBLEM =
  'secrets belong in SecretStorage (CDC Routing: Set Secret…) or CDC_ROUTING_* env vars';

/** Keys that hold a secret, wherever they appear in a profile (including connectorOverrides). */
const SECRET_KEY = /(password|passwd|secret|api[._-]?key|token|credentials?)$/i;

const validateProfile = new Ajv({ allErrors: true, strict: false }).compile(PROFILES_SCHEMA.items);

/**
 * The profiles of the `cdcRouting.profiles` setting plus the built-in `local` one (a settings profile named
 * `local` replaces it). A profile that is malformed or holds a secret is left out with a problem that says
 * which one and why; the rest still load.
 */
export function resolveProfiles(
  settingsValue: unknown,
  env: NodeJS.ProcessEnv = process.env,
): { profiles: ConnectionProfile[]; problems: string[] } {
  const problems: string[] = [];
  const byName = new Map<string, ConnectionProfile>([['local', localProfile(env)]]);
  const entries = settingsValue === undefined || settingsValue === null ? [] : settingsValue;
  if (!Array.isArray(entries)) {
    problems.push('cdcRouting.profiles must be a list of profiles; it was ignored');
    return { profiles: [...byName.values()], problems };
  }
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const label = profileLabel(entry, index);
    const secretPaths = [...secretKeyPaths(entry), ...urlCredentialPaths(entry)];
    if (secretPaths.length > 0) {
      problems.push(`${label}: ${secretPaths.join(', ')} — ${SECRETS_IN_SETTINGS_PROBLEM}; the profile was not loaded`);
      return;
    }
    if (!validateProfile(entry)) {
      const why = (validateProfile.errors ?? []).map(describeAjvError).join('; ');
      problems.push(`${label}: ${why}; the profile was not loaded`);
      return;
    }
    const profile = entry as Omit<ConnectionProfile, 'topicDefaults'> & {
      topicDefaults?: ConnectionProfile['topicDefaults'];
    };
    if (seen.has(profile.name))
      problems.push(`${label}: a profile named "${profile.name}" appears more than once; the last one wins`);
    seen.add(profile.name);
    byName.set(profile.name, { ...profile, topicDefaults: profile.topicDefaults ?? { ...DEFAULT_TOPIC_DEFAULTS } });
  });
  return { profiles: [...byName.values()], problems };
}

/** The profile of that name, if any (names are case-sensitive, as in settings). */
export function profileByName(profiles: readonly ConnectionProfile[], name: string): ConnectionProfile | undefined {
  return profiles.find((p) => p.name === name);
}

function profileLabel(entry: unknown, index: number): string {
  const name = (entry as { name?: unknown } | null)?.name;
  return `cdcRouting.profiles[${index}]${typeof name === 'string' ? ` ("${name}")` : ''}`;
}

/** JSON paths of keys that look like secrets; their values are never read into a message. */
function secretKeyPaths(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childPath = `${path}/${key}`;
    if (SECRET_KEY.test(key)) out.push(childPath);
    else out.push(...secretKeyPaths(child, childPath));
  }
  return out;
}

/** JSON paths of string values holding a URL with a password (http://alice:secret@host), refused like password keys. */
function urlCredentialPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return hasUrlCredentials(value) ? [`${path || '/'} (a password in the URL)`] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    SECRET_KEY.test(key) ? [] : urlCredentialPaths(child, `${path}/${key}`),
  );
}

function describeAjvError(e: ErrorObject): string {
  const at = e.instancePath || '/';
  switch (e.keyword) {
    case 'additionalProperties':
      return `${at}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `${at}: missing "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `${at} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at} ${e.message ?? 'is invalid'}`;
  }
}
