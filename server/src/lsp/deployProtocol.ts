import type { ApplyResult, Plan } from '../deploy/planTypes';

export type {
  ApplyResult,
  Plan,
  PlanProblem,
  PlanStep,
  StepAction,
  StepKind,
  StepResult,
  StepStatus,
} from '../deploy/planTypes';

/**
 * LSP methods of deploy (client: the `CDC Routing: Deploy…` command). The client asks for a plan, shows it,
 * and on confirmation asks to apply that plan by its fingerprint; the server re-plans and refuses when the
 * world changed in between, so what runs is what the user saw.
 */
export const DEPLOY_PLAN_REQUEST = 'cdcRouting/deploy/plan';
export const DEPLOY_APPLY_REQUEST = 'cdcRouting/deploy/apply';
export const DEPLOY_PROGRESS_NOTIFICATION = 'cdcRouting/deploy/progress';

export interface DeployPlanParams {
  /** The workspace folder (file URI or absolute path) holding flink-jobs/ and connectors/. */
  workspaceFolder?: string;
  /** Or a filters file (URI): its workspace is the folder above its flink-jobs/ folder (else its own folder). */
  filtersUri?: string;
  /** Connection profile name; the server's active profile when absent. */
  profile?: string;
  /** Deploy only these filters files (URIs or paths); every flink-jobs/filters*.yaml when absent. */
  files?: string[];
  /**
   * The editor's `cdcRouting.sql.format` / `startupMode` / `groupId` for the workspace (user and workspace
   * settings merged), so the deployed SQL is the SQL the preview shows; the workspace's .vscode/settings.json
   * when absent (other LSP clients).
   */
  sql?: { format?: string; startupMode?: string; groupId?: string };
}

/** Plan response: the plan, or (only) an error said for a user when none could be made (no workspace, unknown profile). */
export interface DeployPlanResult {
  plan?: Plan;
  error?: string;
}

export interface DeployApplyParams extends DeployPlanParams {
  /** The fingerprint of the plan the user confirmed. */
  fingerprint: string;
}

export interface DeployApplyResponse {
  result?: ApplyResult;
  error?: string;
}

export interface DeployProgressParams {
  fingerprint: string;
  /** 0-based step being applied. */
  step: number;
  total: number;
  message: string;
}
