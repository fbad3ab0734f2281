import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { ServiceName } from './platform';

/**
 * Deploy (client: the `CDC Routing: Deploy…` command, client/src/deploy/; server: server/src/lsp/deployFeature.ts).
 * The client asks for a plan, shows it, and on confirmation asks to apply that plan by its fingerprint; the
 * server re-plans and refuses when the world changed in between, so what runs is what the user saw. The plan
 * types are declared once, here; the deploy engine re-exports them (server/src/deploy/planTypes.ts).
 */

/** The four kinds of things a deploy manages, applied in this order. */
export type StepKind = 'topic' | 'schema' | 'connector' | 'flinkJob';

/** create: it does not exist; update: it exists with another config; replace: a running job gives way to a new one. */
export type StepAction = 'create' | 'update' | 'replace' | 'unchanged';

export interface PlanStep {
  /** 0-based position in the plan (apply order). */
  index: number;
  kind: StepKind;
  /** Topic name, schema subject, connector name or the job's filters file (workspace-relative). */
  target: string;
  action: StepAction;
  /** One line, diff-like: `+ topic filtered-x (3 partitions)`, `~ connector c (2 keys)`, `= flink job … unchanged`. */
  summary: string;
  /** Longer text: the connector's key-by-key diff (secrets redacted), the job's old and new names… */
  details?: string;
  /** Things worth knowing that are not actions (e.g. a topic with fewer partitions than the profile says). */
  warnings?: string[];
}

/** Something that stops the plan from being applied: an unreachable service, a rejected config, an incompatible schema. */
export interface PlanProblem {
  kind?: StepKind;
  target?: string;
  service?: ServiceName;
  /** What, where, why and what to do next, in one line; never a secret or a stack trace. */
  message: string;
  /** The connector config key Connect's validation named. */
  field?: string;
  /** A file the problem is in (workspace-relative) and its 1-based line, when known. */
  file?: string;
  line?: number;
  /** A job stuck RESTARTING/FAILING that only a forced deploy (cancel instead of savepoint) can replace. */
  needsForce?: boolean;
}

export interface Plan {
  /** sha256 of everything the plan was computed from (desired and observed state): apply refuses another. */
  fingerprint: string;
  profile: string;
  /** The workspace folder (absolute path) the desired state was read from. */
  workspaceFolder: string;
  /** Filters files of the workspace this plan leaves out (a deploy of chosen files only); their jobs are not touched. */
  leftOut?: string[];
  steps: PlanStep[];
  errors: PlanProblem[];
  warnings: PlanProblem[];
  /** How many steps change something. */
  changes: number;
  /** True when a service could not be reached (the CLI exits 2 rather than 1). */
  unreachable: boolean;
}

export type StepStatus = 'done' | 'unchanged' | 'skipped' | 'failed';

export interface StepResult {
  index: number;
  kind: StepKind;
  target: string;
  status: StepStatus;
  /** What was done, or why it failed (Flink's or Connect's own message). */
  message: string;
  /** For a failed Flink step: the offending line of the generated SQL (1-based), as Flink named it. */
  sqlLine?: { line: number; text: string; column?: number };
}

export interface ApplyResult {
  ok: boolean;
  profile: string;
  /** The plan that was applied (or refused). */
  fingerprint: string;
  steps: StepResult[];
  /** Index of the failed step. */
  failedStep?: number;
  /** Why nothing was applied: the world changed since the plan, or the plan has errors. */
  refused?: string;
}

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
  /** `deploy --force`: cancel a job stuck RESTARTING/FAILING and start from its last completed checkpoint. */
  force?: boolean;
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

/** A plan (changes nothing). */
export const DeployPlanRequest = new RequestType<DeployPlanParams, DeployPlanResult, void>('cdcRouting/deploy/plan');
/** Applies the plan of that fingerprint, if it is still the plan; one apply at a time. */
export const DeployApplyRequest = new RequestType<DeployApplyParams, DeployApplyResponse, void>(
  'cdcRouting/deploy/apply',
);
/** Server → client while an apply runs: the step being applied. */
export const DeployProgressNotification = new NotificationType<DeployProgressParams>('cdcRouting/deploy/progress');
