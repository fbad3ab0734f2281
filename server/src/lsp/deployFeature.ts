import * as fs from 'fs';
import * as path from 'path';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { applyDeploy, planDeploy, type DeployInput } from '../deploy/deployEngine';
import type { JobSqlSettings } from '../deploy/desiredState';
import { jobSqlSettings, readWorkspaceSettings } from '../deploy/workspaceSettings';
import type { Secrets } from '../platform/connectionProfile';
import type { Platform } from '../platform/platform';
import {
  DeployApplyRequest,
  DeployPlanRequest,
  DeployProgressNotification,
  type DeployApplyResponse,
  type DeployPlanParams,
  type DeployPlanResult,
} from '../protocol';
import { onRequest, sendNotification } from './protocolConnection';

export interface DeployDeps {
  /** The platform of a profile (the active one when no name is given); undefined when the profile is unknown. */
  platform: (profileName?: string) => Platform | undefined;
  /** The secrets of a profile (the connector's database password, and what to mask); none when absent. */
  secrets?: (profileName?: string) => Secrets;
  /** The client's `cdcRouting.sql.*` choices; the workspace's .vscode/settings.json when absent. */
  sqlSettings?: () => JobSqlSettings;
}

/**
 * Serves deploy to any LSP client: plan (changes nothing) and apply (of the plan the user confirmed, by its
 * fingerprint), with progress notifications. One apply at a time: a second one while one runs is refused.
 */
export function registerDeploy(connection: Connection, deps: DeployDeps): void {
  let applying = false;

  const inputFor = (params: DeployPlanParams): DeployInput | string => {
    const folder = workspaceFolderOf(params);
    if (!folder)
      return 'no workspace folder: open the folder that holds flink-jobs/ (and connectors/), or a filters file in it.';
    const platform = deps.platform(params.profile);
    if (!platform) return `no connection profile "${params.profile ?? '(active)'}"; check cdcRouting.profiles.`;
    let settings: JobSqlSettings = {};
    try {
      settings = params.sql
        ? jobSqlSettings(params.sql)
        : (deps.sqlSettings?.() ?? readWorkspaceSettings(folder, process.env).sql);
    } catch {
      // an unreadable settings file only loses the SQL choices; the plan says what it used
    }
    const only = params.files?.length ? params.files.map((f) => path.resolve(folder, pathOf(f))) : undefined;
    const force = params.force === true;
    return { folder, platform, secrets: deps.secrets?.(params.profile) ?? {}, settings, only, force };
  };

  onRequest(connection, DeployPlanRequest, async (params): Promise<DeployPlanResult> => {
    const input = inputFor(params);
    if (typeof input === 'string') return { error: input };
    try {
      return { plan: (await planDeploy(input)).plan };
    } catch (err) {
      return { error: `the plan could not be made: ${(err as Error).message.split('\n')[0]}` };
    }
  });

  onRequest(connection, DeployApplyRequest, async (params): Promise<DeployApplyResponse> => {
    if (!params.fingerprint) return { error: 'apply needs the fingerprint of the plan that was confirmed.' };
    if (applying) return { error: 'a deploy is already running in this window; wait for it to finish.' };
    const input = inputFor(params);
    if (typeof input === 'string') return { error: input };
    applying = true;
    try {
      const { result } = await applyDeploy(input, params.fingerprint, (p) => {
        void sendNotification(connection, DeployProgressNotification, {
          fingerprint: params.fingerprint,
          step: p.step,
          total: p.total,
          message: p.message,
        });
      });
      return { result };
    } catch (err) {
      return { error: `the deploy stopped unexpectedly: ${(err as Error).message.split('\n')[0]}` };
    } finally {
      applying = false;
    }
  });
}

/** The folder holding flink-jobs/: the one given, or the one above a filters file's flink-jobs/ folder. */
export function workspaceFolderOf(params: DeployPlanParams): string | undefined {
  if (params.workspaceFolder) return path.resolve(pathOf(params.workspaceFolder));
  if (!params.filtersUri) return undefined;
  let dir = path.dirname(path.resolve(pathOf(params.filtersUri)));
  const start = dir;
  for (let i = 0; i < 4; i++) {
    if (path.basename(dir) === 'flink-jobs') return path.dirname(dir);
    if (fs.existsSync(path.join(dir, 'flink-jobs'))) return dir;
    dir = path.dirname(dir);
  }
  return start;
}

/** A file URI as a path; a path (Windows drive letters included) as it is. */
function pathOf(s: string): string {
  return /^[a-z][a-z0-9+.-]+:/i.test(s) && !/^[a-z]:[\\/]/i.test(s) ? URI.parse(s).fsPath : s;
}
