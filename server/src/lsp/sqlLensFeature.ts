import { generateSql, type GenerateSqlResult } from '../sql/generateSql';
import type { Span } from '../model/span';
import { SHOW_SQL_FOR_FILTER_COMMAND } from '../protocol';
import type { Problem } from '../validation/diagnostic';
import type { Analysis } from './analysis';

/** One generation per analysis with the default target: for CodeLenses and the refusal diagnostics. */
const generated = new WeakMap<Analysis, GenerateSqlResult>();

function defaultGeneration(analysis: Analysis): GenerateSqlResult | undefined {
  if (!analysis.schema) return undefined;
  let result = generated.get(analysis);
  if (!result) {
    const name = analysis.file.split(/[\\/]/).pop() ?? 'filters.yaml';
    result = generateSql({
      doc: analysis.doc,
      bound: analysis.bound,
      schema: analysis.schema,
      filtersFile: name,
      options: { target: 'flink', bootstrapServers: 'localhost:9092', format: 'json' },
    });
    generated.set(analysis, result);
  }
  return result;
}

/** Filters Flink SQL cannot express exactly, reported at the condition the generator refused. */
export function sqlRefusalProblems(analysis: Analysis): Problem[] {
  return defaultGeneration(analysis)?.problems ?? [];
}

/** `Show SQL` above each filter that generates, or why it does not. */
export function sqlCodeLenses(analysis: Analysis): { span: Span; title: string; command?: string; args?: unknown[] }[] {
  const result = defaultGeneration(analysis);
  if (!result) return [];
  const located = new Set(result.filterLocations.map((l) => l.filterId));
  const lenses: { span: Span; title: string; command?: string; args?: unknown[] }[] = [];
  for (const rule of analysis.doc.filters) {
    const id = rule.id?.value;
    const span = rule.id?.span ?? rule.span;
    if (id && located.has(id)) {
      lenses.push({ span, title: 'Show SQL', command: SHOW_SQL_FOR_FILTER_COMMAND, args: [analysis.uri, id] });
      continue;
    }
    if (!rule.enabled) continue;
    const refusal = result.problems.find((p) => p.span.start >= rule.span.start && p.span.end <= rule.span.end);
    const rejected = analysis.bound.rejected.find((r) => r.rule.index === rule.index);
    const why = refusal?.message ?? rejected?.reason;
    if (why) lenses.push({ span, title: `No SQL: ${why.length > 90 ? why.slice(0, 87) + '…' : why}` });
  }
  return lenses;
}
