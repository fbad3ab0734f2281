// The routing job's throughput on the local stack (issue 12). One run: a pass-through job (source → one topic, no
// predicate) as the physical anchor, then the generated routing job at 1, 10, 100 and 1,000 filters over 100 output
// topics (a quarter through eventBody.entities[]), and the shape before issue 12 (one INSERT and one sink per filter,
// bench/legacy) at 10 and 100 filters; every job reads the same ≥ 200,000 events of one bench topic from its earliest
// offset. Events/s = source records ÷ the span of the Kafka timestamps of the records the job wrote (its first
// output to its last: Flink's Kafka producer stamps each record when it sends it), read back after the job.
//
// Needs the local stack (skipped with a message otherwise; never starts or stops it). The stack may be shared:
//   CDC_ROUTING_STACK_DIR=/work/.stack-shared flock /tmp/cdc-stack.lock node --import tsx bench/jobThroughput.bench.ts
// CDC_ROUTING_BENCH_EVENTS (default 200000), CDC_ROUTING_BENCH_FILTER_COUNTS (1,10,100,1000),
// CDC_ROUTING_BENCH_LEGACY_COUNTS (10,100), CDC_ROUTING_BENCH_JOB_TIMEOUT_S (600), CDC_ROUTING_BENCH_PARALLELISM,
// CDC_ROUTING_BENCH_SESSION (a JSON object of Flink session properties for every job, to try a setting).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { SchemaCache, schemaFor } from '../server/src/avro/schemaLocator';
import type { AvroSchemaModel } from '../server/src/avro/avroTypes';
import type { BoundDocument } from '../server/src/binding/boundTypes';
import type { FiltersDocument } from '../server/src/model/filterTypes';
import { parseFilters } from '../server/src/model/parseFilters';
import { createSqlGatewayClient } from '../server/src/platform/flink/sqlGatewayClient';
import type { GenerateSqlOptions } from '../server/src/sql/connectorOptions';
import { generateSql } from '../server/src/sql/generateSql';
import { quoteIdentifier as q } from '../server/src/sql/sqlLiterals';
import { splitStatements } from '../server/src/sql/splitStatements';
import { validateFilters } from '../server/src/validation/validateFilters';
import { stackStatus, type StackEndpoints } from '../stack/index';
import { batchesOf, createCluster, ISOLATION_READ_COMMITTED } from '../server/src/platform/kafka/kafkajsInternals';
import { cancelJob, jobException, jobState, waitForJobRunning } from '../test/integration/proof/flinkJobs';
import { legacyGenerateSql } from './legacy/legacyGenerateSql';

const REPO = path.resolve(__dirname, '..');
const EXAMPLES = path.join(REPO, 'examples/cdc-streaming');
const SAMPLES = path.join(EXAMPLES, 'samples/raw-events.jsonl');
const TEMPLATES = path.join(EXAMPLES, 'flink-jobs/filters-examples.yaml');
const SCHEMA = path.join(EXAMPLES, 'schemas/raw-event.avsc');
const OUT_DIR = path.join(REPO, 'test-output/bench/job-throughput');

const SOURCE_PARTITIONS = 6;
const OUTPUT_TOPICS = 100;
const outputTopic = (n: number) => `bench-out-${n}`;
const PASS_TOPIC = 'bench-pass-through';
const PASS_THROUGH_TARGET = 0.9;
const DEPLOY_TARGET_MS = 60_000;

const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const envList = (name: string, fallback: number[]) =>
  process.env[name] !== undefined
    ? process.env[name]
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0)
    : fallback;

export type JobShape = 'pass-through' | 'routing' | 'one INSERT per filter';

export interface JobRun {
  shape: JobShape;
  filters: number;
  /** Filters with conditions through eventBody.entities[]. */
  arrayFilters: number;
  topics: number;
  statements: number;
  sqlKiB: number;
  events: number;
  /** Records the source emitted when the job was cancelled (Flink's metric of the source operator). */
  consumed?: number;
  /** Records the job wrote into its output topics. */
  routed?: number;
  eventsPerSecond?: number;
  /** events/s ÷ the pass-through's events/s of the same run. */
  ratio?: number;
  /** lateEventsPerSecond ÷ the pass-through's of the same run. */
  lateRatio?: number;
  /** Seconds from the job's first output record to its last. */
  spanSeconds?: number;
  /** events/s over the second half of that span only: the rate once the JIT has compiled the job's generated
   * code (thousands of methods at 1,000 filters take the JVM's compilers tens of seconds on 2 cores). */
  lateEventsPerSecond?: number;
  vertices?: number;
  operators?: number;
  /** Heap used when the job had read everything (Flink's metric, refreshed every ~10 s). */
  jobManagerHeapMiB?: number;
  taskManagerHeapMiB?: number;
  /** The lowest and highest JobManager heap sampled (every ~2 s) from RUNNING until the job had read everything. */
  jobManagerHeapRangeMiB?: [number, number];
  /** Opening the SQL Gateway session → the job RUNNING with every task running. */
  deployMs?: number;
  /** Of which: the statement set answered with its job id (planning, code generation, submission). */
  submitMs?: number;
  /** CPU seconds of the TaskManager process between the job's first and last output record (sampled every 0.5 s,
   * interpolated), per 100,000 events: less sensitive to the machine's load than events/s. */
  taskManagerCpuSecondsPer100k?: number;
  load1: number;
  jobId?: string;
  error?: string;
}

export interface JobThroughputResult {
  skipped?: string;
  events?: number;
  partitions?: number;
  avgBytes?: number;
  parallelism?: string;
  method: string;
  jobManagerHeapBaselineMiB?: number;
  runs: JobRun[];
  /** The pass-through's events/s the ratios are taken against: the mean of its run before and after the others. */
  passThroughEventsPerSecond?: number;
  targets: { ratioAt1000: number; deployMsAt1000: number };
  verdicts?: { ratio?: boolean; verticesConstant?: boolean; deploy?: boolean; jobManagerHeapFlat?: boolean };
}

const METHOD =
  'events/s = source records ÷ span of the Kafka timestamps of the records the job wrote (first → last), read back after the job; done = the source operator’s numRecordsOut (Flink REST) reached the event count';

/** CDC_ROUTING_BENCH_SESSION: Flink session properties every job of the run gets (e.g. a code generation setting). */
function extraSessionProperties(): Record<string, string> {
  const text = process.env.CDC_ROUTING_BENCH_SESSION;
  if (!text) return {};
  const parsed = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

// ---- the filters ----------------------------------------------------------------------------------------

interface TemplateCondition {
  field: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
}
interface TemplateFilter {
  id: string;
  name: string;
  consumerId: string;
  outputTopic: string;
  enabled?: boolean;
  conditions: TemplateCondition[];
}

const throughArray = (f: TemplateFilter) => f.conditions.some((c) => c.field.includes('[]'));

function templates(): { plain: TemplateFilter[]; array: TemplateFilter[] } {
  const doc = parseYaml(fs.readFileSync(TEMPLATES, 'utf8')) as { filters: TemplateFilter[] };
  const enabled = doc.filters.filter((f) => f.enabled !== false);
  return { plain: enabled.filter((f) => !throughArray(f)), array: enabled.filter(throughArray) };
}

/** A number of a template, varied per copy (integers stay integers, the order of a between's bounds is kept). */
function vary(v: unknown, k: number): unknown {
  if (typeof v !== 'number') return v;
  if (Number.isInteger(v)) return Math.abs(v) < 10_000 ? v + (k % 3) : Math.round(v * (1 + (k % 5) / 100));
  return Number((v * (1 + (k % 5) / 100)).toFixed(2));
}

/**
 * `count` filters copied from the enabled filters of filters-examples.yaml, every fourth one (a quarter) from those
 * through eventBody.entities[], to outputTopic bench-out-<k % 100>, their numbers varied. Each also gets a last
 * condition `sourceMetadata.lsn between` its 1/count slice of the events (the bench numbers lsn 0 … events-1): its
 * template's conditions are still evaluated on every event (Flink's AND stops at the first false one, and the slice
 * comes last), but an event goes to one topic at most, so the records written stay about the same at every count
 * (with the templates' own selectivity, 1,000 filters would write hundreds of records per event and measure Kafka).
 */
export function benchFiltersYaml(
  count: number,
  events: number,
  sourceTopic: string,
  filtersFile: string,
): { text: string; arrayFilters: number; topics: number } {
  const t = templates();
  const filters: unknown[] = [];
  let arrayFilters = 0;
  let plainUsed = 0;
  for (let k = 0; k < count; k++) {
    const isArray = k % 4 === 3;
    const template = isArray ? t.array[(k >> 2) % t.array.length] : t.plain[plainUsed++ % t.plain.length];
    if (isArray) arrayFilters++;
    const lo = Math.floor((k * events) / count);
    const hi = Math.floor(((k + 1) * events) / count) - 1;
    filters.push({
      id: `bench-${k}-${template.id}`,
      name: `${template.name} #${k}`,
      consumerId: `bench-consumer-${k}`,
      outputTopic: outputTopic(k % OUTPUT_TOPICS),
      conditions: [
        ...template.conditions.map((c) => ({
          ...c,
          ...(c.value !== undefined ? { value: vary(c.value, k) } : {}),
          ...(c.values !== undefined ? { values: c.values.map((v) => vary(v, k)) } : {}),
        })),
        { field: 'sourceMetadata.lsn', operator: 'between', values: [lo, hi] },
      ],
    });
  }
  const schema = path.relative(path.dirname(filtersFile), SCHEMA).replace(/\\/g, '/');
  const text = stringifyYaml({ source: { topic: sourceTopic, schema }, filters }, { lineWidth: 0 });
  return { text, arrayFilters, topics: Math.min(count, OUTPUT_TOPICS) };
}

interface Prepared {
  doc: FiltersDocument;
  bound: BoundDocument;
  schema: AvroSchemaModel;
  filtersFile: string;
}

/** parseFilters → validateFilters, as `cdc-routing generate` does; refuses a file with errors. */
function prepare(text: string, filtersFile: string): Prepared {
  const doc = parseFilters(text);
  const { problems, bound, schema } = validateFilters(doc, schemaFor(doc, filtersFile, new SchemaCache()));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !schema)
    throw new Error(`bench filters do not validate: ${errors.map((p) => p.message).join('; ') || 'no schema'}`);
  return { doc, bound, schema, filtersFile };
}

function generated(p: Prepared, options: GenerateSqlOptions, legacy: boolean): string {
  const input = { doc: p.doc, bound: p.bound, schema: p.schema, filtersFile: path.basename(p.filtersFile), options };
  const r = legacy ? legacyGenerateSql(input) : generateSql(input);
  const errors = r.problems.filter((x) => x.severity === 'error');
  if (errors.length > 0) throw new Error(`the generator refused: ${errors.map((x) => x.message).join('; ')}`);
  return r.sql;
}

/**
 * The pass-through job: the generated script of one filter writing to PASS_TOPIC (the same source table DDL: columns,
 * raw key, headers; the same sink shape), its statement set replaced by one INSERT without predicate.
 */
function passThroughStatements(p: Prepared, options: GenerateSqlOptions): string[] {
  const statements = splitStatements(generated(p, options, false)).filter((s) => !/^EXECUTE STATEMENT SET/i.test(s));
  const tables = statements.flatMap((s) => [...s.matchAll(/^CREATE TABLE `([^`]+)`/gm)].map((m) => m[1]));
  const [source, sink] = tables;
  const sinkDdl = statements.find((s) => s.includes(`CREATE TABLE ${q(sink)}`))!;
  const hasHeaders = /`_routing_headers` MAP<STRING, BYTES> METADATA FROM 'headers'/.test(sinkDdl);
  const fields = p.schema.root.fields.map((f) => q(f.name));
  const columns = [...fields, q('_routing_key'), ...(hasHeaders ? [q('_routing_headers')] : []), q('filterMetadata')];
  const values = [
    ...fields.map((f) => `${q('s')}.${f}`),
    `${q('s')}.${q('_routing_key')}`,
    ...(hasHeaders ? [`${q('s')}.${q('_routing_headers')}`] : []),
    `ROW('pass-through', 'pass-through', CURRENT_TIMESTAMP)`,
  ];
  return [
    ...statements,
    `INSERT INTO ${q(sink)} (${columns.join(', ')})\nSELECT ${values.join(', ')}\nFROM ${q(source)} AS ${q('s')}`,
  ];
}

// ---- Kafka -------------------------------------------------------------------------------------------------

const kafkaOf = (bootstrap: string, clientId: string) =>
  new Kafka({ clientId, brokers: [bootstrap], logLevel: logLevel.NOTHING, connectionTimeout: 5000 });

/** What produceEvents reads of a raw event of the example's samples; the rest is copied as it is. */
interface SampleEvent {
  eventHeader: Record<string, unknown>;
  eventBody?: { entities?: { entityId: string }[] | null };
  sourceMetadata: Record<string, unknown>;
  [k: string]: unknown;
}

/** ≥ 200,000 copies of the example's raw events, each with a fresh uuid, lsn = its number and its first entity's id
 * as the Kafka key; batched, acks=1, no compression. */
async function produceEvents(kafka: Kafka, topic: string, count: number): Promise<{ avgBytes: number }> {
  const samples = fs
    .readFileSync(SAMPLES, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SampleEvent);
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  let bytes = 0;
  const inFlight = new Set<Promise<unknown>>();
  try {
    const batch = 1000;
    for (let from = 0; from < count; from += batch) {
      const messages = [];
      for (let i = from; i < Math.min(count, from + batch); i++) {
        const s = samples[i % samples.length];
        const event = {
          ...s,
          eventHeader: { ...s.eventHeader, uuid: crypto.randomUUID() },
          sourceMetadata: { ...s.sourceMetadata, lsn: i },
        };
        const value = JSON.stringify(event);
        bytes += value.length;
        messages.push({ key: String(s.eventBody?.entities?.[0]?.entityId ?? `event-${i}`), value });
      }
      const send = producer.send({ topic, acks: 1, messages }).finally(() => inFlight.delete(send));
      inFlight.add(send);
      if (inFlight.size >= 4) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return { avgBytes: bytes / count };
}

type HighWatermarks = Map<string, Map<number, number>>;

async function highWatermarks(admin: Admin, topics: string[]): Promise<HighWatermarks> {
  const result: HighWatermarks = new Map();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    result.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
  }
  return result;
}

const totalOf = (hw: HighWatermarks) =>
  [...hw.values()].reduce((n, m) => n + [...m.values()].reduce((a, b) => a + b, 0), 0);

/**
 * The records written between two high watermarks: their count (the watermarks' difference) and the Kafka timestamps
 * of the first and the last of them, fetched at those offsets of each partition straight from its leader (no
 * consumer group: joining one over 100 topics after a job could take minutes, and reading every record back is not
 * needed for a span). `short` names partitions whose first or last record could not be fetched.
 */
async function writtenSpan(
  bootstrap: string,
  before: HighWatermarks,
  after: HighWatermarks,
): Promise<{ count: number; firstMs: number; lastMs: number; short?: string }> {
  const ranges: { topic: string; partition: number; from: number; until: number }[] = [];
  for (const [topic, parts] of after)
    for (const [partition, until] of parts) {
      const from = before.get(topic)?.get(partition) ?? 0;
      if (until > from) ranges.push({ topic, partition, from, until });
    }
  const count = ranges.reduce((n, r) => n + r.until - r.from, 0);
  if (ranges.length === 0) return { count, firstMs: NaN, lastMs: NaN };
  const cluster = createCluster({
    brokers: [bootstrap],
    clientId: 'cdc-routing-bench-span',
    connectionTimeout: 5000,
    requestTimeout: 30_000,
  });
  await cluster.connect();
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const missed: string[] = [];
  try {
    await cluster.addMultipleTargetTopics([...new Set(ranges.map((r) => r.topic))]);
    /** The timestamp of the record at `offset` (the first one at or after it in the batch fetched). */
    const timestampAt = async (topic: string, partition: number, offset: number): Promise<number | undefined> => {
      const [nodeId] = Object.keys(cluster.findLeaderForPartitions(topic, [partition]));
      if (nodeId === undefined) return undefined;
      const broker = await cluster.findBroker({ nodeId });
      const asked = [{ partition, fetchOffset: String(offset), maxBytes: 1024 * 1024 }];
      const response = await broker.fetch({
        maxWaitTime: 0,
        minBytes: 0,
        maxBytes: 4 * 1024 * 1024,
        isolationLevel: ISOLATION_READ_COMMITTED,
        topics: [{ topic, partitions: asked }],
      });
      for (const batch of batchesOf(response, topic, asked))
        for (const m of batch.messages) if (Number(m.offset) >= offset) return Number(m.timestamp);
      return undefined;
    };
    for (const r of ranges) {
      const first = await timestampAt(r.topic, r.partition, r.from);
      const last = await timestampAt(r.topic, r.partition, r.until - 1);
      if (first === undefined || last === undefined) missed.push(`${r.topic}/${r.partition}`);
      if (first !== undefined) firstMs = Math.min(firstMs, first);
      if (last !== undefined) lastMs = Math.max(lastMs, last);
    }
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
  return {
    count,
    firstMs,
    lastMs,
    ...(missed.length > 0
      ? { short: `${missed.length} partition(s) not fetched: ${missed.slice(0, 5).join(', ')}` }
      : {}),
  };
}

/** How many of the records up to `after` were stamped at or after `sinceMs` (Kafka's offsets-for-times lookup). */
async function writtenAfter(admin: Admin, after: HighWatermarks, sinceMs: number): Promise<number> {
  let n = 0;
  for (const [topic, parts] of after) {
    for (const p of await admin.fetchTopicOffsetsByTimestamp(topic, Math.ceil(sinceMs))) {
      const until = parts.get(p.partition) ?? 0;
      const from = Number(p.offset);
      // -1: no record at or after the time in this partition
      if (from >= 0 && until > from) n += until - from;
    }
  }
  return n;
}

// ---- Flink REST ----------------------------------------------------------------------------------------------

async function rest<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} → HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return (await res.json()) as T;
}

const MiB = (bytes: number) => bytes / 1024 / 1024;

async function heapUsedMiB(flink: string): Promise<{ jm?: number; tm?: number }> {
  const metric = 'Status.JVM.Memory.Heap.Used';
  type Values = { id: string; value: string }[];
  const value = (r: Values) => (r[0] ? MiB(Number(r[0].value)) : undefined);
  const jm = value(await rest<Values>(`${flink}/jobmanager/metrics?get=${metric}`).catch((): Values => []));
  const tms = await rest<{ taskmanagers: { id: string }[] }>(`${flink}/taskmanagers`).catch(() => ({
    taskmanagers: [],
  }));
  let tm: number | undefined;
  for (const t of tms.taskmanagers) {
    const v = value(await rest<Values>(`${flink}/taskmanagers/${t.id}/metrics?get=${metric}`).catch((): Values => []));
    if (v !== undefined) tm = (tm ?? 0) + v;
  }
  return { jm, tm };
}

/** Records the job's source operator has emitted (Flink REST; the JobManager refreshes metrics every ~10 s). */
async function sourceEmitted(flink: string, jobId: string): Promise<number | undefined> {
  const job = await rest<{ vertices: { id: string; name: string }[] }>(`${flink}/jobs/${jobId}`);
  const source = job.vertices.find((v) => v.name.startsWith('Source:')) ?? job.vertices[0];
  const base = `${flink}/jobs/${jobId}/vertices/${source.id}/subtasks/metrics`;
  const names = await rest<{ id: string }[]>(base);
  const metric =
    names.find((n) => /^Source__[^.]*\.numRecordsOut$/.test(n.id)) ??
    names.find((n) => /^Source__[^.]*\.numRecordsIn$/.test(n.id));
  if (!metric) return undefined;
  const values = await rest<{ id: string; sum?: number }[]>(`${base}?get=${encodeURIComponent(metric.id)}&agg=sum`);
  return values[0]?.sum;
}

async function shapeOf(flink: string, jobId: string): Promise<{ vertices: number; operators: number }> {
  const plan = await rest<{ plan: { nodes: unknown[] } }>(`${flink}/jobs/${jobId}/plan`);
  const job = await rest<{ vertices: { name: string }[] }>(`${flink}/jobs/${jobId}`);
  return {
    vertices: plan.plan.nodes.length,
    operators: job.vertices.reduce((n, v) => n + v.name.split(' -> ').length, 0),
  };
}

function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The CPU seconds at time `t`, between the two samples around it. */
function interpolate(samples: { t: number; cpu: number }[], t: number): number | undefined {
  if (samples.length < 2 || t < samples[0].t || t > samples[samples.length - 1].t) return undefined;
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    if (t <= b.t) return b.t === a.t ? b.cpu : a.cpu + ((b.cpu - a.cpu) * (t - a.t)) / (b.t - a.t);
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- one job -------------------------------------------------------------------------------------------------

interface JobSpec {
  shape: JobShape;
  filters: number;
  arrayFilters: number;
  topics: string[];
  statements: string[];
}

async function runJob(
  spec: JobSpec,
  ctx: {
    endpoints: StackEndpoints;
    kafka: Kafka;
    admin: Admin;
    events: number;
    runTag: string;
    tmPid?: number;
    timeoutMs: number;
    sessionProperties: Record<string, string>;
    log: (m: string) => void;
  },
): Promise<JobRun> {
  const flink = ctx.endpoints.flinkRestUrl;
  const label = `${spec.shape} ${spec.filters}`;
  const run: JobRun = {
    shape: spec.shape,
    filters: spec.filters,
    arrayFilters: spec.arrayFilters,
    topics: spec.topics.length,
    statements: spec.statements.length,
    sqlKiB: spec.statements.reduce((n, s) => n + s.length, 0) / 1024,
    events: ctx.events,
    load1: 0,
  };
  const before = await highWatermarks(ctx.admin, spec.topics);
  const gateway = createSqlGatewayClient(
    { restUrl: flink, sqlGatewayUrl: ctx.endpoints.sqlGatewayUrl },
    { statementTimeoutMs: 600_000 },
  );
  const cpuSamples: { t: number; cpu: number }[] = [];
  const jmHeaps: number[] = [];
  const t0 = Date.now();
  // a sample before the job exists: its first output can come before the first sample of the loop below
  const cpuAtStart = cpuSecondsOf(ctx.tmPid);
  if (cpuAtStart !== undefined) cpuSamples.push({ t: t0, cpu: cpuAtStart });
  const session = await gateway.openSession(ctx.sessionProperties);
  let jobId: string | undefined;
  try {
    for (const s of spec.statements) {
      const r = await session.execute(s);
      if (r.jobId) jobId = r.jobId;
    }
    if (!jobId) throw new Error('the statements returned no job id');
    run.jobId = jobId;
    run.submitMs = Date.now() - t0;
    await waitForJobRunning(flink, jobId, ctx.timeoutMs);
    run.deployMs = Date.now() - t0;
    ctx.log(`  ${label}: job ${jobId} running after ${(run.deployMs / 1000).toFixed(1)} s; routing…`);
    const deadline = Date.now() + ctx.timeoutMs;
    let heapSampledAt = 0;
    for (;;) {
      const cpu = cpuSecondsOf(ctx.tmPid);
      if (cpu !== undefined) cpuSamples.push({ t: Date.now(), cpu });
      const s = await jobState(flink, jobId);
      if (s.state !== 'RUNNING') throw new Error(`job ${s.state}: ${await jobException(flink, jobId)}`);
      run.consumed = (await sourceEmitted(flink, jobId).catch(() => undefined)) ?? run.consumed;
      if (Date.now() - heapSampledAt > 2000) {
        heapSampledAt = Date.now();
        const { jm } = await heapUsedMiB(flink);
        if (jm !== undefined) jmHeaps.push(jm);
      }
      if ((run.consumed ?? 0) >= ctx.events) break;
      if (Date.now() > deadline) {
        run.error = `not done after ${ctx.timeoutMs / 1000} s: the source had emitted ${run.consumed ?? 0} of ${ctx.events}`;
        break;
      }
      await sleep(500);
    }
    // the sink sends asynchronously: wait until the output topics stop growing
    let last = -1;
    for (let i = 0; i < 30; i++) {
      const total = totalOf(await highWatermarks(ctx.admin, spec.topics));
      if (total === last) break;
      last = total;
      await sleep(1000);
    }
    const heap = await heapUsedMiB(flink);
    run.jobManagerHeapMiB = heap.jm;
    run.taskManagerHeapMiB = heap.tm;
    if (heap.jm !== undefined) jmHeaps.push(heap.jm);
    if (jmHeaps.length > 0) run.jobManagerHeapRangeMiB = [Math.min(...jmHeaps), Math.max(...jmHeaps)];
    Object.assign(run, await shapeOf(flink, jobId));
  } catch (err) {
    run.error = (err as Error).message;
    if (jobId) {
      const exception = await jobException(flink, jobId).catch(() => '');
      if (exception && !run.error.includes(exception)) run.error += ` — Flink: ${exception}`;
    }
  } finally {
    run.load1 = os.loadavg()[0];
    if (jobId) await cancelJob(flink, jobId).catch((e: Error) => ctx.log(`  cancel ${jobId}: ${e.message}`));
    await session.close();
  }
  try {
    const after = await highWatermarks(ctx.admin, spec.topics);
    const written = await writtenSpan(ctx.endpoints.kafkaBootstrap, before, after);
    run.routed = written.count;
    if (written.short) run.error = `${run.error ? run.error + '; ' : ''}timestamps read back: ${written.short}`;
    if (written.count > 1 && Number.isFinite(written.firstMs) && run.consumed) {
      run.spanSeconds = (written.lastMs - written.firstMs) / 1000;
      if (run.spanSeconds > 0) run.eventsPerSecond = Math.min(run.consumed, ctx.events) / run.spanSeconds;
      const late = await writtenAfter(ctx.admin, after, (written.firstMs + written.lastMs) / 2);
      const lateSeconds = (written.lastMs - written.firstMs) / 2000;
      if (lateSeconds > 0 && written.count > 0)
        run.lateEventsPerSecond = ((late / written.count) * Math.min(run.consumed, ctx.events)) / lateSeconds;
      const cpuFirst = interpolate(cpuSamples, written.firstMs);
      const cpuLast = interpolate(cpuSamples, written.lastMs);
      if (cpuFirst !== undefined && cpuLast !== undefined)
        run.taskManagerCpuSecondsPer100k = ((cpuLast - cpuFirst) * 100_000) / Math.min(run.consumed, ctx.events);
    }
  } catch (err) {
    run.error = `${run.error ? run.error + '; ' : ''}reading the written records: ${(err as Error).message}`;
  }
  ctx.log(
    `  ${label}: ${run.eventsPerSecond ? Math.round(run.eventsPerSecond).toLocaleString('en') + ' events/s' : 'no rate'}${run.error ? ` — ${run.error}` : ''}`,
  );
  return run;
}

// ---- the section ------------------------------------------------------------------------------------------

export async function runJobThroughputBench(log: (m: string) => void = () => undefined): Promise<JobThroughputResult> {
  const events = Math.round(envNumber('CDC_ROUTING_BENCH_EVENTS', 200_000));
  const counts = envList('CDC_ROUTING_BENCH_FILTER_COUNTS', [1, 10, 100, 1000]);
  const legacyCounts = envList('CDC_ROUTING_BENCH_LEGACY_COUNTS', [10, 100]);
  const timeoutMs = envNumber('CDC_ROUTING_BENCH_JOB_TIMEOUT_S', 600) * 1000;
  const parallelism = process.env.CDC_ROUTING_BENCH_PARALLELISM;
  const targets = { ratioAt1000: PASS_THROUGH_TARGET, deployMsAt1000: DEPLOY_TARGET_MS };
  const base = { method: METHOD, runs: [] as JobRun[], targets };

  const status = await stackStatus().catch(() => undefined);
  const needed = ['kafka', 'flink-jobmanager', 'flink-taskmanager', 'sql-gateway'];
  const down = needed.filter((n) => status?.services.find((s) => s.service === n)?.state !== 'up');
  if (!status || down.length > 0) {
    return {
      ...base,
      skipped: `the local stack is not running (${down.join(', ')} not up; stack dir ${process.env.CDC_ROUTING_STACK_DIR || '<repo>/.stack'}) — npm run stack:up, then npm run bench`,
    };
  }
  const endpoints = status.endpoints;
  const tmPid = status.services.find((s) => s.service === 'flink-taskmanager')?.pid;
  const runTag = Date.now().toString(36);
  const sourceTopic = `bench-job-source-${runTag}`;
  const kafka = kafkaOf(endpoints.kafkaBootstrap, 'cdc-routing-bench-jobs');
  const admin = kafka.admin();
  await admin.connect();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  try {
    const existing = new Set(await admin.listTopics());
    const outputs = [...Array.from({ length: OUTPUT_TOPICS }, (_, n) => outputTopic(n)), PASS_TOPIC];
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: sourceTopic, numPartitions: SOURCE_PARTITIONS, replicationFactor: 1 },
        ...outputs.filter((t) => !existing.has(t)).map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      ],
    });
    log(`producing ${events.toLocaleString('en')} events into ${sourceTopic} (${SOURCE_PARTITIONS} partitions)…`);
    const { avgBytes } = await produceEvents(kafka, sourceTopic, events);
    // what the topic holds is what every job reads (a producer retry under load may have written a batch twice)
    const records = totalOf(await highWatermarks(admin, [sourceTopic]));
    if (records !== events)
      log(`the topic holds ${records.toLocaleString('en')} records (${events.toLocaleString('en')} sent)`);

    const sessionProperties: Record<string, string> = {
      ...(parallelism ? { 'parallelism.default': parallelism } : {}),
      ...extraSessionProperties(),
    };
    const ctx = { endpoints, kafka, admin, events: records, runTag, tmPid, timeoutMs, sessionProperties, log };
    const options = (label: string): GenerateSqlOptions => ({
      target: 'flink',
      format: 'json',
      bootstrapServers: endpoints.kafkaBootstrap,
      startupMode: 'earliest-offset',
      groupId: `cdc-routing-bench-${runTag}-${label}`,
    });
    const renamed = (statements: string[], label: string) =>
      statements.map((s) =>
        /^SET 'pipeline\.name'/.test(s) ? `SET 'pipeline.name' = 'cdc-routing bench ${label} ${runTag}'` : s,
      );
    const specOf = (count: number, legacy: boolean): JobSpec => {
      const filtersFile = path.join(EXAMPLES, 'flink-jobs', `bench-${count}.yaml`);
      const y = benchFiltersYaml(count, events, sourceTopic, filtersFile);
      const p = prepare(y.text, filtersFile);
      const label = `${legacy ? 'legacy' : 'routing'}-${count}`;
      const sql = generated(p, options(label), legacy);
      fs.writeFileSync(path.join(OUT_DIR, `filters-${count}.yaml`), y.text);
      fs.writeFileSync(path.join(OUT_DIR, `${label}.sql`), sql);
      return {
        shape: legacy ? 'one INSERT per filter' : 'routing',
        filters: count,
        arrayFilters: y.arrayFilters,
        topics: [...new Set(p.bound.filters.map((f) => f.outputTopic))],
        statements: renamed(splitStatements(sql), label),
      };
    };

    const result: JobThroughputResult = { ...base, events: records, partitions: SOURCE_PARTITIONS, avgBytes };
    result.parallelism = parallelism ?? 'the cluster default';
    result.jobManagerHeapBaselineMiB = (await heapUsedMiB(endpoints.flinkRestUrl)).jm;

    // the pass-through: the 1-filter script's DDL, one INSERT without predicate into PASS_TOPIC
    const passFile = path.join(EXAMPLES, 'flink-jobs', 'bench-pass-through.yaml');
    const passYaml = benchFiltersYaml(1, events, sourceTopic, passFile).text.replace(
      `outputTopic: ${outputTopic(0)}`,
      `outputTopic: ${PASS_TOPIC}`,
    );
    const passStatements = renamed(
      passThroughStatements(prepare(passYaml, passFile), options('pass-through')),
      'pass-through',
    );
    fs.writeFileSync(path.join(OUT_DIR, 'pass-through.sql'), passStatements.join(';\n\n') + ';\n');
    const specs: JobSpec[] = [
      { shape: 'pass-through', filters: 0, arrayFilters: 0, topics: [PASS_TOPIC], statements: passStatements },
      ...counts.map((n) => specOf(n, false)),
      ...legacyCounts.map((n) => specOf(n, true)),
    ];
    // the pass-through again at the end: the machine's load drifts during a run of several minutes
    specs.push({ ...specs[0] });
    for (const spec of specs) {
      log(`${spec.shape}, ${spec.filters} filters: ${spec.statements.length} statements…`);
      result.runs.push(await runJob(spec, ctx));
    }
    const passRates = result.runs
      .filter((r) => r.shape === 'pass-through' && r.eventsPerSecond && !r.error)
      .map((r) => r.eventsPerSecond!);
    const pass = result.runs.find((r) => r.shape === 'pass-through');
    if (passRates.length > 0) {
      result.passThroughEventsPerSecond = passRates.reduce((a, b) => a + b, 0) / passRates.length;
      for (const r of result.runs)
        if (r.eventsPerSecond) r.ratio = r.eventsPerSecond / result.passThroughEventsPerSecond;
    }
    const lateRates = result.runs
      .filter((r) => r.shape === 'pass-through' && r.lateEventsPerSecond && !r.error)
      .map((r) => r.lateEventsPerSecond!);
    if (lateRates.length > 0) {
      const lateAnchor = lateRates.reduce((a, b) => a + b, 0) / lateRates.length;
      for (const r of result.runs) if (r.lateEventsPerSecond) r.lateRatio = r.lateEventsPerSecond / lateAnchor;
    }
    const routing = result.runs.filter((r) => r.shape === 'routing' && !r.error);
    const at1000 = result.runs.find((r) => r.shape === 'routing' && r.filters === 1000);
    // the floor of the sampled heap (the sawtooth of a collecting heap moves a single sample by 100 MiB and more)
    const jmHeaps = [pass, ...routing]
      .map((r) => r?.jobManagerHeapRangeMiB?.[0])
      .filter((v): v is number => v !== undefined);
    result.verdicts = {
      ratio: at1000?.ratio !== undefined ? at1000.ratio >= PASS_THROUGH_TARGET && !at1000.error : undefined,
      verticesConstant: routing.length > 1 ? new Set(routing.map((r) => r.vertices)).size === 1 : undefined,
      deploy: at1000?.deployMs !== undefined ? at1000.deployMs <= DEPLOY_TARGET_MS : undefined,
      // "flat": the lowest JobManager heap sampled during each routing run (and the first pass-through) within
      // 64 MiB of each other
      jobManagerHeapFlat: jmHeaps.length > 1 ? Math.max(...jmHeaps) - Math.min(...jmHeaps) <= 64 : undefined,
    };
    fs.writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify(result, null, 2));
    return result;
  } catch (err) {
    return { ...base, skipped: `FAILED — ${(err as Error).stack ?? (err as Error).message}` };
  } finally {
    await admin.deleteTopics({ topics: [sourceTopic] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

// ---- printing -------------------------------------------------------------------------------------------------

export function printJobThroughputBench(r: JobThroughputResult): void {
  if (r.skipped) {
    console.log(`Routing job throughput: skipped — ${r.skipped}\n`);
    return;
  }
  const n = (v: number | undefined, digits = 0) =>
    v === undefined || !Number.isFinite(v)
      ? '–'
      : v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const s = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
  const verdict = (ok: boolean | undefined) =>
    ok === undefined ? 'not measured' : ok ? 'meets target' : 'MISSES target';
  console.log(
    `Routing job throughput on the local stack: ${n(r.events)} events (${n(r.avgBytes)} B) in ${r.partitions} partitions, each job from the earliest offset; parallelism ${r.parallelism}; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(`  ${r.method}`);
  const header = [
    'shape',
    'filters',
    'arr',
    'topics',
    'stmts',
    'consumed',
    'written',
    'events/s',
    'ratio',
    '2nd half',
    'ratio',
    'vertices',
    'ops',
    'JM heap (min–max)',
    'TM heap',
    'deploy',
    '(submit)',
    'TM CPU/100k',
    'load',
  ];
  const rows = r.runs.map((x) => [
    x.shape,
    n(x.filters),
    n(x.arrayFilters),
    n(x.topics),
    n(x.statements),
    n(x.consumed),
    n(x.routed),
    n(x.eventsPerSecond),
    x.ratio === undefined ? '–' : `${(x.ratio * 100).toFixed(0)} %`,
    n(x.lateEventsPerSecond),
    x.lateRatio === undefined ? '–' : `${(x.lateRatio * 100).toFixed(0)} %`,
    n(x.vertices),
    n(x.operators),
    x.jobManagerHeapMiB === undefined
      ? '–'
      : `${n(x.jobManagerHeapMiB)} MiB${x.jobManagerHeapRangeMiB ? ` (${n(x.jobManagerHeapRangeMiB[0])}–${n(x.jobManagerHeapRangeMiB[1])})` : ''}`,
    x.taskManagerHeapMiB === undefined ? '–' : `${n(x.taskManagerHeapMiB)} MiB`,
    s(x.deployMs),
    s(x.submitMs),
    x.taskManagerCpuSecondsPer100k === undefined ? '–' : `${x.taskManagerCpuSecondsPer100k.toFixed(1)} s`,
    x.load1.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const x of r.runs.filter((x) => x.error)) console.log(`  ${x.shape} ${x.filters}: ${x.error}`);
  // the two shapes route the same filters: they must write the same records
  for (const old of r.runs.filter((x) => x.shape === 'one INSERT per filter')) {
    const now = r.runs.find((x) => x.shape === 'routing' && x.filters === old.filters);
    if (now?.routed !== undefined && old.routed !== undefined)
      console.log(
        `  ${old.filters} filters: the one-INSERT-per-filter job wrote ${n(old.routed)} records, the routing job ${n(now.routed)}${old.routed === now.routed ? ' (the same)' : ' — DIFFERENT'}; ${old.ratio && now.ratio ? `the routing job is ${(now.ratio / old.ratio).toFixed(2)}× as fast` : ''}`,
      );
  }
  const at1000 = r.runs.find((x) => x.shape === 'routing' && x.filters === 1000);
  console.log(
    `  ratio = events/s ÷ ${n(r.passThroughEventsPerSecond)} events/s (the mean of the two pass-through runs, first and last); 2nd half = the rate over the second half of the written span only (the generated code compiled by the JIT by then), its ratio against the pass-through's second half; heaps are Flink's metrics (refreshed every ~10 s) when the job had read everything, the JobManager's lowest–highest sample during the job in brackets; JobManager heap before the first job ${n(r.jobManagerHeapBaselineMiB)} MiB`,
  );
  console.log(
    `  targets: ≥ ${(r.targets.ratioAt1000 * 100).toFixed(0)} % of pass-through at 1,000 filters: ${verdict(r.verdicts?.ratio)}; vertices constant: ${verdict(r.verdicts?.verticesConstant)}; deploy of 1,000 filters ≤ ${r.targets.deployMsAt1000 / 1000} s (${s(at1000?.deployMs)}): ${verdict(r.verdicts?.deploy)}; JobManager heap flat (within 64 MiB): ${verdict(r.verdicts?.jobManagerHeapFlat)}\n`,
  );
}

/** The section of `npm run bench`: measures, prints, and writes test-output/bench/job-throughput/results.json. */
export async function runJobThroughputSection(): Promise<JobThroughputResult> {
  const r = await runJobThroughputBench((m) => process.stderr.write(`[job bench] ${m}\n`));
  printJobThroughputBench(r);
  return r;
}

if (require.main === module) {
  runJobThroughputSection().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
