import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../server/src/avro/loadAvroSchema';
import { bindFilters } from '../server/src/binding/bindFilters';
import { parseFilters } from '../server/src/model/parseFilters';
import { compileRouting } from '../server/src/routing/compileFilters';
import { benchEvents } from './fixtures/benchEvents';

export interface EvaluateBenchResult {
  name: string;
  events: number;
  filters: number;
  /** Filter evaluations (event × filter) per second on one core, fast path (verdict only). */
  evaluationsPerSecond: number;
  /** The same with explanations for every miss (what the preview and `cdc-routing test` do). */
  explainedEvaluationsPerSecond: number;
  /** Target: ≥ 2,000,000 evaluations per second per core. */
  target: number;
  meetsTarget: boolean;
  matches: number;
  peakRssMb: number;
  heapUsedMb: number;
}

/**
 * Evaluations per second of the routing evaluator: `events` generated events × the 50 filters of
 * bench/fixtures/filters-50.yaml, single-threaded; one warm-up pass, then the best of `rounds` timed
 * passes. bench/run.ts (`npm run bench`) calls this.
 */
export function runEvaluateBench(options: { events?: number; rounds?: number } = {}): EvaluateBenchResult {
  const count = options.events ?? 100_000;
  const rounds = options.rounds ?? 3;
  const filtersFile = path.join(__dirname, 'fixtures/filters-50.yaml');
  const doc = parseFilters(fs.readFileSync(filtersFile, 'utf8'));
  const schemaFile = path.resolve(path.dirname(filtersFile), doc.source!.schema!.value);
  const { bound, problems } = bindFilters(doc, loadAvroSchema(fs.readFileSync(schemaFile, 'utf8'), schemaFile));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`bench filters do not bind: ${errors[0].message}`);
  const now = Date.parse('2026-11-24T00:00:00Z');
  const router = compileRouting(bound, { now: () => now });
  const filters = router.filters;
  const events = benchEvents(count);
  let peakRss = process.memoryUsage().rss;

  const pass = () => {
    let matches = 0;
    const started = process.hrtime.bigint();
    for (let e = 0; e < events.length; e++) {
      const event = events[e];
      for (let f = 0; f < filters.length; f++) if (filters[f].matches(event, now)) matches++;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { matches, seconds };
  };
  pass(); // warm-up: lets V8 optimise the compiled predicates
  let best = Infinity;
  let matches = 0;
  for (let r = 0; r < rounds; r++) {
    const p = pass();
    best = Math.min(best, p.seconds);
    matches = p.matches;
  }
  const evaluations = events.length * filters.length;

  const explainEvents = events.slice(0, Math.min(events.length, 20_000));
  const started = process.hrtime.bigint();
  for (const event of explainEvents) router.route(event);
  const explainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const evaluationsPerSecond = Math.round(evaluations / best);
  return {
    name: 'routing evaluator',
    events: events.length,
    filters: filters.length,
    evaluationsPerSecond,
    explainedEvaluationsPerSecond: Math.round((explainEvents.length * filters.length) / explainSeconds),
    target: 2_000_000,
    meetsTarget: evaluationsPerSecond >= 2_000_000,
    matches,
    peakRssMb: Math.round(peakRss / 1048576),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
  };
}

if (require.main === module) {
  console.log(JSON.stringify(runEvaluateBench(), null, 2));
}
