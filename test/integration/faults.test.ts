import * as assert from 'assert';
import type {
  ConnectorsResult,
  FlinkJobsResult,
  HealthResult,
  PlatformResult,
  TopicsResult,
} from '../../server/src/protocol';
import type { ServiceName } from '../../server/src/platform/platformError';
import { RAW_TOPIC, stopStackServices, type StackEndpoints } from '../../stack/index';
import { useStack } from './sharedStack';
import { startSidebarServer, until, type SidebarServer } from './sidebarSession';

type View = 'health' | 'topics' | 'connectors' | 'flinkJobs';
interface Answer {
  view: View;
  at: number;
  ms: number;
  result: PlatformResult<unknown>;
}

/** Polls the four views through the server the way the sidebar does, keeping every answer and how long it took. */
class SidebarPoller {
  readonly answers: Answer[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(private readonly server: SidebarServer) {
    this.loops = (['health', 'topics', 'connectors', 'flinkJobs'] as View[]).map((v) => this.loop(v));
  }

  private async loop(view: View): Promise<void> {
    while (this.running) {
      const at = Date.now();
      const result = await this.server.ask(view);
      this.answers.push({ view, at, ms: Date.now() - at, result });
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** The first answer of a view, given after `since`, that satisfies `test`. */
  async next<T>(
    view: View,
    since: number,
    test: (r: PlatformResult<T>) => boolean,
    timeoutMs = 90_000,
  ): Promise<PlatformResult<T>> {
    const found = await until(
      `${view} answer`,
      () =>
        Promise.resolve(
          this.answers.find((a) => a.view === view && a.at >= since && test(a.result as PlatformResult<T>)),
        ),
      (a) => a !== undefined,
      timeoutMs,
      200,
    ).catch((err: Error) => {
      const last = this.answers.filter((a) => a.view === view).slice(-1)[0];
      throw new Error(
        `${err.message.split(';')[0]}; last ${view} answer: ${JSON.stringify(last?.result).slice(0, 1500)}`,
      );
    });
    return found!.result as PlatformResult<T>;
  }

  slowest(since: number): Answer | undefined {
    return this.answers.filter((a) => a.at >= since).sort((a, b) => b.ms - a.ms)[0];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

const failedWith = (service: ServiceName, where: string) => (r: PlatformResult<unknown>) =>
  !r.ok && r.error.service === service && r.error.where.includes(where);
const healthOf = (r: PlatformResult<HealthResult>, service: ServiceName) =>
  r.ok ? r.value.services.find((s) => s.service === service) : undefined;
/** The longest a view may wait for an answer while a service is down (the server bounds each call at 8 s). */
const BOUND_MS = 10_000;

describe('faults: services stop while the sidebar polls through the server', function () {
  let endpoints: StackEndpoints;
  let server: SidebarServer;
  let poller: SidebarPoller;

  before(async () => {
    endpoints = await useStack();
    server = await startSidebarServer();
    poller = new SidebarPoller(server);
  });
  after(async () => {
    await poller?.stop();
    await server?.stop();
    // leave the stack whole for the files after this one
    await useStack();
  });

  it('Kafka stops: topics and health say so (address, why), Flink and Connect still answer; Kafka returns: topics recover', async () => {
    const stoppedAt = Date.now();
    assert.deepStrictEqual(await stopStackServices(['kafka']), ['kafka']);
    const topics = await poller.next('topics', stoppedAt, failedWith('kafka', endpoints.kafkaBootstrap));
    assert.ok(!topics.ok && topics.error.why.length > 0 && !/\n\s+at /.test(topics.error.why));
    const health = await poller.next<HealthResult>('health', stoppedAt, (r) => healthOf(r, 'kafka')?.ok === false);
    assert.ok(healthOf(health, 'kafka')?.error?.where.includes(endpoints.kafkaBootstrap));
    assert.strictEqual(healthOf(health, 'flink')?.ok, true, 'Flink still healthy');
    await poller.next<FlinkJobsResult>('flinkJobs', Date.now(), (r) => r.ok);
    await poller.next<ConnectorsResult>('connectors', Date.now(), () => true);
    assert.ok(server.session.alive);

    const restartedAt = Date.now();
    await useStack();
    const back = await poller.next<TopicsResult>(
      'topics',
      restartedAt,
      (r) => r.ok && r.value.topics.some((t) => t.name === RAW_TOPIC),
    );
    assert.ok(back.ok);
    await poller.next<HealthResult>('health', restartedAt, (r) => healthOf(r, 'kafka')?.ok === true);
    const slowest = poller.slowest(stoppedAt);
    assert.ok(slowest && slowest.ms < BOUND_MS, `a view waited ${slowest?.ms} ms (${slowest?.view})`);
  });

  it('Kafka Connect stops: connectors say so, topics and Flink still answer; Connect returns with the example connector', async () => {
    const stoppedAt = Date.now();
    assert.deepStrictEqual(await stopStackServices(['connect']), ['connect']);
    await poller.next('connectors', stoppedAt, failedWith('connect', endpoints.connectUrl));
    const health = await poller.next<HealthResult>('health', stoppedAt, (r) => healthOf(r, 'connect')?.ok === false);
    assert.strictEqual(healthOf(health, 'kafka')?.ok, true);
    await poller.next<TopicsResult>('topics', Date.now(), (r) => r.ok);
    await poller.next<FlinkJobsResult>('flinkJobs', Date.now(), (r) => r.ok);
    assert.ok(server.session.alive);

    const restartedAt = Date.now();
    await useStack();
    await poller.next<ConnectorsResult>(
      'connectors',
      restartedAt,
      (r) => r.ok && r.value.connectors.some((c) => c.name === 'postgres-source-connector'),
    );
    const slowest = poller.slowest(stoppedAt);
    assert.ok(slowest && slowest.ms < BOUND_MS, `a view waited ${slowest?.ms} ms (${slowest?.view})`);
  });

  it('Flink (JobManager, TaskManager, SQL Gateway) stops: Flink jobs and health say so, Kafka and Connect still answer; Flink returns', async () => {
    const stoppedAt = Date.now();
    const stopped = await stopStackServices(['flink-jobmanager', 'flink-taskmanager', 'sql-gateway']);
    assert.deepStrictEqual(stopped.sort(), ['flink-jobmanager', 'flink-taskmanager', 'sql-gateway']);
    await poller.next('flinkJobs', stoppedAt, failedWith('flink', endpoints.flinkRestUrl));
    const health = await poller.next<HealthResult>(
      'health',
      stoppedAt,
      (r) => healthOf(r, 'flink')?.ok === false && healthOf(r, 'sqlGateway')?.ok === false,
    );
    assert.ok(healthOf(health, 'sqlGateway')?.error?.where.includes(endpoints.sqlGatewayUrl));
    assert.strictEqual(healthOf(health, 'kafka')?.ok, true);
    assert.strictEqual(healthOf(health, 'connect')?.ok, true);
    await poller.next<TopicsResult>('topics', Date.now(), (r) => r.ok);
    await poller.next<ConnectorsResult>('connectors', Date.now(), (r) => r.ok);
    assert.ok(server.session.alive);

    const restartedAt = Date.now();
    await useStack();
    await poller.next<FlinkJobsResult>('flinkJobs', restartedAt, (r) => r.ok);
    await poller.next<HealthResult>(
      'health',
      restartedAt,
      (r) => healthOf(r, 'flink')?.ok === true && healthOf(r, 'sqlGateway')?.ok === true,
    );
    const slowest = poller.slowest(stoppedAt);
    assert.ok(slowest && slowest.ms < BOUND_MS, `a view waited ${slowest?.ms} ms (${slowest?.view})`);
  });
});
