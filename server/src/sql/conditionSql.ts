import type { BoundCondition, Literal } from '../binding/boundTypes';
import type { EpochReading } from '../binding/epochEncoding';
import { parseDuration } from '../model/operators';
import { columnRef, type RefScope } from './columnRef';
import { nowMinus } from './intervalSql';
import {
  booleanLiteral,
  dateLiteral,
  hasLoneSurrogate,
  instantLiteral,
  localTimestampLiteral,
  numberLiteral,
  stringLiteral,
} from './sqlLiterals';

/** Either the predicate, or why Flink SQL cannot say exactly what the preview evaluates. */
export type PredicateResult = { ok: true; sql: string } | { ok: false; message: string };

/** Map values are text; numeric operators read them through this cast. TRY_CAST yields NULL for text that
 * is not a number (so the comparison, and the condition, do not hold). Flink trims spaces, tabs and line
 * feeds, parses the rest as a java.math.BigDecimal (sign, digits, point, exponent), rounds half-up to 10
 * decimals, and yields NULL beyond 28 integer digits. */
export const NUMERIC_CAST = (expr: string) => `TRY_CAST(${expr} AS DECIMAL(38, 10))`;

const COMPARISON: Record<string, string> = {
  equals: '=',
  notEquals: '<>',
  greaterThan: '>',
  lessThan: '<',
  greaterThanOrEqual: '>=',
  lessThanOrEqual: '<=',
};

class Refusal extends Error {}

/**
 * One condition as a Flink SQL predicate. NULL handling needs nothing extra: Flink's comparisons, IN,
 * NOT IN, BETWEEN and REGEXP are NULL on a NULL field, and a NULL WHERE drops the row — the same
 * three-valued logic the preview applies.
 */
export function predicateSql(c: BoundCondition, scope: RefScope, epoch?: EpochReading): PredicateResult {
  try {
    if (hasLoneSurrogate(c.path.path))
      throw new Refusal(
        `the map key in ${c.path.path} holds an unpaired UTF-16 surrogate, which a UTF-8 script cannot carry`,
      );
    const ref = columnRef(c.path, scope);
    const lhs = c.castToNumber ? NUMERIC_CAST(ref) : ref;
    const lit = (l: Literal) => literalSql(l, c, epoch);
    const name = c.operator.name;
    switch (name) {
      case 'equals':
      case 'notEquals':
      case 'greaterThan':
      case 'lessThan':
      case 'greaterThanOrEqual':
      case 'lessThanOrEqual':
        return { ok: true, sql: `${lhs} ${COMPARISON[name]} ${lit(c.operands[0])}` };
      case 'in':
        return { ok: true, sql: `${lhs} IN (${c.operands.map(lit).join(', ')})` };
      case 'notIn':
        return { ok: true, sql: `${lhs} NOT IN (${c.operands.map(lit).join(', ')})` };
      case 'between':
        // Flink's BETWEEN is ASYMMETRIC and inclusive: low <= x AND x <= high (the binder ensures low <= high).
        return { ok: true, sql: `${lhs} BETWEEN ${lit(c.operands[0])} AND ${lit(c.operands[1])}` };
      case 'matches': {
        const pattern = c.operands[0];
        if (pattern.type === 'string' && pattern.value === '') {
          // Flink's REGEXP returns FALSE for an empty pattern, while a Java find() of "" matches everything.
          throw new Refusal(
            'an empty pattern: Flink\'s REGEXP returns FALSE for it, whereas the regex "" matches every value; remove the condition or use "exists"',
          );
        }
        return { ok: true, sql: `REGEXP(${ref}, ${lit(pattern)})` };
      }
      case 'exists':
        return { ok: true, sql: `${ref} IS NOT NULL` };
      case 'withinLast': {
        if (c.path.type.kind === 'primitive' && c.path.type.logicalType?.startsWith('local-')) {
          throw new Refusal(
            `${c.path.path} is a local timestamp (no time zone): "now minus a duration" would depend on the Flink session's time zone`,
          );
        }
        // bindFilters binds a withinLast condition only with a duration string (anything else is a problem there)
        const written = c.source.value?.value;
        const text = typeof written === 'string' ? written : '';
        const d = parseDuration(text);
        if (!d) throw new Refusal(`"${text}" is not a duration`);
        // Strictly after now − duration; events stamped in the future also match (no upper bound).
        return { ok: true, sql: `${epochInstant(ref, c, epoch)} > ${nowMinus(d.amount, d.unit, d.millis)}` };
      }
    }
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, message: err.message };
    throw err;
  }
}

/** An epoch column as an instant, for `withinLast` (the only comparison with the clock). Flink 1.20's
 * TO_TIMESTAMP_LTZ takes seconds or milliseconds only (precision 0 or 3), so microseconds are refused rather than
 * divided (BIGINT division would round differently from the comparison the preview makes). */
function epochInstant(ref: string, c: BoundCondition, epoch: EpochReading | undefined): string {
  if (!epoch) return ref;
  if (epoch.unit === 'millis') return `TO_TIMESTAMP_LTZ(${ref}, 3)`;
  throw new Refusal(
    `${c.path.path} is epoch ${epoch.unit} (timestamps: epoch-millis), which Flink 1.20's TO_TIMESTAMP_LTZ cannot read exactly; compare it with a fixed instant instead of withinLast`,
  );
}

function literalSql(l: Literal, c: BoundCondition, epoch?: EpochReading): string {
  switch (l.type) {
    case 'string':
      if (hasLoneSurrogate(l.value))
        throw new Refusal('the value holds an unpaired UTF-16 surrogate, which a UTF-8 script cannot carry');
      return stringLiteral(l.value);
    case 'number': {
      const text = numberLiteral(l.text);
      if (text === undefined) throw new Refusal(`${l.text} needs more than 38 digits, beyond Flink's largest DECIMAL`);
      return text;
    }
    case 'boolean':
      return booleanLiteral(l.value);
    case 'timestamp': {
      const fraction = /\.(\d+)/.exec(l.text.slice(l.text.indexOf(':')))?.[1] ?? '';
      if (/[1-9]/.test(fraction.slice(3))) {
        throw new Refusal(
          `${l.text} has digits below the millisecond, which the comparison would drop; write at most 3 fractional digits`,
        );
      }
      // An epoch column is compared as the number it holds: the instant in the column's unit, exactly.
      if (epoch?.perMilli) return String(BigInt(l.millis) * BigInt(epoch.perMilli));
      const local = c.path.type.kind === 'primitive' && c.path.type.logicalType?.startsWith('local-');
      return local ? localTimestampLiteral(l.millis) : instantLiteral(l.millis);
    }
    case 'date':
      return epoch?.unit === 'days' ? String(l.days) : dateLiteral(l.days);
  }
}
