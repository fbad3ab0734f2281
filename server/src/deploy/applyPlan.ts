// Invariant: deploy never deletes, and never stops a running job before Flink has accepted the new SQL (each
// target's applyJob: EXPLAIN or a RUNNING statement first, then the old job stops). A team is never left without
// its routing job by a deploy, and what the workspace no longer names is for a person to remove.

import type { Platform } from '../platform/platform';
import { PlatformError } from '../platform/platformError';
import type { Secrets } from '../platform/connectionProfile';
import { redactSecrets, secretValues } from '../platform/redactSecrets';
import type { DesiredState } from './desiredTypes';
import type { PlanWithFacts } from './diffPlan';
import type { ApplyResult, PlanStep, StepKind, StepResult } from './planTypes';
import { need, StepFailure } from './stepFailure';
import { targetById } from './targets/registry';

const STEP_LABEL: Record<StepKind, string> = {
  topic: 'topic',
  schema: 'schema',
  connector: 'connector',
  flinkJob: 'Flink job',
};

export interface ApplyProgress {
  step: number;
  total: number;
  message: string;
}

/**
 * Applies a plan's steps in order (topics, schemas, connectors, jobs). Unchanged steps call nothing. The first
 * failure stops the run: earlier steps stay applied (each is whole on its own), later ones are skipped.
 */
export async function applySteps(
  platform: Platform,
  desired: DesiredState,
  planned: PlanWithFacts,
  secrets: Secrets,
  onProgress: (p: ApplyProgress) => void = () => undefined,
): Promise<ApplyResult> {
  const { plan, jobFacts } = planned;
  const results: StepResult[] = [];
  const total = plan.steps.length;
  let failedStep: number | undefined;
  for (const step of plan.steps) {
    const base = { index: step.index, kind: step.kind, target: step.target };
    if (failedStep !== undefined) {
      results.push({ ...base, status: 'skipped', message: `not applied: step ${failedStep + 1} failed` });
      continue;
    }
    if (step.action === 'unchanged') {
      results.push({ ...base, status: 'unchanged', message: 'unchanged, nothing called' });
      continue;
    }
    const progress = (message: string) =>
      onProgress({ step: step.index, total, message: `${STEP_LABEL[step.kind]} ${step.target}: ${message}` });
    progress(step.action === 'replace' ? 'replacing' : step.action === 'update' ? 'updating' : 'creating');
    try {
      const message = await applyStep(platform, desired, step, jobFacts, progress, secrets);
      results.push({ ...base, status: 'done', message });
    } catch (err) {
      failedStep = step.index;
      const sqlLine = err instanceof StepFailure ? err.sqlLine : undefined;
      const why = err instanceof Error ? err.message : String(err);
      results.push({
        ...base,
        status: 'failed',
        message: redactSecrets(why, secretValues(secrets)),
        ...(sqlLine ? { sqlLine } : {}),
      });
    }
  }
  return {
    ok: failedStep === undefined,
    profile: plan.profile,
    fingerprint: plan.fingerprint,
    steps: results,
    ...(failedStep !== undefined ? { failedStep } : {}),
  };
}

async function applyStep(
  platform: Platform,
  desired: DesiredState,
  step: PlanStep,
  jobFacts: PlanWithFacts['jobFacts'],
  progress: (m: string) => void,
  secrets: Secrets,
): Promise<string> {
  switch (step.kind) {
    case 'topic': {
      const topic = desired.topics.find((t) => t.name === step.target)!;
      const created = await need(platform.kafka, 'Kafka').createTopics([
        { name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor },
      ]);
      return created.includes(topic.name)
        ? `created (${topic.partitions} partitions, replication ${topic.replicationFactor})`
        : 'already existed (created meanwhile)';
    }
    case 'schema': {
      const schema = desired.schemas.find((s) => s.subject === step.target)!;
      const id = await need(platform.schemaRegistry, 'Schema Registry').register(schema.subject, schema.schema);
      return `registered (schema id ${id})`;
    }
    case 'connector': {
      const connector = desired.connectors.find((c) => c.name === step.target)!;
      const connect = need(platform.connect, 'Kafka Connect');
      const { created } = await connect.upsert(connector.name, connector.config);
      progress(created ? 'created, waiting for it to run' : 'updated, waiting for it to run');
      const state = await settledConnectorState(() => connect.get(connector.name));
      if (state.failed)
        throw new StepFailure(
          `connector ${connector.name} was ${created ? 'created' : 'updated'} but FAILED: ${state.why}`,
        );
      return `${created ? 'created' : 'updated'} (${state.text})`;
    }
    case 'flinkJob': {
      const job = desired.jobs.find((j) => j.file === step.target)!;
      const facts = jobFacts[step.index] ?? { file: job.file };
      return targetById(desired.target).applyJob(platform, job, facts, progress, secrets, { folder: desired.folder });
    }
  }
}

/** Waits (up to ~20 s) for a new or updated connector and its tasks to leave UNASSIGNED/RESTARTING. */
async function settledConnectorState(
  get: () => Promise<
    { state: string; trace?: string; tasks: { id: number; state: string; trace?: string }[] } | undefined
  >,
): Promise<{ failed: boolean; why?: string; text: string }> {
  const deadline = Date.now() + 20_000;
  let text = 'state unknown';
  for (let delay = 250; Date.now() < deadline; delay = Math.min(delay * 2, 2000)) {
    let status;
    try {
      status = await get();
    } catch (err) {
      if (err instanceof PlatformError) return { failed: false, text: `state not read: ${err.why}` };
      throw err;
    }
    if (status) {
      text = `${status.state}${status.tasks.map((t) => `, task ${t.id} ${t.state}`).join('')}`;
      const failedTask = status.tasks.find((t) => t.state === 'FAILED');
      if (status.state === 'FAILED' || failedTask) {
        const trace = (status.trace ?? failedTask?.trace ?? '').split('\n')[0];
        return { failed: true, why: `${text}${trace ? ` — ${trace}` : ''}`, text };
      }
      if (status.state === 'RUNNING' && status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING'))
        return { failed: false, text };
    }
    await new Promise((r) => setTimeout(r, delay));
  }
  return { failed: false, text };
}
