import { loadAvroSchema } from '../server/src/avro/loadAvroSchema';
import { bindFilters } from '../server/src/binding/bindFilters';
import { parseFilters } from '../server/src/model/parseFilters';
import { generateSql } from '../server/src/sql/generateSql';
import { largeWorkspace } from './fixtures/largeWorkspace';

export interface GenerateBenchResult {
  name: string;
  filters: number;
  schemaFields: number;
  sqlBytes: number;
  /** generateSql alone (the live preview's cost once the file is bound), best of the timed rounds. */
  generateMs: number;
  /** CPU time (user + system, all threads) of generateSql, best of the timed rounds: steadier than wall
   * time on a loaded machine. */
  generateCpuMs: number;
  /** parse + bind + generate, best of the timed rounds (what `cdc-routing generate` spends). */
  endToEndMs: number;
  /** Target: generation ≤ 50 ms for 2,000 filters against a 300-field schema. */
  target: number;
  meetsTarget: boolean;
}

/** Generation time for a 2,000-filter file against a 300-field schema. bench/run.ts (`npm run bench`) calls this. */
export function runGenerateBench(options: { filters?: number; rounds?: number } = {}): GenerateBenchResult {
  const rounds = options.rounds ?? 10;
  const ws = largeWorkspace({ filterCount: options.filters ?? 2000 });
  const schema = loadAvroSchema(ws.schemaText, '/bench/large.avsc');
  const once = () => {
    const t0 = performance.now();
    const doc = parseFilters(ws.filtersText);
    const { bound, problems } = bindFilters(doc, schema);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`bench filters do not bind: ${errors[0].message}`);
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const result = generateSql({
      doc,
      bound,
      schema,
      filtersFile: 'filters.yaml',
      options: { target: 'flink', bootstrapServers: 'localhost:9092', format: 'json' },
    });
    const t2 = performance.now();
    const used = process.cpuUsage(cpu);
    if (result.problems.length) throw new Error(`bench filters refused: ${result.problems[0].message}`);
    return {
      generateMs: t2 - t1,
      generateCpuMs: (used.user + used.system) / 1000,
      endToEndMs: t2 - t0,
      bytes: result.sql.length,
      filters: bound.filters.length,
    };
  };
  once(); // warm-up
  let best = { generateMs: Infinity, generateCpuMs: Infinity, endToEndMs: Infinity, bytes: 0, filters: 0 };
  for (let r = 0; r < rounds; r++) {
    const run = once();
    best = {
      ...run,
      generateMs: Math.min(best.generateMs, run.generateMs),
      generateCpuMs: Math.min(best.generateCpuMs, run.generateCpuMs),
      endToEndMs: Math.min(best.endToEndMs, run.endToEndMs),
    };
  }
  const target = 50;
  return {
    name: 'sql-generation',
    filters: best.filters,
    schemaFields: ws.fieldCount,
    sqlBytes: best.bytes,
    generateMs: Math.round(best.generateMs * 10) / 10,
    generateCpuMs: Math.round(best.generateCpuMs * 10) / 10,
    endToEndMs: Math.round(best.endToEndMs * 10) / 10,
    target,
    meetsTarget: best.generateMs <= target,
  };
}

if (require.main === module) console.log(JSON.stringify(runGenerateBench(), null, 2));
