import * as path from 'path';
import type { JobSqlSettings } from '../deploy/desiredState';
import { readWorkspaceSettings } from '../deploy/workspaceSettings';
import { secretsFromEnv, type ConnectionProfile, type Secrets } from '../platform/connectionProfile';
import { profileByName } from '../platform/profileSettings';

/** The workspace and the profile a platform command (plan, deploy, status, tail) works with. */
export interface ResolvedProfile {
  folder: string;
  profile: ConnectionProfile;
  secrets: Secrets;
  sql: JobSqlSettings;
  /** Profiles of the settings that were left out (said, not fatal unless it was the one asked for). */
  problems: string[];
}

/**
 * The CLI's view of a workspace and a profile: profiles from the workspace settings (or --profiles-file),
 * the one named by --profile (else cdcRouting.activeProfile, else `local`), secrets from CDC_ROUTING_* variables.
 * Throws an Error said for a user when the profile does not exist.
 */
export function resolveProfile(
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: { dir?: string; profile?: string; profilesFile?: string },
): ResolvedProfile {
  const folder = path.resolve(cwd, options.dir ?? '.');
  const settings = readWorkspaceSettings(
    folder,
    env,
    options.profilesFile ? path.resolve(cwd, options.profilesFile) : undefined,
  );
  const name = options.profile ?? settings.activeProfile ?? 'local';
  const profile = profileByName(settings.profiles, name);
  if (!profile) {
    const left = settings.problems.find((p) => p.includes(`"${name}"`));
    throw new Error(
      `no connection profile "${name}"${left ? ` (${left})` : ''}; known: ${settings.profiles.map((p) => p.name).join(', ')}`,
    );
  }
  return { folder, profile, secrets: secretsFromEnv(env), sql: settings.sql, problems: settings.problems };
}
