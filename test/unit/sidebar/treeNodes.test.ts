import * as assert from 'assert';
import { connectorNodes } from '../../../client/src/sidebar/connectorNodes';
import { flinkJobNodes } from '../../../client/src/sidebar/flinkJobNodes';
import { formatDuration } from '../../../client/src/sidebar/format';
import { healthSummary } from '../../../client/src/sidebar/healthSummary';
import { nothingReachable, pipelineNodes } from '../../../client/src/sidebar/pipelineNodes';
import { topicNodes } from '../../../client/src/sidebar/topicNodes';
import type { PlatformErrorInfo } from '../../../server/src/protocol';
import type { ServiceHealth } from '../../../server/src/protocol';

const NOW = Date.parse('2026-11-24T03:00:00Z');
const kafkaDown: PlatformErrorInfo = {
  service: 'kafka',
  what: 'list topics',
  where: '127.0.0.1:9092',
  why: 'connection refused',
  hint: 'start Kafka (npm run stack:up)',
};
const up = (service: ServiceHealth['service'], version: string): ServiceHealth => ({
  service,
  where: 'x',
  ok: true,
  version,
  latencyMs: 12.4,
});

describe('sidebar: tree items', () => {
  it('Pipeline: with no service answering the view is empty, so its welcome (next steps) shows instead', () => {
    const down = (service: ServiceHealth['service']): ServiceHealth => ({
      service,
      where: 'x',
      ok: false,
      error: { what: 'check', where: 'x', why: 'connection refused' },
    });
    const result = (services: ServiceHealth[]) => ({ ok: true as const, value: { profile: 'local', services } });
    const none = result([down('kafka'), down('connect'), down('flink')]);
    assert.ok(nothingReachable(none));
    assert.deepStrictEqual(pipelineNodes(none), []);
    const one = result([up('kafka', '3.8.1'), down('connect')]);
    assert.ok(!nothingReachable(one));
    assert.strictEqual(pipelineNodes(one).length, 2, 'one answering: every row, the down ones saying why');
    assert.ok(
      !nothingReachable(undefined) && !nothingReachable(result([])),
      'not while checking, nor with no services',
    );
  });

  it('Pipeline: one line per service with icon, version and latency; a down service says why, with the hint on hover', () => {
    const nodes = pipelineNodes({
      ok: true,
      value: {
        profile: 'local',
        services: [
          up('kafka', '3.8.1'),
          {
            service: 'connect',
            where: 'http://127.0.0.1:8083',
            ok: false,
            error: {
              what: 'check Kafka Connect',
              where: 'http://127.0.0.1:8083',
              why: 'connection refused',
              hint: 'is Connect running?',
            },
          },
        ],
      },
    });
    assert.deepStrictEqual(
      nodes.map((n) => [n.label, n.icon.id, n.contextValue]),
      [
        ['Kafka', 'pass-filled', 'service.ok'],
        ['Kafka Connect', 'error', 'service.down'],
      ],
    );
    assert.strictEqual(nodes[0].description, '3.8.1 · 12 ms');
    assert.match(nodes[1].description!, /down — connection refused/);
    assert.match(nodes[1].tooltip, /http:\/\/127\.0\.0\.1:8083/);
    assert.match(nodes[1].tooltip, /is Connect running\?/);
  });

  it('an unreachable service is one error node per view: what, where, why, the hint in the tooltip, no stack', () => {
    const [node, ...rest] = topicNodes({ ok: false, error: kafkaDown }, NOW);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(node.label, 'Kafka: connection refused');
    assert.strictEqual(node.description, '127.0.0.1:9092');
    assert.match(node.tooltip, /list topics failed/);
    assert.match(node.tooltip, /start Kafka/);
    assert.doesNotMatch(node.tooltip, /\n\s+at /);
    assert.strictEqual(node.contextValue, 'error');
  });

  it('Topics: used topics first, marked with the filters that write them; counts, partitions and age in the description', () => {
    const uri = 'file:///ws/flink-jobs/filters.yaml';
    const nodes = topicNodes(
      {
        ok: true,
        value: {
          topics: [
            {
              name: 'raw-business-events',
              partitions: 3,
              replicationFactor: 1,
              messageCount: 1234,
              lastMessageTime: NOW - 5 * 60_000,
              internal: false,
              uses: [{ uri, role: 'reads' }],
            },
            {
              name: 'filtered-loan-events',
              partitions: 3,
              replicationFactor: 1,
              messageCount: 0,
              internal: false,
              uses: [{ uri, role: 'writes', filterId: 'loan-events-filter', enabled: true }],
            },
            { name: 'audit', partitions: 1, replicationFactor: 1, messageCount: 7, internal: false, uses: [] },
          ],
          missing: [{ name: 'filtered-new', uses: [{ uri, role: 'writes', filterId: 'new-filter', enabled: true }] }],
        },
      },
      NOW,
    );
    assert.deepStrictEqual(
      nodes.map((n) => n.label),
      ['raw-business-events', 'filtered-loan-events', 'filtered-new', 'audit'],
    );
    assert.strictEqual(nodes[0].description, 'source · 1,234 msgs · 3 p · 5 min ago');
    assert.strictEqual(nodes[1].description, '← loan-events-filter · 0 msgs · 3 p · empty');
    assert.match(nodes[1].tooltip, /written by filter `loan-events-filter` of `filters\.yaml`/);
    assert.match(nodes[2].description!, /not created yet/);
    assert.deepStrictEqual(
      nodes.map((n) => n.contextValue),
      ['topic.source', 'topic.output', 'missingTopic', 'topic.other'],
    );
    assert.deepStrictEqual(nodes[0].target, { kind: 'topic', name: 'raw-business-events' });
  });

  it("Topics: the routing job's dead-letter topic says so, with its message count", () => {
    const uri = 'file:///ws/flink-jobs/filters.yaml';
    const [node] = topicNodes(
      {
        ok: true,
        value: {
          topics: [
            {
              name: 'raw-business-events.dlq',
              partitions: 3,
              replicationFactor: 1,
              messageCount: 12,
              lastMessageTime: NOW - 60_000,
              internal: false,
              uses: [{ uri, role: 'dead-letters' }],
            },
          ],
          missing: [],
        },
      },
      NOW,
    );
    assert.strictEqual(node.description, 'dead letters · 12 msgs · 3 p · 1 min ago');
    assert.match(node.tooltip, /the dead-letter topic of `filters\.yaml`'s routing job/);
    assert.strictEqual(node.contextValue, 'topic.deadLetters');
  });

  it('Connectors: state and worker of connector and tasks; a failed task makes the connector red and puts its trace in the tooltip', () => {
    const trace = 'org.apache.kafka.connect.errors.ConnectException: boom\n\tat io.debezium.Foo.bar(Foo.java:1)';
    const [node] = connectorNodes({
      ok: true,
      value: {
        connectors: [
          {
            name: 'pg',
            type: 'source',
            state: 'RUNNING',
            workerId: '10.0.0.1:8083',
            config: { 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector' },
            tasks: [{ id: 0, state: 'FAILED', workerId: '10.0.0.1:8083', trace }],
          },
        ],
      },
    });
    assert.strictEqual(node.description, 'RUNNING · 10.0.0.1:8083 · 1 task (1 failed)');
    assert.strictEqual(node.icon.id, 'error');
    assert.strictEqual(node.contextValue, 'connector.running');
    assert.strictEqual(node.expanded, true);
    assert.match(node.tooltip, /ConnectException: boom/);
    assert.strictEqual(node.children![0].label, 'task 0');
    assert.match(node.children![0].description!, /^FAILED · 10\.0\.0\.1:8083 · org\.apache/);
    assert.match(node.children![0].tooltip, /Foo\.java:1/);
  });

  it('Connectors: a paused connector offers Resume (context value), an empty cluster says so', () => {
    const [paused] = connectorNodes({
      ok: true,
      value: { connectors: [{ name: 'pg', type: 'source', state: 'PAUSED', workerId: 'w', config: {}, tasks: [] }] },
    });
    assert.strictEqual(paused.contextValue, 'connector.paused');
    const [empty] = connectorNodes({ ok: true, value: { connectors: [] } });
    assert.strictEqual(empty.label, 'No connectors');
  });

  it('Flink Jobs: state, uptime, restarts, last checkpoint and exception; the Web UI link of the job', () => {
    const nodes = flinkJobNodes(
      {
        ok: true,
        value: {
          webUiUrl: 'http://flink:8081/#/overview',
          jobUrls: { a: 'http://flink:8081/#/job/running/a/overview' },
          jobs: [
            {
              id: 'a',
              name: 'routing',
              state: 'RUNNING',
              startTime: NOW - 2 * 3600_000 - 5 * 60_000,
              durationMs: 0,
              restarts: 2,
              lastCheckpoint: { id: 7, time: NOW - 30_000, status: 'COMPLETED' },
              lastException: { time: NOW - 60_000, text: 'java.io.IOException: broker gone\n\tat x' },
            },
            { id: 'b', name: 'old', state: 'CANCELED', startTime: NOW - 86_400_000, durationMs: 3_600_000 },
          ],
        },
      },
      NOW,
    );
    assert.strictEqual(
      nodes[0].description,
      'RUNNING · up 2 h 5 min · 2 restarts · checkpoint 30 s ago · ⚠ java.io.IOException: broker gone',
    );
    assert.strictEqual(nodes[0].contextValue, 'flinkJob.running');
    assert.strictEqual(nodes[0].target?.url, 'http://flink:8081/#/job/running/a/overview');
    assert.match(nodes[0].tooltip, /last checkpoint: #7 COMPLETED/);
    assert.strictEqual(nodes[1].description, 'CANCELED · ran 1 h');
    assert.strictEqual(nodes[1].contextValue, 'flinkJob.ended', 'no Stop/Cancel on an ended job');
  });

  it('status bar: all up, some down, profile unknown', () => {
    const allUp = healthSummary('local', {
      ok: true,
      value: {
        profile: 'local',
        services: [
          up('kafka', '3.8'),
          up('connect', '3.8'),
          up('flink', '1.20'),
          up('sqlGateway', '1.20'),
          up('schemaRegistry', '2.6'),
        ],
      },
    });
    assert.strictEqual(allUp.text, '$(pass) local: 5/5');
    const kafka = healthSummary('local', {
      ok: true,
      value: {
        profile: 'local',
        services: [
          { service: 'kafka', where: 'k', ok: false, error: { what: 'check Kafka', where: 'k', why: 'refused' } },
          up('connect', '3.8'),
        ],
      },
    });
    assert.strictEqual(kafka.text, '$(error) local: Kafka down');
    assert.strictEqual(kafka.ok, false);
    const unknown = healthSummary('prod', {
      ok: false,
      error: {
        what: 'check the services',
        where: 'settings cdcRouting.profiles',
        why: 'no connection profile is named "prod"',
      },
    });
    assert.match(unknown.text, /^\$\(error\) prod: no connection profile/);
  });

  it('durations read at a glance', () => {
    assert.deepStrictEqual([5_000, 90_000, 3_600_000, 3_660_000, 90_000_000].map(formatDuration), [
      '5 s',
      '1 min',
      '1 h',
      '1 h 1 min',
      '1 d 1 h',
    ]);
  });
});
