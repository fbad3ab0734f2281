// The proof: the SQL the project generates, run by a real Flink on real Kafka fed by real Debezium from
// real PostgreSQL, routes every event exactly as the routing evaluator (the editor preview, `cdc-routing test`)
// predicts — event by event, filter by filter. See docs/proof.md.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runSql, startStack, stopStack } from '../../stack/index';
import { Cleanup } from './proof/cleanup';
import { formatDifferences } from './proof/compareRouting';
import { runProof, type ProofResult } from './proof/runProof';

const repo = path.resolve(__dirname, '..', '..');
const outDir = path.join(repo, 'test-output', 'proof');
const log = (m: string) => process.stdout.write(`      · ${m}\n`);

describe('the proof: generated Flink SQL routes like the evaluator (PostgreSQL → Debezium → Kafka → Flink)', function () {
  const cleanup = new Cleanup();
  let result: ProofResult;
  let failedBefore: Error | undefined;

  before(async function () {
    this.timeout(18 * 60_000);
    const began = Date.now();
    try {
      const started = await startStack({ onProgress: log });
      log(`stack up in ${(started.startedMs / 1000).toFixed(1)} s`);
      result = await runProof({
        endpoints: started.endpoints,
        repoDir: repo,
        outDir,
        seed: 20261124,
        randomEvents: 1000,
        runSql: (sql) => runSql(sql),
        cleanup,
        log,
        routeTimeoutMs: 6 * 60_000,
      });
      const summary = {
        ...result,
        main: { ...result.main, differences: result.main.differences.slice(0, 50) },
        durationMs: Date.now() - began,
      };
      fs.writeFileSync(
        path.join(outDir, 'latency.json'),
        JSON.stringify({ runTag: result.runTag, ...result.latency }, null, 2) + '\n',
      );
      fs.writeFileSync(path.join(outDir, 'proof.json'), JSON.stringify(summary, null, 2) + '\n');
      log(
        `events ${result.corpus.rawEvents} (+${result.semantics.events} semantic-case events), filters ${result.jobs.map((j) => `${j.name} ${j.filters}`).join(', ')}; ` +
          `pairs compared ${result.main.pairs + result.semantics.pairs}, differences ${result.main.differences.length + result.semantics.differences.length}; ` +
          `latency p50 ${result.latency.p50Ms} ms, p95 ${result.latency.p95Ms} ms (${result.latency.samples} routed records); ` +
          `proof ${(result.timingsMs.total / 1000).toFixed(1)} s, with stack start ${((Date.now() - began) / 1000).toFixed(1)} s`,
      );
    } catch (err) {
      failedBefore = err as Error;
      throw err;
    }
  });

  after(async function () {
    this.timeout(3 * 60_000);
    // Cancels the Flink jobs and closes sessions and clients even when the proof failed, then stops the stack.
    const failures = await cleanup.runAll();
    assert.deepEqual(failures, [], `cleanup failed:\n${failures.join('\n')}`);
    if (process.env.CDC_ROUTING_KEEP_STACK === '1') return; // a developer's stack stays up (sharedStack.ts)
    const stopped = await stopStack();
    assert.deepEqual(stopped.survivors, []);
  });

  it('Debezium carries every outbox payload to raw-business-events byte for byte', function () {
    assert.ok(result, failedBefore?.message);
    assert.ok(result.corpus.rawEvents >= 1000, `only ${result.corpus.rawEvents} events`);
    assert.deepEqual(result.rawMismatches.slice(0, 5), []);
  });

  it('the corpus exercises every filter of both files (each routes some events and not others)', function () {
    assert.ok(result, failedBefore?.message);
    assert.deepEqual(result.uncoveredFilters, []);
    assert.deepEqual(result.main.clockAmbiguous, [], 'corpus timestamps must be far from every withinLast boundary');
  });

  it('Flink routes every event of filters.yaml and filters-examples.yaml exactly as the evaluator predicts', function () {
    assert.ok(result, failedBefore?.message);
    assert.equal(result.completionError, undefined);
    const d = result.main.differences;
    assert.ok(d.length === 0, `${d.length} difference(s) between Flink and the evaluator:\n${formatDifferences(d)}`);
    assert.ok(result.main.expectedRoutes > 0 && result.main.actualRoutes === result.main.expectedRoutes);
    assert.deepEqual(result.disabledRoutes, [], 'a disabled filter (enabled: false) routed events');
    for (const j of result.jobs) assert.equal(j.finalState, 'RUNNING', `${j.name} ended ${j.finalState}`);
  });

  it('Flink agrees with the evaluator on the semantic cases (test/cases/semantics.yaml)', function () {
    assert.ok(result, failedBefore?.message);
    assert.deepEqual(result.semantics.declaredMismatches, []);
    const d = result.semantics.differences;
    assert.ok(d.length === 0, `${d.length} difference(s) on the semantic cases:\n${formatDifferences(d)}`);
  });

  it('reports the end-to-end latency (INSERT commit → filtered topic)', function () {
    assert.ok(result, failedBefore?.message);
    assert.ok(result.latency.samples > 0);
    assert.ok(fs.existsSync(path.join(outDir, 'latency.json')));
  });
});
