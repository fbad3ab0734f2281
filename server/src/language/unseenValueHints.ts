import { closest } from '../avro/fieldPath';
import type { BoundCondition, BoundDocument } from '../binding/boundTypes';
import type { Operand } from '../model/filterTypes';
import type { Problem } from '../model/problem';
import type { SampleIndex } from './sampleIndex';

/** Operators whose text operands name values the field takes: a typo there silently routes nothing. */
const NAMING = new Set(['equals', 'notEquals', 'in', 'notIn']);

/**
 * A hint on a text operand that no sample event has at its field while one sample value is a near spelling
 * (`LZqoanCreated` where the samples have `LoanCreated`), with a quick fix. Enum symbols are the binder's
 * error `enum-symbol` (with its own "did you mean"); this covers text fields, whose values only the samples know.
 * Nothing is said when the samples have no values at the path, or more distinct ones than the index keeps
 * (then "not seen" proves nothing).
 */
export function unseenValueHints(bound: BoundDocument, samples: SampleIndex | undefined): Problem[] {
  if (!samples) return [];
  const problems: Problem[] = [];
  const conditions = bound.filters.flatMap((f) => [...f.conditions, ...f.arrayGroups.flatMap((g) => g.conditions)]);
  for (const c of conditions) {
    if (!NAMING.has(c.operator.name) || c.path.kind !== 'string') continue;
    const seen = samples.valuesAt(c.path.path, Infinity);
    if (seen.length === 0 || seen.length >= samples.maxValuesPerPath) continue;
    const texts = seen.map((s) => s.value).filter((v): v is string => typeof v === 'string');
    const known = new Set(texts);
    for (const operand of operandsOf(c)) {
      if (typeof operand.value !== 'string' || known.has(operand.value)) continue;
      const near = closest(operand.value, texts);
      if (!near) continue;
      problems.push({
        span: operand.span,
        severity: 'information',
        message: `No sample event has ${c.path.path} "${operand.value}". Did you mean "${near}"?`,
        code: 'value-not-in-samples',
        fix: {
          title: `Change to "${near}"`,
          span: operand.span,
          newText: operand.quoted ? JSON.stringify(near) : near,
        },
      });
    }
  }
  return problems;
}

function operandsOf(c: BoundCondition): Operand[] {
  return c.source.values?.items ?? (c.source.value ? [c.source.value] : []);
}
