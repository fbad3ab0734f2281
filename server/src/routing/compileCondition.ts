import type { BoundCondition, Literal } from '../binding/boundTypes';
import { compileJavaRegex } from '../regex/compileJavaRegex';
import { parseDecimal, type Decimal } from './decimal';
import type { EpochReading } from '../binding/epochEncoding';
import { epochInt, epochLong, ts } from './fastValues';
import { makeGetter, type Getter } from './fieldAccess';
import {
  compareNumber,
  numericSortOf,
  overflows,
  toSqlBoolean,
  toSqlDateDays,
  toSqlNumberText,
  toSqlString,
  tryCastDecimalText,
  type NumericSort,
} from './sqlValues';

/** A condition compiled to a predicate over the object that holds its field (the event, or an array element). */
export interface CompiledCondition {
  condition: BoundCondition;
  /** TRUE only; FALSE and NULL (unknown) both mean the condition does not hold, as in a SQL WHERE. */
  holds(container: unknown, now: number): boolean;
  /** The same verdict, with the value read and a sentence saying why. */
  explain(container: unknown, now: number): Explanation;
}

export interface Explanation {
  holds: boolean;
  /** The JSON value found (null when missing). */
  actual: unknown;
  reason: string;
}

type Sql = string | number | boolean;

/** Compiles one condition. `elementLevel`: the condition reads from an array element (its path after `[]`).
 * `epoch`: the field is an epoch number of a `timestamps: epoch-millis` source (binding/epochEncoding.ts). */
export function compileCondition(
  condition: BoundCondition,
  elementLevel: boolean,
  epoch?: EpochReading,
): CompiledCondition {
  const steps = elementLevel
    ? condition.path.steps.slice(condition.path.steps.findIndex((s) => s.segment.intoArray) + 1)
    : condition.path.steps;
  const get = makeGetter(steps);
  const name = condition.path.path;
  const op = condition.operator.name;
  const kind = condition.castToNumber ? 'number' : condition.path.kind;

  if (op === 'exists') {
    return build(
      condition,
      get,
      (raw) => raw !== null && raw !== undefined,
      (raw, holds) => (holds ? `${name} is present` : missingReason(name, raw) + '; "exists" needs a value'),
    );
  }

  // The column's SQL value from the JSON value, per type.
  let convert: (raw: unknown) => Sql | null;
  let sort: NumericSort | undefined;
  switch (kind) {
    case 'number': {
      const s = numericSortOf(condition.path.type, condition.castToNumber);
      sort = s;
      convert = condition.castToNumber
        ? tryCastDecimalText
        : (raw) => {
            const text = toSqlNumberText(raw);
            return text !== null && !overflows(text, s) ? text : null;
          };
      break;
    }
    case 'boolean':
      convert = toSqlBoolean;
      break;
    case 'timestamp':
      convert = (raw) => {
        // epoch: the BIGINT in the column's own unit (ms or µs), compared with the literal in that unit
        const v = epoch ? epochLong(raw) : ts(raw);
        return v === v ? v : null;
      };
      break;
    case 'date':
      convert = epoch
        ? (raw) => {
            const days = epochInt(raw);
            return days === days ? days : null;
          }
        : toSqlDateDays;
      break;
    default:
      convert = toSqlString;
  }

  const perMilli = epoch?.perMilli ?? 1;
  const compare = comparator(kind, sort, condition.operands, perMilli);
  const test = operatorTest(condition, compare, perMilli);
  const holds = (raw: unknown, now: number) => {
    if (raw === null || raw === undefined) return false;
    const v = convert(raw);
    return v !== null && test(v, now);
  };
  const describe = (raw: unknown, ok: boolean, now: number): string => {
    if (raw === null || raw === undefined) return `${missingReason(name, raw)}: a comparison with NULL matches nothing`;
    const v = convert(raw);
    if (v === null) return `${notReadable(kind, raw, condition.castToNumber, epoch)}: NULL matches nothing`;
    return verdictText(condition, v, ok, now, epoch);
  };
  return build(condition, get, holds, describe);
}

function build(
  condition: BoundCondition,
  get: Getter,
  holds: (raw: unknown, now: number) => boolean,
  describe: (raw: unknown, holds: boolean, now: number) => string,
): CompiledCondition {
  return {
    condition,
    holds: (container, now) => holds(get(container), now),
    explain: (container, now) => {
      const raw = get(container);
      const ok = holds(raw, now);
      return { holds: ok, actual: raw === undefined ? null : raw, reason: describe(raw, ok, now) };
    },
  };
}

/** Compares a SQL value with operand i: negative, zero, positive; NaN when incomparable (NULL). */
type Comparator = (value: Sql, operand: number) => number;

function comparator(
  kind: string | undefined,
  sort: NumericSort | undefined,
  operands: Literal[],
  perMilli: number,
): Comparator {
  switch (kind) {
    case 'number': {
      const lits = operands.map((l) => {
        const n = l as Extract<Literal, { type: 'number' }>;
        return { value: n.value, decimal: parseDecimal(n.text) ?? (parseDecimal(String(n.value)) as Decimal) };
      });
      return (v, i) => compareNumber(v as string, sort!, lits[i]);
    }
    case 'timestamp': {
      const ms = operands.map((l) => (l.type === 'timestamp' ? l.millis * perMilli : NaN));
      return (v, i) => (v as number) - ms[i];
    }
    case 'date': {
      const days = operands.map((l) => (l.type === 'date' ? l.days : NaN));
      return (v, i) => (v as number) - days[i];
    }
    case 'boolean': {
      const bs = operands.map((l) => (l.type === 'boolean' ? l.value : undefined));
      return (v, i) => (v === bs[i] ? 0 : 1);
    }
    default: {
      const ss = operands.map((l) => (l.type === 'string' ? l.value : String((l as { value: unknown }).value)));
      // Flink compares strings by code unit order (binary), like JavaScript's < on strings.
      return (v, i) => (v === ss[i] ? 0 : (v as string) < ss[i] ? -1 : 1);
    }
  }
}

function operatorTest(condition: BoundCondition, cmp: Comparator, perMilli: number): (v: Sql, now: number) => boolean {
  const n = condition.operands.length;
  switch (condition.operator.name) {
    case 'equals':
      return (v) => cmp(v, 0) === 0;
    case 'notEquals':
      return (v) => {
        const c = cmp(v, 0);
        return c === c && c !== 0;
      };
    case 'in':
      return (v) => {
        for (let i = 0; i < n; i++) if (cmp(v, i) === 0) return true;
        return false;
      };
    case 'notIn':
      return (v) => {
        for (let i = 0; i < n; i++) {
          const c = cmp(v, i);
          if (c === 0 || c !== c) return false;
        }
        return true;
      };
    case 'greaterThan':
      return (v) => cmp(v, 0) > 0;
    case 'lessThan':
      return (v) => cmp(v, 0) < 0;
    case 'greaterThanOrEqual':
      return (v) => cmp(v, 0) >= 0;
    case 'lessThanOrEqual':
      return (v) => cmp(v, 0) <= 0;
    case 'between':
      return (v) => cmp(v, 0) >= 0 && cmp(v, 1) <= 0;
    case 'matches': {
      const pattern = (condition.operands[0] as { value: string }).value;
      const compiled = compileJavaRegex(pattern);
      const find = compiled.find;
      // The binder rejects patterns with errors; if one slips through, it matches nothing rather than guess.
      return find ? (v) => find(v as string) : () => false;
    }
    case 'withinLast': {
      const duration = condition.durationMillis ?? 0;
      return (v, now) => (v as number) > (now - duration) * perMilli;
    }
    default:
      return () => false;
  }
}

function missingReason(name: string, raw: unknown): string {
  return raw === undefined ? `${name} is missing` : `${name} is null`;
}

function notReadable(kind: string | undefined, raw: unknown, cast: boolean, epoch?: EpochReading): string {
  const shown = JSON.stringify(raw);
  if (cast) return `${shown} is not a number, so TRY_CAST(… AS DECIMAL(38, 10)) gives NULL`;
  if (epoch) return `${shown} is not an integer (epoch ${epoch.unit}, timestamps: epoch-millis), read as NULL`;
  switch (kind) {
    case 'number':
      return `${shown} is not a number (or does not fit the column's DECIMAL), read as NULL`;
    case 'timestamp':
      return `${shown} is not an ISO-8601 UTC timestamp like "2026-11-23T10:15:30.123Z", read as NULL`;
    case 'date':
      return `${shown} is not a date like "2026-11-23", read as NULL`;
    default:
      return `${shown} cannot be read as ${kind ?? 'this type'}, read as NULL`;
  }
}

function show(v: Sql, kind: string | undefined, epoch?: EpochReading): string {
  if (epoch) return `${v as number} (${show((v as number) / (epoch.perMilli ?? 1), kind)})`;
  if (kind === 'timestamp') return new Date(v as number).toISOString();
  if (kind === 'date') return new Date((v as number) * 86_400_000).toISOString().slice(0, 10);
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function operandText(l: Literal): string {
  switch (l.type) {
    case 'number':
      return l.text;
    case 'timestamp':
    case 'date':
      return l.text;
    case 'string':
      return JSON.stringify(l.value);
    default:
      return String(l.value);
  }
}

const PHRASES: Record<string, string> = {
  equals: 'equal to',
  notEquals: 'different from',
  greaterThan: 'greater than',
  lessThan: 'less than',
  greaterThanOrEqual: 'greater than or equal to',
  lessThanOrEqual: 'less than or equal to',
};

function verdictText(condition: BoundCondition, v: Sql, ok: boolean, now: number, epoch?: EpochReading): string {
  const kind = condition.castToNumber ? 'number' : condition.path.kind;
  const value = condition.castToNumber ? `${JSON.stringify(v)} (as a number)` : show(v, kind, epoch);
  const ops = condition.operands.map(operandText);
  const not = ok ? '' : 'not ';
  switch (condition.operator.name) {
    case 'in':
      return `${value} is ${ok ? '' : 'not '}one of [${ops.join(', ')}]`;
    case 'notIn':
      return ok ? `${value} is none of [${ops.join(', ')}]` : `${value} is one of [${ops.join(', ')}]`;
    case 'between':
      return `${value} is ${not}between ${ops[0]} and ${ops[1]} (inclusive)`;
    case 'matches':
      return `${value} ${ok ? 'contains' : 'does not contain'} a match of /${(condition.operands[0] as { value: string }).value}/`;
    case 'withinLast': {
      const since = new Date(now - (condition.durationMillis ?? 0)).toISOString();
      return `${value} is ${ok ? 'after' : 'not after'} ${since} (${condition.source.value?.value as string} before now, ${new Date(now).toISOString()})`;
    }
    default:
      return `${value} is ${not}${PHRASES[condition.operator.name] ?? condition.operator.name} ${ops[0]}`;
  }
}
