import type { ServiceName } from '../platform/platformError';

/**
 * The deploy plan: what the workspace wants next to what the target already has. Plain data (no class,
 * no Date), so it crosses LSP as JSON and renders the same in the CLI and the editor.
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
