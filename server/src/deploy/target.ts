import type { ConnectionProfile, Secrets } from '../platform/connectionProfile';
import type { Platform } from '../platform/platform';
import type { ServiceName } from '../platform/platformError';
import type { GenerateSqlOptions } from '../sql/connectorOptions';
import type { DesiredJob, DesiredState } from './desiredTypes';
import type { PlanProblem, StepAction } from './planTypes';

/**
 * Where the routing jobs run: everything a deploy does differently per kind of Flink. Topics, schemas and
 * connectors are the same everywhere and stay in desiredState / observedState / diffPlan / applyPlan; the job
 * steps ask the profile's target (targets/registry.ts picks it) how to name the job and which SQL dialect it
 * runs, what runs now, which step each filters file gets, and how that step is applied.
 *
 * One module per target under targets/: `sqlGatewayTarget.ts` (self-managed Flink: SQL Gateway + REST API,
 * stop-with-savepoint) and `confluentCloudTarget.ts` (the statements API). A new target — the Flink Kubernetes
 * operator is next — is one new module implementing this interface (its observed part of ObservedState
 * included), listed in targets/registry.ts, plus its block in the profile (`connectionProfile.ts` and
 * `profileSchema.ts`) that `selectedBy` recognises. Nothing outside targets/ branches on the kind of target.
 */
export interface DeployTarget<Observed extends object = object, Id extends string = string> {
  /** `DesiredState.target`: which target a desired state was read for. */
  readonly id: Id;
  /** Whether a profile deploys here. The registry asks the targets in order; the SQL Gateway is last (the default). */
  selectedBy(profile: ConnectionProfile): boolean;

  // describing the desired job
  /** The generator's options for this target (its dialect) from the ones every target shares. */
  sqlOptions(common: Omit<GenerateSqlOptions, 'target'>): GenerateSqlOptions;
  /** The name the job runs under here, which also tells which filters file and SQL it runs (see jobIdentity.ts). */
  jobName(sourceTopic: string, filtersFile: string, hash: string): string;
  /** What a job is called in plan lines (`+ flink job …`, `± statement …`). */
  readonly jobNoun: string;

  /** What runs now, asked through `ask` so a failure is one plan problem; its keys are merged into ObservedState. */
  observe(context: ObserveContext, desired: DesiredState): Promise<Observed>;
  /** The job step of each desired job (pure: plan tests pass hand-made observed states); warnings are appended. */
  planJobs(desired: DesiredState, observed: Observed, warnings: PlanProblem[]): JobPlan[];
  /**
   * Runs one planned job step; the message says what was done, a StepFailure why not. `secrets` are the profile's
   * (a job that logs in to Kafka gets them only in what is submitted, never in the committed script).
   */
  applyJob(
    platform: Platform,
    job: DesiredJob,
    facts: JobStepFacts,
    progress: (message: string) => void,
    secrets: Secrets,
    workspace: JobWorkspace,
  ): Promise<string>;
}

/** Where the deploy runs from: the workspace whose `.cdc-routing/deploy-state.json` remembers savepoints and SQL. */
export interface JobWorkspace {
  folder: string;
}

/** How a target asks the platform while observing (observedState.ts owns the failures and their problems).
 * Its functions are properties, not methods: they use no `this`, and the targets destructure them. */
export interface ObserveContext {
  platform: Platform;
  /** Runs a call of that service; a failure becomes one plan problem and this and later calls answer undefined. */
  ask: <T>(service: ServiceName, call: () => Promise<T>) => Promise<T | undefined>;
  /** Records that the profile lacks a service the target needs `neededFor` (e.g. "to submit the routing jobs"). */
  missing: (service: ServiceName, neededFor: string) => void;
  /** Whether that service failed (or is missing) so far. */
  failed: (service: ServiceName) => boolean;
}

/** What a Flink job step needs at apply time beyond the plan's text: which job it replaces, which savepoint it resumes. */
export interface JobStepFacts {
  file: string;
  /** The active job (Flink job id or Confluent Cloud statement name) this step replaces. */
  replaces?: { id: string; name: string };
  /** A savepoint of a stopped routing job of the same topic to start from (a replace that failed half-way). */
  resumeFrom?: string;
  /**
   * `deploy --force` on a job stuck RESTARTING/FAILING (no savepoint can be taken): cancel it instead, and start
   * from its last completed checkpoint when there is one.
   */
  forceCancel?: { state: string; checkpoint?: string };
}

/** A target's plan for one desired job; diffPlan makes it a step and keeps its facts for apply. */
export interface JobPlan {
  job: DesiredJob;
  action: StepAction;
  what: string;
  details?: string;
  warnings: string[];
  replaces?: { id: string; name: string };
  resumeFrom?: string;
  forceCancel?: JobStepFacts['forceCancel'];
  /** Why this step cannot be applied as planned (a plan error at the filters file). */
  error?: string;
  /** The error goes away with --force. */
  needsForce?: boolean;
}
