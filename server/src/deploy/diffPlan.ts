import { createHash } from 'crypto';
import { diffConfig, renderConfigChanges } from './connectorConfig';
import type { DesiredState } from './desiredTypes';
import type { ObservedState } from './observedState';
import type { Plan, PlanProblem, PlanStep, StepAction, StepKind } from './planTypes';
import { sameSchema } from './schemaText';
import type { JobStepFacts } from './target';
import { targetById } from './targets/registry';

export interface PlanWithFacts {
  plan: Plan;
  /** Keyed by step index. */
  jobFacts: Record<number, JobStepFacts>;
}

const SIGN: Record<StepAction, string> = { create: '+', update: '~', replace: '±', unchanged: '=' };

/**
 * Compares what the workspace wants with what the target has: the plan. Pure (no I/O), so every branch is
 * unit-tested with hand-made observed states. Nothing is ever deleted: a topic or job the workspace no longer
 * mentions is left alone (with a warning for a routing job that nothing generates any more).
 */
export function diffPlan(desired: DesiredState, observed: ObservedState, profile: string): PlanWithFacts {
  const steps: PlanStep[] = [];
  const errors: PlanProblem[] = [...desired.problems, ...observed.problems];
  const warnings: PlanProblem[] = [];
  const jobFacts: Record<number, JobStepFacts> = {};
  const add = (kind: StepKind, target: string, action: StepAction, what: string, extra: Partial<PlanStep> = {}) => {
    steps.push({ index: steps.length, kind, target, action, summary: `${SIGN[action]} ${what}`, ...extra });
    return steps.length - 1;
  };

  if (observed.topics) {
    for (const t of desired.topics) {
      const existing = observed.topics[t.name];
      const writers = t.deadLettersOf?.length
        ? `dead letters (records the job cannot read) of ${t.deadLettersOf.join(', ')}${t.writtenBy.length > t.deadLettersOf.length ? `; written by ${t.writtenBy.join(', ')}` : ''}`
        : `written by ${t.writtenBy.join(', ')}`;
      if (!existing) {
        add(
          'topic',
          t.name,
          'create',
          `topic ${t.name} (${t.partitions} partitions, replication ${t.replicationFactor})`,
          { details: writers },
        );
        continue;
      }
      const stepWarnings: string[] = [];
      if (existing.partitions < t.partitions) {
        const message = `topic ${t.name} has ${existing.partitions} partition${existing.partitions === 1 ? '' : 's'}, fewer than the profile's ${t.partitions}; deploy never alters an existing topic (add partitions with kafka-topics --alter if you need them).`;
        stepWarnings.push(message);
        warnings.push({ kind: 'topic', target: t.name, message });
      }
      add('topic', t.name, 'unchanged', `topic ${t.name} (${existing.partitions} partitions) exists`, {
        details: writers,
        ...(stepWarnings.length ? { warnings: stepWarnings } : {}),
      });
    }
  }

  if (observed.topics) errors.push(...missingSourceTopics(desired, observed.topics));

  if (observed.schemas) {
    for (const s of desired.schemas) {
      const o = observed.schemas[s.subject];
      if (!o) continue;
      if (o.latest === undefined) add('schema', s.subject, 'create', `schema ${s.subject} (${s.file})`);
      else if (sameSchema(o.latest, s.schema)) add('schema', s.subject, 'unchanged', `schema ${s.subject} unchanged`);
      else if (o.compatible)
        add('schema', s.subject, 'update', `schema ${s.subject} (new compatible version from ${s.file})`);
      else {
        add('schema', s.subject, 'update', `schema ${s.subject} (new version from ${s.file}) INCOMPATIBLE`);
        errors.push({
          kind: 'schema',
          target: s.subject,
          service: undefined,
          file: s.file,
          message: `Schema ${s.file} is not compatible with the latest version of ${s.subject}${o.messages.length ? `: ${o.messages.join('; ')}` : ''} — make the change compatible (e.g. give new fields a default) or change the subject's compatibility level.`,
        });
      }
    }
  }

  if (observed.connectors) {
    for (const c of desired.connectors) {
      const o = observed.connectors[c.name];
      if (!o) continue;
      for (const e of o.validation.errors) {
        errors.push({
          kind: 'connector',
          target: c.name,
          field: e.field,
          file: c.file,
          message: `Connector ${c.name} (${c.file}): Kafka Connect rejects ${e.field}: ${e.messages.join(' ')}`,
        });
      }
      if (!o.current) {
        add('connector', c.name, 'create', `connector ${c.name} (${Object.keys(c.config).length} keys from ${c.file})`);
        continue;
      }
      const changes = diffConfig(o.current, c);
      if (changes.length === 0)
        add('connector', c.name, 'unchanged', `connector ${c.name} unchanged${o.state ? ` (${o.state})` : ''}`);
      else
        add(
          'connector',
          c.name,
          'update',
          `connector ${c.name} (${changes.length} key${changes.length === 1 ? '' : 's'})`,
          { details: renderConfigChanges(changes) },
        );
    }
  }

  // The job steps are the target's (self-managed Flink, Confluent Cloud…): see target.ts.
  const jobSteps = targetById(desired.target).planJobs(desired, observed, warnings);
  for (const j of jobSteps) {
    const index = add('flinkJob', j.job.file, j.action, j.what, {
      details: j.details,
      ...(j.warnings.length ? { warnings: j.warnings } : {}),
    });
    jobFacts[index] = {
      file: j.job.file,
      replaces: j.replaces,
      resumeFrom: j.resumeFrom,
      ...(j.forceCancel ? { forceCancel: j.forceCancel } : {}),
    };
    if (j.error)
      errors.push({
        kind: 'flinkJob',
        target: j.job.file,
        file: j.job.file,
        message: j.error,
        ...(j.needsForce ? { needsForce: true } : {}),
      });
  }

  const plan: Plan = {
    fingerprint: '',
    profile,
    workspaceFolder: desired.folder,
    ...(desired.leftOut.length ? { leftOut: desired.leftOut } : {}),
    steps,
    errors,
    warnings,
    changes: steps.filter((s) => s.action !== 'unchanged').length,
    unreachable: observed.problems.some((p) => p.service !== undefined),
  };
  plan.fingerprint = fingerprintOf(plan, jobFacts);
  return { plan, jobFacts };
}

/**
 * A job whose source topic does not exist is submitted fine and then restarts in a loop
 * (UnknownTopicOrPartitionException): a plan error naming the topic and the command that creates it, before any
 * job is touched. Deploy never creates it: the source is the connector's (Debezium) or the producers' topic.
 */
function missingSourceTopics(desired: DesiredState, topics: Record<string, unknown>): PlanProblem[] {
  const creating = new Set(desired.topics.map((t) => t.name));
  const problems: PlanProblem[] = [];
  for (const job of desired.jobs) {
    if (topics[job.sourceTopic] || creating.has(job.sourceTopic)) continue;
    problems.push({
      kind: 'flinkJob',
      target: job.file,
      file: job.file,
      message: `Source topic ${job.sourceTopic} of ${job.file} does not exist: its job would fail and restart in a loop. Create it (${createTopicCommand(job.sourceTopic, desired.newTopic)}), or start the connector that writes it, then plan again.`,
    });
  }
  return problems;
}

function createTopicCommand(topic: string, facts: DesiredState['newTopic']): string {
  const bootstrap = facts?.bootstrapServers || '<bootstrap servers>';
  const sizing = facts ? ` --partitions ${facts.partitions} --replication-factor ${facts.replicationFactor}` : '';
  const client = facts?.secured ? " --command-config <client.properties with the profile's SASL/TLS settings>" : '';
  return `kafka-topics.sh --bootstrap-server ${bootstrap}${client} --create --topic ${topic}${sizing}`;
}

function fingerprintOf(plan: Plan, facts: Record<number, JobStepFacts>): string {
  const basis = JSON.stringify({
    profile: plan.profile,
    folder: plan.workspaceFolder,
    steps: plan.steps,
    errors: plan.errors.map((e) => e.message),
    facts,
  });
  return createHash('sha256').update(basis).digest('hex').slice(0, 32);
}
