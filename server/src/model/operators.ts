/**
 * The operators of filters.yaml. The nine of the original filters.yaml format are required; `notEquals`,
 * `exists` and `withinLast` are additive extensions. What each accepts is described by data so validation,
 * completion, hover, the SQL generator and the evaluator read the same table.
 */
export type OperatorName =
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notIn'
  | 'greaterThan'
  | 'lessThan'
  | 'greaterThanOrEqual'
  | 'lessThanOrEqual'
  | 'between'
  | 'matches'
  | 'exists'
  | 'withinLast';

/** Which operand key an operator takes: `value:`, `values:` (a list), `values: [low, high]`, or none. */
export type OperandShape = 'value' | 'values' | 'range' | 'none';

/** Coarse kinds of a field's type, as far as operators care. */
export type FieldKind =
  'string' | 'enum' | 'number' | 'boolean' | 'timestamp' | 'date' | 'bytes' | 'record' | 'array' | 'map';

export interface OperatorSpec {
  name: OperatorName;
  operand: OperandShape;
  /** Field kinds the operator is defined for. Map values (text) also accept the numeric operators: they cast. */
  kinds: readonly FieldKind[];
  summary: string;
}

const scalar: FieldKind[] = ['string', 'enum', 'number', 'boolean', 'timestamp', 'date'];
const ordered: FieldKind[] = ['number', 'timestamp', 'date'];

export const OPERATORS: readonly OperatorSpec[] = [
  { name: 'equals', operand: 'value', kinds: scalar, summary: 'Field equals the value.' },
  {
    name: 'notEquals',
    operand: 'value',
    kinds: scalar,
    summary: 'Field is present and differs from the value (NULL matches nothing).',
  },
  { name: 'in', operand: 'values', kinds: ['string', 'enum', 'number'], summary: 'Field equals one of the values.' },
  {
    name: 'notIn',
    operand: 'values',
    kinds: ['string', 'enum', 'number'],
    summary: 'Field is present and equals none of the values (NULL matches nothing).',
  },
  { name: 'greaterThan', operand: 'value', kinds: ordered, summary: 'Field > value.' },
  { name: 'lessThan', operand: 'value', kinds: ordered, summary: 'Field < value.' },
  { name: 'greaterThanOrEqual', operand: 'value', kinds: ordered, summary: 'Field >= value.' },
  { name: 'lessThanOrEqual', operand: 'value', kinds: ordered, summary: 'Field <= value.' },
  { name: 'between', operand: 'range', kinds: ordered, summary: 'low <= field <= high (both ends inclusive).' },
  {
    name: 'matches',
    operand: 'value',
    kinds: ['string', 'enum'],
    summary: 'A Java regular expression is found in the field (Flink REGEXP).',
  },
  {
    name: 'exists',
    operand: 'none',
    kinds: [...scalar, 'bytes', 'record', 'array', 'map'],
    summary: 'Field is present and not NULL.',
  },
  {
    name: 'withinLast',
    operand: 'value',
    kinds: ['timestamp'],
    summary: 'Timestamp lies within the last duration (e.g. 24h) before now.',
  },
];

const byName = new Map<string, OperatorSpec>(OPERATORS.map((o) => [o.name, o]));

export function operatorSpec(name: string): OperatorSpec | undefined {
  return byName.get(name);
}

/**
 * What an operator needs after it, in words and as written, for completion and hover: `{ what: 'a list of
 * values', written: 'values: [a, b]' }`. A whole phrase, so neither reads as cut off.
 */
export function operandNeeds(spec: OperatorSpec): { what: string; written?: string } {
  if (spec.operand === 'none') return { what: 'no value' };
  if (spec.operand === 'range') return { what: 'two bounds', written: 'values: [low, high]' };
  if (spec.operand === 'values') return { what: 'a list of values', written: 'values: [a, b]' };
  if (spec.name === 'withinLast') return { what: 'a duration', written: 'value: 24h' };
  if (spec.name === 'matches') return { what: 'a regular expression', written: 'value: "^Loan"' };
  return { what: 'one value', written: 'value: x' };
}

/** Durations accepted by `withinLast`: a positive integer and a unit. */
const DURATION_PATTERN = /^([1-9][0-9]*)(ms|s|m|h|d)$/;

const unitMillis: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The longest duration Flink's day-time INTERVAL can hold: DAY(6) TO SECOND(3), i.e. 999,999 days 23:59:59.999
 * (DayTimeIntervalType.MAX_DAY_PRECISION = 6). Longer ones would also make the generator write an unbounded
 * chain of INTERVAL literals (one per 999 days) and the evaluator's now − duration an invalid date.
 */
export const MAX_DURATION_MILLIS = 1_000_000 * unitMillis.d - 1;
export const MAX_DURATION_TEXT = '999999d';

function durationParts(text: string): { amount: number; unit: string; millis: number } | undefined {
  const m = DURATION_PATTERN.exec(text);
  if (!m) return undefined;
  // 16 digits and more are beyond the limit in every unit (and beyond a double's exact integers).
  const amount = m[1].length > 15 ? Infinity : Number(m[1]);
  return { amount, unit: m[2], millis: amount * unitMillis[m[2]] };
}

/** A duration within Flink's INTERVAL range, or undefined (durationProblem says why). */
export function parseDuration(text: string): { amount: number; unit: string; millis: number } | undefined {
  const d = durationParts(text);
  return d && d.millis <= MAX_DURATION_MILLIS ? d : undefined;
}

/** Why a withinLast operand is not a duration Flink can hold, or undefined when it is one. */
export function durationProblem(value: unknown): string | undefined {
  const d = typeof value === 'string' ? durationParts(value) : undefined;
  if (!d)
    return `"withinLast" takes a duration like 30m, 24h or 7d (units ms, s, m, h, d), not ${JSON.stringify(value)}.`;
  if (d.millis > MAX_DURATION_MILLIS)
    return `${JSON.stringify(value)} is longer than Flink's INTERVAL can hold: "withinLast" takes at most ${MAX_DURATION_TEXT} (999,999 days, DAY(6)).`;
  return undefined;
}
