import { createHash } from 'crypto';
import { diffConfig, renderConfigChanges } from './connectorConfig';
import type { DesiredJob, DesiredState } from './desiredState';
import {
  ACTIVE_STATEMENT_PHASES,
  cloudFilePart,
  cloudTopicPart,
  jobFileLabel,
  jobMayBelongTo,
  parseCloudStatementName,
  parseFlinkJobName,
} from './jobIdentity';
import type { ObservedState } from './observedState';
import type { Plan, PlanProblem, PlanStep, StepAction, StepKind } from './planTypes';
import { sameSchema } from './schemaText';

/** What a Flink job step needs at apply time beyond the plan's text: which job it replaces, which savepoint it resumes. */
export interface JobStepFacts {
  file: string;
  /** The active job (Flink job id or Confluent Cloud statement name) this step replaces. */
  replaces?: { id: string; name: string };
  /** A savepoint of a stopped routing job of the same topic to start from (a replace that failed half-way). */
  resumeFrom?: string;
}

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
      const writers = `written by ${t.writtenBy.join(', ')}`;
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

  const jobSteps =
    desired.target === 'confluent-cloud'
      ? planStatements(desired, observed, warnings)
      : planFlinkJobs(desired, observed, warnings);
  for (const j of jobSteps) {
    const index = add('flinkJob', j.job.file, j.action, j.what, {
      details: j.details,
      ...(j.warnings.length ? { warnings: j.warnings } : {}),
    });
    jobFacts[index] = { file: j.job.file, replaces: j.replaces, resumeFrom: j.resumeFrom };
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

interface JobPlan {
  job: DesiredJob;
  action: StepAction;
  what: string;
  details?: string;
  warnings: string[];
  replaces?: { id: string; name: string };
  resumeFrom?: string;
}

function planFlinkJobs(desired: DesiredState, observed: ObservedState, warnings: PlanProblem[]): JobPlan[] {
  if (!observed.jobs) return [];
  const identity = (name: string) => {
    const parsed = parseFlinkJobName(name);
    return { topic: parsed?.sourceTopic ?? '', file: parsed?.file };
  };
  const active = observed.jobs.map((j) => ({ id: j.id, name: j.name, state: j.state, ...identity(j.name) }));
  // A stopped job of the same file first; one named before files were in names is any file's of its topic.
  const savepointsOf = (topic: string, file: string) =>
    (observed.stoppedJobs ?? [])
      .filter((s) => jobMayBelongTo(identity(s.name), topic, file))
      .sort((a, b) => Number(identity(b.name).file === file) - Number(identity(a.name).file === file))
      .map((s) => s.savepoint);
  return pairJobs(desired, active, warnings, savepointsOf, jobFileLabel, 'flink job');
}

function planStatements(desired: DesiredState, observed: ObservedState, warnings: PlanProblem[]): JobPlan[] {
  if (!observed.statements) return [];
  const active = observed.statements
    .filter((s) => ACTIVE_STATEMENT_PHASES.has(s.phase) && parseCloudStatementName(s.name))
    .map((s) => {
      const parsed = parseCloudStatementName(s.name)!;
      return { id: s.name, name: s.name, state: s.phase, topic: parsed.topicPart, file: parsed.file };
    });
  const byPart: DesiredState = {
    ...desired,
    jobs: desired.jobs.map((j) => ({ ...j, sourceTopic: cloudTopicPart(j.sourceTopic) })),
  };
  return pairJobs(byPart, active, warnings, () => [], cloudFilePart, 'statement').map((p) => ({
    ...p,
    job: desired.jobs.find((j) => j.file === p.job.file)!,
  }));
}

/**
 * Pairs each filters file with its running job: the same name means the same SQL (unchanged); otherwise the
 * active job named with the same source topic and file is the one it replaces. A job named before the file was
 * part of the name may be any file's of its topic: taken by start order, with a warning when that is a guess.
 */
function pairJobs(
  desired: DesiredState,
  active: { id: string; name: string; state: string; topic: string; file?: string }[],
  warnings: PlanProblem[],
  savepointsOf: (topic: string, file: string) => string[],
  labelOf: (file: string) => string,
  noun: string,
): JobPlan[] {
  const claimed = new Set<string>();
  const resumed = new Set<string>();
  const out: JobPlan[] = [];
  const changed: DesiredJob[] = [];
  for (const job of desired.jobs) {
    const same = active.find((a) => a.name === job.name && !claimed.has(a.id));
    if (same) {
      claimed.add(same.id);
      out.push({
        job,
        action: 'unchanged',
        what: `${noun} ${job.file} unchanged ("${job.name}", ${same.state.toLowerCase()}, id ${same.id})`,
        warnings: [],
      });
    } else changed.push(job);
  }
  for (const job of changed) {
    const label = labelOf(job.file);
    const candidates = active.filter((a) => !claimed.has(a.id) && jobMayBelongTo(a, job.sourceTopic, label));
    const old = candidates.find((a) => a.file === label) ?? candidates[0];
    const jobWarnings: string[] = [];
    const rivals = changed.filter((j) => j !== job && j.sourceTopic === job.sourceTopic).length;
    if (old && old.file === undefined && rivals > 0) {
      const message = `${job.file} replaces "${old.name}" by start order: that job was deployed before job names carried their filters file, and ${rivals + 1} filters files of ${job.sourceTopic} changed; deploy one changed file at a time to choose exactly.`;
      jobWarnings.push(message);
      warnings.push({ kind: 'flinkJob', target: job.file, message });
    }
    const routes = `${job.routes} route${job.routes === 1 ? '' : 's'} to ${job.outputTopics.join(', ') || 'no topic'}`;
    if (old) {
      claimed.add(old.id);
      out.push({
        job,
        action: 'replace',
        what: `${noun} ${job.file}: "${old.name}" → "${job.name}" (${routes})`,
        details: `stop ${old.id} ("${old.name}") with a savepoint, then start "${job.name}" from it`,
        warnings: jobWarnings,
        replaces: { id: old.id, name: old.name },
      });
    } else {
      const resumeFrom = savepointsOf(job.sourceTopic, label).find((s) => !resumed.has(s));
      if (resumeFrom) resumed.add(resumeFrom);
      out.push({
        job,
        action: 'create',
        what: `${noun} ${job.file} "${job.name}" (${routes})${resumeFrom ? ', resuming from the savepoint of the stopped job' : ''}`,
        details: resumeFrom ? `start from savepoint ${resumeFrom}` : undefined,
        warnings: jobWarnings,
        resumeFrom,
      });
    }
  }
  // A deploy of chosen files says nothing of the jobs of the files it leaves out (nor of unattributable old ones).
  const leftOut = new Set(desired.leftOut.map(labelOf));
  for (const a of active) {
    if (claimed.has(a.id)) continue;
    if (leftOut.size > 0 && (a.file === undefined || leftOut.has(a.file))) continue;
    warnings.push({
      kind: 'flinkJob',
      target: a.name,
      message: `${noun} "${a.name}" (${a.id}) runs a routing of ${a.topic} that no filters file generates now; deploy never stops it (stop or cancel it from the Flink Jobs view if it is obsolete).`,
    });
  }
  // Keep the plan in file order whatever the pairing order was.
  return out.sort((x, y) => desired.jobs.indexOf(x.job) - desired.jobs.indexOf(y.job));
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
