// The proof on a source that writes Avro timestamps as epoch numbers (`timestamps: epoch-millis`): the generated
// Flink job, run on the real stack, routes every event of test/fixtures/payments-epoch exactly as the evaluator (the
// editor's preview) and the workspace's filter tests (`cdc-routing test`) say, and the routed records carry the
// same numbers the source did. See docs/proof.md.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { REPO } from '../lsp/lspSession';
import { cli } from './cliRun';
import { Cleanup } from './proof/cleanup';
import { runEncodingWorkspace, type EncodingRun } from './proof/encodingRun';
import { useStack } from './sharedStack';

const WORKSPACE = path.join(REPO, 'test/fixtures/payments-epoch');
const HOUR = 3_600_000;
const log = (m: string) => process.stdout.write(`      · ${m}\n`);

interface Payment {
  paymentId: string;
  amount?: unknown;
  fee?: unknown;
  authorizedAt?: unknown;
  ledgerEntries?: { amount?: unknown }[];
  filterMetadata?: { filterId?: string; consumerId?: string; routedAt?: unknown };
  [k: string]: unknown;
}

/** The event as the sink writes it: decimals as numbers (a string "10000.00" comes out 10000.00, read as 10000),
 * an absent optional field as null. Timestamps and dates are left exactly as they are: they must come back equal. */
function canonical(e: Payment): Payment {
  const c = structuredClone(e);
  delete c.filterMetadata;
  const dec = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  c.amount = dec(c.amount);
  c.fee = dec(c.fee);
  if (c.authorizedAt === undefined) c.authorizedAt = null;
  for (const k of ['settledAt', 'authorizedAt', 'valueDate']) c[k] = asFlinkReads(c[k]);
  c.ledgerEntries = c.ledgerEntries?.map((l) => ({ ...l, amount: dec(l.amount) }));
  return c;
}

/** An epoch field as the BIGINT / INT column holds it: the number itself; text parsed; a fraction truncated. */
function asFlinkReads(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? Number(v.trim()) : Math.trunc(v as number);
}

describe('the proof on an epoch-millis JSON source: preview, cdc-routing test and Flink agree (test/fixtures/payments-epoch)', function () {
  const cleanup = new Cleanup();
  let run: EncodingRun;
  let failedBefore: Error | undefined;
  /** filter id → ids of the events Flink routed through it (with repeats, to see duplicates) */
  const routed = new Map<string, string[]>();

  before(async function () {
    this.timeout(10 * 60_000);
    try {
      const endpoints = await useStack();
      run = await runEncodingWorkspace({
        endpoints,
        filtersFile: path.join(WORKSPACE, 'filters.yaml'),
        samplesFile: path.join(WORKSPACE, 'samples/payments.jsonl'),
        idField: 'paymentId',
        extra: (now) => {
          const first = JSON.parse(
            fs.readFileSync(path.join(WORKSPACE, 'samples/payments.jsonl'), 'utf8').split('\n')[0],
          ) as object;
          return [
            // withinLast 24h on the real clock: hours away from the boundary, one in the future (no upper bound)
            ...[now - HOUR, now - 3 * 24 * HOUR, now + HOUR, now - 23 * HOUR].map((settledAt) => ({
              ...first,
              settledAt,
            })),
            // how Flink reads a BIGINT / INT: integer text parsed (trimmed), a fraction truncated toward zero
            { ...first, settledAt: '1793491200000' },
            { ...first, settledAt: ' 1793872800000 ' },
            { ...first, settledAt: 1793872800000.9 },
            { ...first, valueDate: '20778' },
          ];
        },
        cleanup,
        log,
        timeoutMs: 4 * 60_000,
      });
      for (const r of run.outputs) {
        const v = JSON.parse(r.value) as Payment;
        const id = v.filterMetadata?.filterId ?? '?';
        routed.set(id, [...(routed.get(id) ?? []), v.paymentId]);
      }
      log(`${run.events.length} events, ${run.outputs.length} routed records, job ${run.finalState}`);
    } catch (err) {
      failedBefore = err as Error;
      throw err;
    }
  });

  after(async function () {
    this.timeout(3 * 60_000);
    const failures = await cleanup.runAll();
    assert.deepEqual(failures, [], `cleanup failed:\n${failures.join('\n')}`);
  });

  it('Flink routes every event exactly as the evaluator predicts, filter by filter (0 differences)', function () {
    assert.ok(run, failedBefore?.message);
    assert.equal(run.finalState, 'RUNNING');
    const differences: string[] = [];
    const atFrom = run.job.router(() => run.clock.from);
    const atTo = run.job.router(() => run.clock.to);
    for (const f of run.job.filters) {
      const actual = routed.get(f.id) ?? [];
      const matcherFrom = atFrom.filters.find((x) => x.filter.id === f.id)!;
      const matcherTo = atTo.filters.find((x) => x.filter.id === f.id)!;
      let expectedCount = 0;
      for (const e of run.events) {
        const expected = matcherTo.matches(e.event, run.clock.to);
        assert.equal(matcherFrom.matches(e.event, run.clock.from), expected, `${f.id} ${e.id}: on a clock boundary`);
        const times = actual.filter((id) => id === e.id).length;
        if (expected) expectedCount++;
        if (expected && times === 0) {
          const why = atTo.route(e.event).misses.find((m) => m.filterId === f.id)?.reason;
          differences.push(`missing: ${f.id} ${JSON.stringify(e.event)} ${why ?? ''}`);
        }
        if (!expected && times > 0) {
          const why = atTo.route(e.event).misses.find((m) => m.filterId === f.id)?.reason;
          differences.push(`unexpected: ${f.id} ${JSON.stringify(e.event)} (evaluator: ${why})`);
        }
        if (times > 1) differences.push(`duplicate: ${f.id} ${e.id} routed ${times} times`);
      }
      // the corpus must test the filter: some events match, some do not
      assert.ok(expectedCount > 0 && expectedCount < run.events.length, `${f.id}: ${expectedCount} matching events`);
    }
    assert.deepEqual(differences, []);
    assert.deepEqual(
      run.job.disabledTopics.flatMap((t) => run.outputs.filter((r) => r.topic === t)),
      [],
      'the disabled filter routed',
    );
  });

  it('the routed records carry the source encoding: the same epoch numbers and days, the same event', function () {
    assert.ok(run, failedBefore?.message);
    const byId = new Map(run.events.map((e) => [e.id, e.event as Payment]));
    assert.ok(run.outputs.length > 0);
    for (const r of run.outputs) {
      const out = JSON.parse(r.value) as Payment;
      const input = byId.get(out.paymentId)!;
      // the consumer reads the very numbers the producer wrote (no ISO text, no rescaling of µs or days)
      for (const k of ['settledAt', 'authorizedAt', 'valueDate'])
        assert.strictEqual(out[k], asFlinkReads(input[k]), `${out.paymentId} ${k}`);
      assert.deepStrictEqual(canonical(out), canonical(input), `${out.paymentId} via ${out.filterMetadata?.filterId}`);
      const filter = run.job.filters.find((f) => f.id === out.filterMetadata?.filterId)!;
      assert.equal(out.filterMetadata?.consumerId, filter.consumerId);
      assert.equal(r.topic, filter.outputTopic);
    }
  });

  it('cdc-routing test passes on the workspace, and Flink sends each case event to exactly its routedTo topics', async function () {
    assert.ok(run, failedBefore?.message);
    const tested = await cli(['test', 'filters.test.yaml'], WORKSPACE);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout + tested.stderr, /30 passed, 0 failing/);
    const cases = (
      parse(fs.readFileSync(path.join(WORKSPACE, 'filters.test.yaml'), 'utf8')) as {
        tests: { name: string; sample?: number; with?: unknown; routedTo?: string[] }[];
      }
    ).tests.filter((c) => c.sample !== undefined && !c.with && c.routedTo); // `with` cases set their own clock
    assert.ok(cases.length >= 25);
    for (const c of cases) {
      const e = run.events.find((x) => x.sampleLine === c.sample)!;
      const topics = [...new Set(run.outputs.filter((r) => r.key === e.id).map((r) => r.topic))].sort();
      assert.deepEqual(topics, [...c.routedTo!].sort(), `case "${c.name}" (sample ${c.sample})`);
    }
  });
});
