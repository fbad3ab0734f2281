import * as fs from 'fs';
import * as path from 'path';
// the package's UMD entry defeats bundling (it requires its parts at run time); its ESM build bundles
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { ConnectionProfile } from '../platform/connectionProfile';
import { resolveProfiles } from '../platform/profileSettings';
import { STARTUP_MODES, type StartupMode } from '../sql/connectorOptions';
import type { JobSqlSettings } from './desiredTypes';

/** What the CLI reads from a workspace: its profiles (plus `local`) and its `cdcRouting.sql.*` choices. */
export interface WorkspaceSettings {
  profiles: ConnectionProfile[];
  /** Profiles left out and why (malformed, holding a secret). */
  problems: string[];
  activeProfile?: string;
  sql: JobSqlSettings;
}

/**
 * Reads `cdcRouting.*` from `DIR/.vscode/settings.json` (JSON with comments, as VS Code writes it), or from
 * `profilesFile` (the same shape, or a bare list of profiles). A missing settings file means only `local`.
 */
export function readWorkspaceSettings(
  folder: string,
  env: NodeJS.ProcessEnv,
  profilesFile?: string,
): WorkspaceSettings {
  const file = profilesFile ?? path.join(folder, '.vscode', 'settings.json');
  let settings: Record<string, unknown> = {};
  if (fs.existsSync(file) || profilesFile) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        cause: err,
      });
    }
    const errors: ParseError[] = [];
    const value: unknown = parse(text, errors, { allowTrailingComma: true });
    if (errors.length > 0) {
      const at = text.slice(0, errors[0].offset).split('\n').length;
      throw new Error(`${file}:${at}: not valid JSON (${printParseErrorCode(errors[0].error)})`);
    }
    settings = Array.isArray(value) ? { 'cdcRouting.profiles': value } : ((value ?? {}) as Record<string, unknown>);
  }
  const { profiles, problems } = resolveProfiles(settings['cdcRouting.profiles'], env);
  const active = settings['cdcRouting.activeProfile'];
  return {
    profiles,
    problems,
    activeProfile: typeof active === 'string' && active ? active : undefined,
    sql: jobSqlSettings({
      format: settings['cdcRouting.sql.format'],
      startupMode: settings['cdcRouting.sql.startupMode'],
      groupId: settings['cdcRouting.sql.groupId'],
    }),
  };
}

/** The `cdcRouting.sql.*` values a job's SQL takes, as read from settings (anything else is left at its default). */
export function jobSqlSettings(raw: { format?: unknown; startupMode?: unknown; groupId?: unknown }): JobSqlSettings {
  const { format, startupMode, groupId } = raw;
  return {
    ...(format === 'json' || format === 'avro-confluent' ? { format } : {}),
    ...(typeof startupMode === 'string' && STARTUP_MODES.includes(startupMode as StartupMode)
      ? { startupMode: startupMode as StartupMode }
      : {}),
    ...(typeof groupId === 'string' && groupId ? { groupId } : {}),
  };
}
