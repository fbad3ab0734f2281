import * as crypto from 'crypto';
import * as fs from 'fs';
import type { StackEndpoints } from '../../../stack/index';
import { createSqlGatewayClient } from '../../../server/src/platform/flink/sqlGatewayClient';
import { splitStatements } from '../../../server/src/sql/splitStatements';
import type { Cleanup } from './cleanup';
import { cancelJob, jobState, waitForJobRunning } from './flinkJobs';
import { prepareRoutingJob, type RoutingJob } from './routingJob';
import { endOffsets, proofKafka, TopicReader, type ReadRecord } from './topicReader';

/** One event of the run: what was produced (keyed by its id) and where the evaluator sends it. */
export interface RunEvent {
  id: string;
  /** 1-based line of the sample it copies, or undefined for the run's clock-relative events. */
  sampleLine?: number;
  event: Record<string, unknown>;
}

export interface EncodingRun {
  job: RoutingJob;
  events: RunEvent[];
  /** Every record of this run read back from the job's output topics. */
  outputs: ReadRecord[];
  clock: { from: number; to: number };
  jobId: string;
  finalState: string;
}

/**
 * Runs one workspace's generated job on the stack: the SQL exactly as `cdc-routing generate --target flink` writes
 * it (its own consumer group, started at the end of the source topic), the workspace's sample events plus `extra`
 * produced straight to the source topic with a run-unique id, then every output record read back once Flink has
 * committed its source offsets past the input (a completed checkpoint has flushed the sink before that).
 */
export async function runEncodingWorkspace(o: {
  endpoints: StackEndpoints;
  filtersFile: string;
  samplesFile: string;
  /** The event's id field (made unique per run, and the Kafka key). */
  idField: string;
  extra: (now: number) => Record<string, unknown>[];
  cleanup: Cleanup;
  log: (m: string) => void;
  timeoutMs: number;
}): Promise<EncodingRun> {
  const runTag = crypto.randomBytes(4).toString('hex');
  const job = prepareRoutingJob({
    name: 'encoding',
    filtersFile: o.filtersFile,
    bootstrapServers: o.endpoints.kafkaBootstrap,
    groupId: `cdc-routing-proof-${runTag}-encoding`,
  });
  const clockFrom = Date.now();
  const samples = fs
    .readFileSync(o.samplesFile, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter((l) => l.line.trim() !== '');
  const events: RunEvent[] = [
    ...samples.map((s) => ({ sampleLine: s.n, event: JSON.parse(s.line) as Record<string, unknown> })),
    ...o.extra(clockFrom).map((event) => ({ sampleLine: undefined, event })),
  ].map((e, i) => {
    const id = `${runTag}-${String(i + 1).padStart(4, '0')}`;
    return { ...e, id, event: { ...e.event, [o.idField]: id } };
  });

  const kafka = proofKafka(o.endpoints.kafkaBootstrap);
  const admin = kafka.admin();
  await admin.connect();
  o.cleanup.add('disconnect the Kafka admin client', () => admin.disconnect());
  const outputTopics = [...new Set(job.filters.map((f) => f.outputTopic))];
  const existing = new Set(await admin.listTopics());
  const missing = [job.sourceTopic, ...outputTopics, ...job.disabledTopics].filter((t) => !existing.has(t));
  if (missing.length > 0)
    await admin.createTopics({
      topics: [...new Set(missing)].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  const reader = await TopicReader.start(kafka, outputTopics, `cdc-routing-proof-reader-${runTag}`);
  o.cleanup.add('stop the topic reader', () => reader.stop());
  const offsets = await admin.fetchTopicOffsets(job.sourceTopic);
  await admin.setOffsets({
    groupId: job.groupId,
    topic: job.sourceTopic,
    partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })),
  });

  const gateway = createSqlGatewayClient(
    { restUrl: o.endpoints.flinkRestUrl, sqlGatewayUrl: o.endpoints.sqlGatewayUrl },
    { statementTimeoutMs: 300_000 },
  );
  // one sink: short checkpoints keep the wait for the committed offsets short
  const session = await gateway.openSession({ 'execution.checkpointing.interval': '2 s' });
  o.cleanup.add('close the gateway session', () => session.close());
  let jobId: string | undefined;
  for (const statement of splitStatements(job.sql)) {
    const r = await session.execute(statement);
    if (r.jobId) {
      jobId = r.jobId;
      o.cleanup.add(`cancel Flink job ${r.jobId}`, () => cancelJob(o.endpoints.flinkRestUrl, r.jobId!));
    }
  }
  if (!jobId) throw new Error('the statement set returned no job id');
  await waitForJobRunning(o.endpoints.flinkRestUrl, jobId, 180_000);
  o.log(`job ${jobId} running; producing ${events.length} events to ${job.sourceTopic}`);

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  o.cleanup.add('disconnect the Kafka producer', () => producer.disconnect());
  await producer.send({
    topic: job.sourceTopic,
    messages: events.map((e) => ({ key: e.id, value: JSON.stringify(e.event) })),
  });

  const deadline = Date.now() + o.timeoutMs;
  const sourceEnd = await endOffsets(admin, [job.sourceTopic]);
  await reader.until('Flink to commit its source offsets past the input', deadline, async () => {
    const s = await jobState(o.endpoints.flinkRestUrl, jobId);
    if (s.state !== 'RUNNING') throw new Error(`Flink job ${jobId} is ${s.state}`);
    const [committed] = await admin.fetchOffsets({ groupId: job.groupId, topics: [job.sourceTopic] });
    return sourceEnd.every(
      (e) => Number(committed.partitions.find((p) => p.partition === e.partition)?.offset ?? -1) >= e.offset,
    );
  });
  const outputEnd = await endOffsets(admin, outputTopics);
  await reader.until('every output record to be read', deadline, () => reader.consumedTo(outputEnd));
  const ids = new Set(events.map((e) => e.id));
  const outputs = reader.records.filter((r) => r.key !== undefined && ids.has(r.key));
  const finalState = (await jobState(o.endpoints.flinkRestUrl, jobId)).state;
  return { job, events, outputs, clock: { from: clockFrom, to: Date.now() }, jobId, finalState };
}
