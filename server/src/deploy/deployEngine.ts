import type { Secrets } from '../platform/connectionProfile';
import type { Platform } from '../platform/platform';
import { applySteps, type ApplyProgress } from './applyPlan';
import { readDesiredState, type DesiredState, type JobSqlSettings } from './desiredState';
import { diffPlan, type PlanWithFacts } from './diffPlan';
import { observeState } from './observedState';
import type { ApplyResult } from './planTypes';

/** Everything a plan is made from: the workspace folder, the profile's clients and secrets, the SQL settings. */
export interface DeployInput {
  folder: string;
  platform: Platform;
  secrets: Secrets;
  settings?: JobSqlSettings;
  /** Deploy only these filters files (workspace-relative); all of flink-jobs/filters*.yaml when absent. */
  only?: string[];
  /** Replace jobs stuck RESTARTING/FAILING by cancelling them (`deploy --force`). */
  force?: boolean;
}

export interface PlannedDeploy extends PlanWithFacts {
  desired: DesiredState;
}

/** Reads the workspace, asks the target what exists, and compares: the plan (never changes anything). */
export async function planDeploy(input: DeployInput): Promise<PlannedDeploy> {
  const desired = {
    ...readDesiredState(input.folder, input.platform.profile, input.secrets, input.settings, input.only),
    ...(input.force ? { force: true } : {}),
  };
  const observed = await observeState(input.platform, desired, input.secrets);
  return { desired, ...diffPlan(desired, observed, input.platform.profile.name) };
}

/**
 * Applies the plan the user saw: plans again and refuses when the fingerprint differs (the workspace or the
 * target changed since), or when the plan has errors.
 */
export async function applyDeploy(
  input: DeployInput,
  fingerprint: string | undefined,
  onProgress?: (p: ApplyProgress) => void,
): Promise<{ planned: PlannedDeploy; result: ApplyResult }> {
  const planned = await planDeploy(input);
  const { plan } = planned;
  const refuse = (why: string): ApplyResult => ({
    ok: false,
    profile: plan.profile,
    fingerprint: plan.fingerprint,
    steps: [],
    refused: why,
  });
  if (fingerprint !== undefined && fingerprint !== plan.fingerprint) {
    return {
      planned,
      result: refuse('the workspace or the target changed since this plan was made; plan again and review it.'),
    };
  }
  if (plan.errors.length > 0) {
    return { planned, result: refuse(`the plan has ${plan.errors.length} error(s): ${plan.errors[0].message}`) };
  }
  return { planned, result: await applySteps(input.platform, planned.desired, planned, input.secrets, onProgress) };
}
