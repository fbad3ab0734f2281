import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { StackEndpoints } from '../../../stack/index';
import type { Cleanup } from './cleanup';
import { compareRouting, type Comparison, type InputEvent } from './compareRouting';
import { splitStatements } from '../../../server/src/sql/splitStatements';
import { buildCorpus, type CorpusItem } from './eventCorpus';
import { measureLatency, type MeasuredLatency } from './latency';
import { commitTimesByKey, planWrites } from './postgresWriter';
import { prepareRoutingJob, type RoutingJob } from './routingJob';
import { prepareSemanticCasesJob, SEMANTICS_SOURCE_TOPIC } from './semanticCasesJob';
import { createSqlGatewayClient } from '../../../server/src/platform/flink/sqlGatewayClient';
import { cancelJob, jobState, waitForJobRunning } from './flinkJobs';
import { endOffsets, proofKafka, TopicReader, type PartitionOffsets } from './topicReader';

export interface ProofOptions {
  endpoints: StackEndpoints;
  repoDir: string;
  /** test-output/proof: generated SQL, latency.json, the run's summary. */
  outDir: string;
  seed: number;
  randomEvents: number;
  /** Runs SQL in the stack's database (stack/index.ts runSql). */
  runSql: (sql: string) => Promise<string>;
  cleanup: Cleanup;
  log: (message: string) => void;
  /** How long, after the last write, Flink may take to route everything. */
  routeTimeoutMs: number;
  /** Flink checkpoint interval (default 10 s): each completed checkpoint commits the source offsets the proof waits
   * for. 1 s checkpoints of three jobs with ~75 Kafka sinks delayed routing to a p50 of 12-24 s on the 2-core machine. */
  checkpointInterval?: string;
}

export interface JobReport {
  name: string;
  filtersFile: string;
  filters: number;
  statements: number;
  jobId: string;
  submitMs: number;
  finalState?: string;
}

export interface ProofResult {
  runTag: string;
  corpus: { outboxRows: number; entityChanges: number; rawEvents: number; batches: number; warmupItems: number };
  /** Outbox payloads that did not reach raw-business-events byte for byte. */
  rawMismatches: string[];
  jobs: JobReport[];
  main: Comparison;
  semantics: Comparison & { events: number; skippedExactClock: number; declaredMismatches: string[] };
  /** Records of this run in the output topic of a disabled filter (`enabled: false`): must be none. */
  disabledRoutes: string[];
  /** Filters the corpus never routes, or routes every event to: the corpus would not test them. */
  uncoveredFilters: string[];
  latency: MeasuredLatency;
  /** Set when Flink did not read everything before the deadline (the comparison then shows what is missing). */
  completionError?: string;
  timingsMs: Record<string, number>;
}

const RAW_TOPIC = 'raw-business-events';
/** Corpus items written (and routed) before the measured part: a cold TaskManager's first records are slow. */
const WARMUP_ITEMS = 100;

export async function runProof(o: ProofOptions): Promise<ProofResult> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => (timings[name] = Date.now() - since);
  const runTag = crypto.randomBytes(4).toString('hex');
  fs.mkdirSync(o.outDir, { recursive: true });
  const flinkJobs = path.join(o.repoDir, 'examples', 'cdc-streaming', 'flink-jobs');
  const bootstrap = o.endpoints.kafkaBootstrap;
  const group = (name: string) => `cdc-routing-proof-${runTag}-${name}`;

  // 1. The jobs, generated exactly as `cdc-routing generate --target flink --format json` would.
  const filtersJob = prepareRoutingJob({
    name: 'filters.yaml',
    filtersFile: path.join(flinkJobs, 'filters.yaml'),
    bootstrapServers: bootstrap,
    groupId: group('filters'),
  });
  const examplesJob = prepareRoutingJob({
    name: 'filters-examples.yaml',
    filtersFile: path.join(flinkJobs, 'filters-examples.yaml'),
    bootstrapServers: bootstrap,
    groupId: group('examples'),
  });
  const semantics = prepareSemanticCasesJob({
    bootstrapServers: bootstrap,
    groupId: group('semantics'),
    runTag,
    now: Date.now(),
    workDir: o.outDir,
  });
  const jobs: RoutingJob[] = [filtersJob, examplesJob, semantics.job];
  for (const j of jobs) fs.writeFileSync(path.join(o.outDir, `${j.name.replace(/\.yaml$/, '')}.generated.sql`), j.sql);
  o.log(`run ${runTag}: jobs ${jobs.map((j) => `${j.name} (${j.filters.length} filters)`).join(', ')}`);

  // 2. Topics and a reader on every one the proof looks at, from the beginning (older runs' records are ignored by uuid).
  const kafka = proofKafka(bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  o.cleanup.add('disconnect the Kafka admin client', () => admin.disconnect());
  const outputTopics = [...new Set(jobs.flatMap((j) => j.filters.map((f) => f.outputTopic)))];
  const disabledTopics = [...new Set(jobs.flatMap((j) => j.disabledTopics))].filter((t) => !outputTopics.includes(t));
  const existing = new Set(await admin.listTopics());
  const missing = [...outputTopics, ...disabledTopics, SEMANTICS_SOURCE_TOPIC].filter((t) => !existing.has(t));
  if (missing.length > 0)
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  let t = Date.now();
  const reader = await TopicReader.start(
    kafka,
    [RAW_TOPIC, SEMANTICS_SOURCE_TOPIC, ...outputTopics, ...disabledTopics],
    `cdc-routing-proof-reader-${runTag}`,
  );
  o.cleanup.add('stop the topic reader', () => reader.stop());
  lap('readerStart', t);

  // 3. Each job's source group starts at the current end of its topic: the generator's default startup mode
  //    (group-offsets) then reads exactly this run's events, whatever older runs left in the topics.
  const sourceOf = (j: RoutingJob) => j.sourceTopic;
  for (const j of jobs) {
    const offsets = await admin.fetchTopicOffsets(sourceOf(j));
    await admin.setOffsets({
      groupId: j.groupId,
      topic: sourceOf(j),
      partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })),
    });
  }

  // 4. Submit through the SQL Gateway: the CREATE TABLEs, then the statement set; wait until every task runs.
  const reports: JobReport[] = [];
  // the product's gateway client: the one deploy submits with
  const gateway = createSqlGatewayClient(
    { restUrl: o.endpoints.flinkRestUrl, sqlGatewayUrl: o.endpoints.sqlGatewayUrl },
    { statementTimeoutMs: 300_000 },
  );
  for (const j of jobs) {
    t = Date.now();
    const session = await gateway.openSession({ 'execution.checkpointing.interval': o.checkpointInterval ?? '10 s' });
    o.cleanup.add(`close the gateway session of ${j.name}`, () => session.close());
    // the project's splitter: the one the deploy step uses
    const statements = splitStatements(j.sql);
    let jobId: string | undefined;
    for (const s of statements) {
      const r = await session.execute(s);
      if (r.jobId) {
        jobId = r.jobId;
        o.cleanup.add(`cancel Flink job ${r.jobId} (${j.name})`, () => cancelJob(o.endpoints.flinkRestUrl, r.jobId!));
      }
    }
    if (!jobId) throw new Error(`${j.name}: the statement set returned no job id`);
    await waitForJobRunning(o.endpoints.flinkRestUrl, jobId, 180_000);
    reports.push({
      name: j.name,
      filtersFile: path.relative(o.repoDir, j.filtersFile),
      filters: j.filters.length,
      statements: statements.length,
      jobId,
      submitMs: Date.now() - t,
    });
    o.log(
      `${j.name}: job ${jobId} running (${statements.length} statements, ${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );
  }

  // 5-7. Write the corpus into PostgreSQL (outbox rows and entity rows) in two phases: a warm-up (the first records
  //      through freshly started jobs take seconds in a cold TaskManager) and the measured rest. After each phase,
  //      wait until Debezium has carried every event to raw-business-events and Flink has routed all of it.
  const clockFrom = Date.now();
  const items = buildCorpus({ seed: o.seed, randomEvents: o.randomEvents, runTag, now: clockFrom });
  const phases = [items.slice(0, WARMUP_ITEMS), items.slice(WARMUP_ITEMS)];
  const committedAt = new Map<string, number>();
  const written: CorpusItem[] = [];
  const rawMine = () => {
    const keys = new Set(written.map((i) => i.key));
    return reader.records.filter((r) => r.topic === RAW_TOPIC && r.key !== undefined && keys.has(r.key));
  };
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  o.cleanup.add('disconnect the Kafka producer', () => producer.disconnect());
  let completionError: string | undefined;
  let batches = 0;
  for (const [phase, phaseItems] of phases.entries()) {
    const plan = planWrites(phaseItems, 10, 0.05);
    batches += plan.batches.length;
    t = Date.now();
    const psqlOut = await o.runSql(plan.script);
    lap(phase === 0 ? 'writeWarmup' : 'write', t);
    for (const [k, at] of commitTimesByKey(plan, psqlOut)) committedAt.set(k, at);
    written.push(...phaseItems);
    if (phase === 0) {
      // the semantic cases go straight to their own topic with the warm-up
      await producer.send({
        topic: SEMANTICS_SOURCE_TOPIC,
        messages: semantics.events.map((e) => ({ key: e.uuid, value: JSON.stringify(e.event) })),
      });
    }
    const rawExpected = written.reduce((n, i) => n + (i.kind === 'outbox' ? 1 : i.events), 0);
    o.log(
      `${phase === 0 ? 'warm-up' : 'measured'}: wrote ${phaseItems.length} rows and changes in ${plan.batches.length} transactions, ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    // Debezium carries them to raw-business-events: wait until every one is there.
    const deadline = Date.now() + o.routeTimeoutMs;
    t = Date.now();
    await reader.until(
      `${rawExpected} events in ${RAW_TOPIC} (have ${rawMine().length})`,
      deadline,
      () => rawMine().length >= rawExpected,
    );
    lap(phase === 0 ? 'debeziumWarmup' : 'debezium', t);

    // Flink has read all of it when its committed source offsets reach the end of its input: the checkpoint
    // that commits an offset has flushed every sink before it, so all output is then in Kafka; read it.
    t = Date.now();
    try {
      await waitForFlink(deadline);
    } catch (err) {
      completionError = (err as Error).message;
      o.log(`not complete: ${completionError}`);
      break;
    }
    lap(phase === 0 ? 'routeWarmup' : 'route', t);
  }

  async function waitForFlink(deadline: number): Promise<void> {
    const sourceEnds = new Map<string, PartitionOffsets>();
    for (const topic of [RAW_TOPIC, SEMANTICS_SOURCE_TOPIC]) sourceEnds.set(topic, await endOffsets(admin, [topic]));
    const committedReached = async (j: RoutingJob) => {
      const [committed] = await admin.fetchOffsets({ groupId: j.groupId, topics: [sourceOf(j)] });
      return sourceEnds
        .get(sourceOf(j))!
        .every((e) => Number(committed.partitions.find((p) => p.partition === e.partition)?.offset ?? -1) >= e.offset);
    };
    await reader.until('Flink to commit its source offsets up to the end of its input', deadline, async () => {
      for (const r of reports) {
        const s = await jobState(o.endpoints.flinkRestUrl, r.jobId);
        if (s.state !== 'RUNNING') throw new Error(`Flink job ${r.jobId} (${r.name}) is ${s.state}`);
      }
      for (const j of jobs) if (!(await committedReached(j))) return false;
      return true;
    });
    const outputEnds = await endOffsets(admin, outputTopics);
    await reader.until('every output record to be read', deadline, () => reader.consumedTo(outputEnds));
  }

  const outbox = written.filter((i): i is Extract<CorpusItem, { kind: 'outbox' }> => i.kind === 'outbox');
  const rawRecords = rawMine();
  const rawMismatches: string[] = [];
  for (const item of outbox) {
    const rec = rawRecords.find((r) => r.key === item.key);
    if (rec?.value !== item.payload) rawMismatches.push(`${item.key}: wrote ${item.payload}\n  read ${rec?.value}`);
  }
  const labelOfKey = new Map(items.map((i) => [i.key, i.label]));
  const mainInputs: InputEvent[] = rawRecords.map((r) => {
    const event = JSON.parse(r.value) as { eventHeader: { uuid: string } };
    return { uuid: event.eventHeader.uuid, event, label: labelOfKey.get(r.key!) ?? '' };
  });
  o.log(
    `${rawRecords.length} events in ${RAW_TOPIC}; routing wait ${(((timings.routeWarmup ?? 0) + (timings.route ?? 0)) / 1000).toFixed(1)} s`,
  );
  for (const r of reports)
    r.finalState = (await jobState(o.endpoints.flinkRestUrl, r.jobId).catch(() => ({ state: 'unknown' }))).state;

  // 8. Compare with the evaluator, event by event.
  const clockTo = Date.now();
  const outputsOf = (js: RoutingJob[]) => {
    const topics = new Set(js.flatMap((j) => j.filters.map((f) => f.outputTopic)));
    return reader.records.filter((r) => topics.has(r.topic));
  };
  const main = compareRouting([filtersJob, examplesJob], mainInputs, outputsOf([filtersJob, examplesJob]), {
    from: clockFrom,
    to: clockTo,
  });
  const semInputs: InputEvent[] = semantics.events.map((e) => ({
    uuid: e.uuid,
    event: e.event,
    label: `case ${e.caseIndex + 1}`,
  }));
  const sem = compareRouting([semantics.job], semInputs, outputsOf([semantics.job]), { from: clockFrom, to: clockTo });
  const semRouter = semantics.job.router(() => Date.now());
  const declaredMismatches = semantics.events
    .filter(
      (e) =>
        semRouter.filters.find((f) => f.filter.id === e.filterId)!.matches(e.event, Date.now()) !== e.declaredMatch,
    )
    .map((e) => `${e.filterId} ${e.uuid}: the cases file says ${e.declaredMatch ? 'match' : 'no match'}`);

  const mainUuids = new Set(mainInputs.map((i) => i.uuid));
  const disabledRoutes = reader.records
    .filter((r) => disabledTopics.includes(r.topic) && mainUuids.has(safeUuid(r.value) ?? ''))
    .map((r) => `${r.topic} offset ${r.offset}`);

  const uncoveredFilters: string[] = [];
  for (const f of main.perFilter) {
    if (f.expected === 0) uncoveredFilters.push(`${f.filterId}: no event of the corpus matches`);
    else if (f.expected === mainInputs.length) uncoveredFilters.push(`${f.filterId}: every event matches`);
  }

  // 9. Latency: commit of the row in PostgreSQL → arrival of each routed copy in its filtered topic.
  const warmupKeys = new Set(phases[0].map((i) => i.key));
  const latency = measureLatency({
    committedAt: new Map([...committedAt].filter(([k]) => !warmupKeys.has(k))),
    rawRecords,
    routedRecords: outputsOf([filtersJob, examplesJob]),
  });
  timings.total = Date.now() - t0;

  return {
    runTag,
    corpus: {
      outboxRows: outbox.length,
      entityChanges: written.length - outbox.length,
      rawEvents: rawRecords.length,
      batches,
      warmupItems: phases[0].length,
    },
    rawMismatches,
    jobs: reports,
    main,
    semantics: {
      ...sem,
      events: semantics.events.length,
      skippedExactClock: semantics.skippedExactClock,
      declaredMismatches,
    },
    uncoveredFilters,
    disabledRoutes,
    latency,
    completionError,
    timingsMs: timings,
  };
}

function safeUuid(value: string): string | undefined {
  try {
    return (JSON.parse(value) as { eventHeader?: { uuid?: string } } | null)?.eventHeader?.uuid;
  } catch {
    return undefined;
  }
}
