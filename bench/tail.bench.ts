// The topic tail under load: a producer on the local stack writes ≥ 20,000 messages/s for ~10 s; our tail
// (group-less fetch in the real server bundle → LSP notifications → the 10,000-message ring buffer of the
// extension host, played here by a child process) against a peer measured in the same run: a plain kafkajs
// consumer-group consumer that keeps every message, as the popular open Kafka extension does.
// Producer, our host and the peer each run in their own process so each one's memory is its own.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { MessageStore } from '../client/src/messageViewer/messageStore';
import {
  TailMessagesNotification,
  TailStartRequest,
  type TailMessagesParams,
  type TailStartResult,
} from '../server/src/protocol';
import { localProfile } from '../server/src/platform/localProfile';
import { fileUri, openCopy, closeCopy, REPO } from '../test/lsp/lspSession';
import { percentile } from './stats';

const TARGET_RATE = 25_000;
const PRODUCE_SECONDS = 10;
const PARTITIONS = 6;
/** After the producer ends, how long a consumer may take to catch up before it is measured as it is. */
const DRAIN_MS = 20_000;

export interface ConsumerFigures {
  received: number;
  dropped: number;
  /** Messages per second between the first and the last message received. */
  ingestPerSecond: number;
  lagMs: { p50: number; p95: number; max: number };
  /** The receiving process: heap after a full GC at the end (what it keeps) and peaks during the run. */
  heapRetainedMb: number;
  heapPeakMb: number;
  rssPeakMb: number;
  /** CPU seconds the receiving process spent, per 100,000 messages received (machine load does not inflate it much). */
  cpuSecondsPer100k: number;
  /** Ours only: the language server process. */
  serverRssPeakMb?: number;
  serverCpuSecondsPer100k?: number;
  kept: number;
}

export interface TailBenchResult {
  skipped?: string;
  produced?: number;
  producedPerSecond?: number;
  partitions?: number;
  avgBytes?: number;
  ours?: ConsumerFigures;
  peer?: ConsumerFigures;
  /** The peer's phase has its own producer run (a fresh topic): what it was offered. */
  peerProduced?: number;
  target: number;
  meetsTarget?: boolean;
}

const BOOTSTRAP = () => localProfile().kafka!.bootstrapServers;
const kafkaClient = (clientId: string) =>
  new Kafka({
    clientId,
    brokers: BOOTSTRAP(),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 1 },
  });
const mb = (bytes: number) => bytes / 1024 / 1024;

export async function runTailBench(): Promise<TailBenchResult> {
  const admin = kafkaClient('cdc-routing-bench').admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch {
    await admin.disconnect().catch(() => undefined);
    return {
      skipped: `the local stack's Kafka (${BOOTSTRAP().join(',')}) is not running — npm run stack:up, then npm run bench`,
      target: 20_000,
    };
  }
  try {
    const run = Date.now().toString(36);
    const topics = { ours: `bench-tail-ours-${run}`, peer: `bench-tail-peer-${run}` };
    await admin.createTopics({
      waitForLeaders: true,
      topics: Object.values(topics).map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
    });
    let ours: Awaited<ReturnType<typeof phase>>;
    let peer: Awaited<ReturnType<typeof phase>>;
    try {
      ours = await phase('ours', topics.ours);
      peer = await phase('peer', topics.peer);
    } catch (err) {
      // said loudly, but the other sections' figures still get written
      return { skipped: `FAILED — ${(err as Error).message}`, target: 20_000 };
    } finally {
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    }
    return {
      produced: ours.produced.produced,
      producedPerSecond: ours.produced.rate,
      partitions: PARTITIONS,
      avgBytes: ours.produced.avgBytes,
      ours: ours.figures,
      peer: peer.figures,
      peerProduced: peer.produced.produced,
      target: 20_000,
      meetsTarget:
        ours.produced.rate >= 20_000 &&
        ours.figures.received === ours.produced.produced &&
        ours.figures.ingestPerSecond >= 20_000,
    };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

interface ProducerReport {
  produced: number;
  rate: number;
  avgBytes: number;
}

/** One consumer (ours or the peer) in its own process, fed by the producer in another. */
async function phase(
  role: 'ours' | 'peer',
  topic: string,
): Promise<{ produced: ProducerReport; figures: ConsumerFigures }> {
  const consumer = child(['--expose-gc'], ['--consume', role, topic]);
  let producer: ReturnType<typeof child> | undefined;
  try {
    await consumer.line((l) => l === 'ready');
    producer = child([], ['--produce', topic]);
    const produced = JSON.parse(await producer.line((l) => l.startsWith('{'))) as ProducerReport;
    consumer.proc.stdin!.write(`expect ${produced.produced}\n`);
    const figures = JSON.parse(await consumer.line((l) => l.startsWith('{'))) as ConsumerFigures;
    return { produced, figures };
  } finally {
    // a consumer that reported closes its own server; give it the time to, then make sure
    for (const c of [consumer, producer]) {
      if (!c || c.proc.exitCode !== null) continue;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 5000);
        c.proc.once('exit', () => (clearTimeout(timer), resolve(undefined)));
      });
      if (c.proc.exitCode === null) c.proc.kill();
    }
  }
}

function child(
  nodeFlags: string[],
  args: string[],
): { proc: ChildProcess; line(match: (l: string) => boolean): Promise<string> } {
  const proc = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', __filename, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: REPO,
    env: process.env,
  });
  const lines = readline.createInterface({ input: proc.stdout });
  const seen: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  lines.on('line', (l) => {
    seen.push(l);
    for (const w of [...waiters]) {
      if (!w.match(l)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  });
  const exited = new Promise<never>((_, reject) =>
    proc.on('exit', (code) =>
      setTimeout(
        () => reject(new Error(`bench child ${args.join(' ')} exited (${code}) early; it said: ${seen.join(' | ')}`)),
        100,
      ),
    ),
  );
  exited.catch(() => undefined);
  return {
    proc,
    line: (match) => {
      const found = seen.find(match);
      if (found) return Promise.resolve(found);
      return Promise.race([new Promise<string>((resolve) => waiters.push({ match, resolve })), exited]);
    },
  };
}

// ---- child roles -------------------------------------------------------------------------------------------

/** Writes sample events at TARGET_RATE for PRODUCE_SECONDS in batches, a few sends in flight. */
async function produce(topic: string): Promise<void> {
  const events = fs
    .readFileSync(path.join(REPO, 'examples/cdc-streaming/samples/raw-events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const producer = kafkaClient('cdc-routing-bench-producer').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const tickMs = 50;
  const perTick = (TARGET_RATE * tickMs) / 1000;
  const started = Date.now();
  let produced = 0;
  let bytes = 0;
  const inFlight = new Set<Promise<unknown>>();
  for (let tick = 0; Date.now() - started < PRODUCE_SECONDS * 1000; tick++) {
    const messages = Array.from({ length: perTick }, (_, i) => {
      const n = produced + i;
      const value = events[n % events.length];
      bytes += value.length;
      return { key: `k${n}`, value };
    });
    produced += messages.length;
    const send = producer.send({ topic, acks: 1, messages }).finally(() => inFlight.delete(send));
    inFlight.add(send);
    if (inFlight.size >= 4) await Promise.race(inFlight);
    const next = started + (tick + 1) * tickMs;
    if (next > Date.now()) await new Promise((r) => setTimeout(r, next - Date.now()));
  }
  await Promise.all(inFlight);
  const seconds = (Date.now() - started) / 1000;
  await producer.disconnect();
  process.stdout.write(JSON.stringify({ produced, rate: produced / seconds, avgBytes: bytes / produced }) + '\n');
}

/** What both consumers measure the same way. */
class Meter {
  received = 0;
  dropped = 0;
  first = 0;
  last = 0;
  readonly lags: number[] = [];
  heapPeak = 0;
  rssPeak = 0;
  serverRssPeak = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly cpuAtStart = process.cpuUsage();
  private readonly serverCpuAtStart: number;

  constructor(private readonly serverPid?: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.serverCpuAtStart = serverPid ? cpuSecondsOf(serverPid) : 0;
  }

  arrived(timestamps: readonly number[]): void {
    const now = Date.now();
    if (!this.first) this.first = now;
    this.last = now;
    for (let i = 0; i < timestamps.length; i++) if ((this.received + i) % 50 === 0) this.lags.push(now - timestamps[i]);
    this.received += timestamps.length;
  }

  private sample(): void {
    const m = process.memoryUsage();
    this.heapPeak = Math.max(this.heapPeak, m.heapUsed);
    this.rssPeak = Math.max(this.rssPeak, m.rss);
    if (this.serverPid) this.serverRssPeak = Math.max(this.serverRssPeak, rssOf(this.serverPid));
  }

  figures(kept: number): ConsumerFigures {
    clearInterval(this.timer);
    this.sample();
    (globalThis as { gc?: () => void }).gc?.();
    const seconds = Math.max(0.001, (this.last - this.first) / 1000);
    const cpu = process.cpuUsage(this.cpuAtStart);
    const per100k = (s: number) => (this.received ? (s * 100_000) / this.received : NaN);
    return {
      received: this.received,
      dropped: this.dropped,
      ingestPerSecond: this.received / seconds,
      lagMs: { p50: percentile(this.lags, 50), p95: percentile(this.lags, 95), max: Math.max(0, ...this.lags) },
      heapRetainedMb: mb(process.memoryUsage().heapUsed),
      heapPeakMb: mb(this.heapPeak),
      rssPeakMb: mb(this.rssPeak),
      cpuSecondsPer100k: per100k((cpu.user + cpu.system) / 1e6),
      serverRssPeakMb: this.serverPid ? mb(this.serverRssPeak) : undefined,
      serverCpuSecondsPer100k: this.serverPid
        ? per100k(cpuSecondsOf(this.serverPid) - this.serverCpuAtStart)
        : undefined,
      kept,
    };
  }
}

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime of a process, in seconds (Linux /proc, 100 ticks a second). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The language server child of this process (the one LspSession spawned). */
function serverPid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/server.js'))
        return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** Waits for "expect N" on stdin, then until N arrived or DRAIN_MS passed. */
function drained(meter: Meter): Promise<void> {
  return new Promise((resolve) => {
    readline.createInterface({ input: process.stdin }).on('line', (l) => {
      const expected = Number(/^expect (\d+)$/.exec(l)?.[1]);
      const deadline = Date.now() + DRAIN_MS;
      const check = () =>
        meter.received + meter.dropped >= expected || Date.now() > deadline ? resolve() : setTimeout(check, 50);
      check();
    });
  });
}

/** Our path: the real server bundle, the tail over LSP, the host's ring buffer. */
async function consumeOurs(topic: string): Promise<void> {
  const { session, ws, file } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml');
  await session.open(file);
  const store = new MessageStore(10_000);
  const meter = new Meter(serverPid());
  session.connection.onNotification(TailMessagesNotification.method, (p: TailMessagesParams) => {
    store.add(p.messages, p.dropped);
    meter.dropped += p.dropped;
    meter.arrived(p.messages.map((m) => m.timestamp));
  });
  await session.request<TailStartResult>(TailStartRequest.method, {
    topic,
    start: { kind: 'beginning' },
    filtersUri: fileUri(file),
    bufferSize: 10_000,
  });
  process.stdout.write('ready\n');
  await drained(meter);
  const figures = meter.figures(store.size);
  process.stdout.write(JSON.stringify(figures) + '\n');
  await closeCopy(session, ws);
}

/** The peer: a consumer group that keeps every message it gets. */
async function consumePeer(topic: string): Promise<void> {
  const consumer = kafkaClient('cdc-routing-bench-peer').consumer({ groupId: `cdc-routing-bench-peer-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const kept: {
    partition: number;
    offset: string;
    timestamp: number;
    key: string | null;
    value: string | null;
    headers: Record<string, string>;
  }[] = [];
  const meter = new Meter();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachBatch: ({ batch }) => {
      const stamps: number[] = [];
      for (const m of batch.messages) {
        kept.push({
          partition: batch.partition,
          offset: m.offset,
          timestamp: Number(m.timestamp),
          key: m.key?.toString() ?? null,
          value: m.value?.toString() ?? null,
          headers: {},
        });
        stamps.push(Number(m.timestamp));
      }
      meter.arrived(stamps);
      return Promise.resolve();
    },
  });
  await joined;
  process.stdout.write('ready\n');
  await drained(meter);
  const figures = meter.figures(kept.length);
  process.stdout.write(JSON.stringify(figures) + '\n');
  await consumer.disconnect();
}

if (require.main === module) {
  const [mode, a, b] = process.argv.slice(2);
  const done =
    mode === '--produce'
      ? produce(a)
      : mode === '--consume'
        ? a === 'ours'
          ? consumeOurs(b)
          : consumePeer(b)
        : Promise.reject(new Error(`unknown mode ${mode}`));
  done.then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`tail bench ${mode}: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
