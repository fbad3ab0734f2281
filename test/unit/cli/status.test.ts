import { strict as assert } from 'assert';
import { renderStatus } from '../../../server/src/cli/commands/status';

describe('cdc-routing status: rendering', () => {
  it('each service with version and latency or its error; connectors with tasks; jobs newest first with uptime', () => {
    const now = Date.parse('2026-11-24T03:00:00Z');
    const lines = renderStatus(
      {
        profile: 'local',
        services: [
          { service: 'kafka', where: '127.0.0.1:9092', ok: true, version: '3.9', latencyMs: 12, detail: '1 broker' },
          {
            service: 'connect',
            where: 'http://127.0.0.1:8083',
            ok: false,
            error: {
              what: 'check Kafka Connect',
              where: 'http://127.0.0.1:8083',
              why: 'connection refused',
              hint: 'is it running?',
            },
          },
        ],
        connectors: [
          {
            name: 'pg',
            type: 'source',
            state: 'RUNNING',
            workerId: 'w1',
            config: {},
            tasks: [{ id: 0, state: 'FAILED', workerId: 'w1', trace: 'org.x.Boom: bad\n\tat y' }],
          },
        ],
        flinkJobs: [
          {
            id: 'old',
            name: 'cdc-routing t aaaa',
            state: 'FINISHED',
            startTime: now - 7_200_000,
            durationMs: 3_600_000,
          },
          {
            id: 'new',
            name: 'cdc-routing t bbbb',
            state: 'RUNNING',
            startTime: now - 90_000,
            durationMs: 90_000,
            restarts: 2,
          },
        ],
        errors: [],
      },
      now,
    );
    assert.deepEqual(lines, [
      'Profile "local":',
      '  ✓ Kafka          127.0.0.1:9092  (version 3.9, 12 ms, 1 broker)',
      '  ✗ Kafka Connect  check Kafka Connect failed at http://127.0.0.1:8083: connection refused — is it running?',
      '',
      'Connectors (1):',
      '  pg  RUNNING  (source, worker w1)',
      '    task 0  FAILED  (worker w1)  org.x.Boom: bad',
      '',
      'Flink jobs (2):',
      '  cdc-routing t bbbb  RUNNING  id new  started 2026-11-24T02:58:30.000Z  up 1m30s  2 restart(s)',
      '  cdc-routing t aaaa  FINISHED  id old  started 2026-11-24T01:00:00.000Z  ran 1h00m',
    ]);
  });

  it("each job's dead-letter topic with its message count, or not created yet", () => {
    const lines = renderStatus({
      profile: 'local',
      services: [],
      deadLetters: [
        { topic: 'raw-business-events.dlq', file: 'flink-jobs/filters.yaml', messages: 1234 },
        { topic: 'poison', file: 'flink-jobs/filters-more.yaml' },
      ],
      errors: [],
    });
    assert.deepEqual(lines.slice(-3), [
      'Dead-letter topics (2):',
      '  raw-business-events.dlq  1,234 messages  (records the job of flink-jobs/filters.yaml could not read)',
      '  poison  not created yet  (records the job of flink-jobs/filters-more.yaml could not read)',
    ]);
  });
});
