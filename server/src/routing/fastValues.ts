import { compareDecimal, parseDecimal, toDecimalType, type Decimal } from './decimal';
import { tryCastDecimalText } from './sqlValues';

/**
 * The conversions of sqlValues.ts in the shape the generated predicates call: numbers as numbers (NaN
 * for NULL), so the common case never allocates or builds text; exact decimal work only near a bound.
 */

/** STRING column value, or null. */
export function str(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (raw === null || raw === undefined) return null;
  return JSON.stringify(raw);
}

export function bool(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') return raw.trim().toLowerCase() === 'true';
  return null;
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A numeric column from JSON (a number, or numeric text as Flink's json format also reads); NaN = NULL. */
export function num(raw: unknown, limit: number, precision: number, scale: number): number {
  let d: number;
  if (typeof raw === 'number') d = raw;
  else if (typeof raw === 'string') {
    const t = raw.trim();
    if (!NUMBER_TEXT.test(t)) return NaN;
    d = Number(t);
  } else return NaN;
  if (!(Math.abs(d) < limit * 0.999) && limit > 0) {
    const exact = parseDecimal(typeof raw === 'number' ? String(raw) : raw.trim());
    if (!exact || !toDecimalType(exact, precision, scale)) return NaN;
  }
  return d;
}

/** TRY_CAST(text AS DECIMAL(38, 10)) as a number; NaN = NULL. */
export function cast(raw: unknown): number {
  const text = tryCastDecimalText(raw);
  return text === null ? NaN : Number(text);
}

/** The exact comparison, near a bound: the raw JSON value (number or text) as DECIMAL(p, s) against the literal. */
export function exact(raw: unknown, precision: number, scale: number, literal: Decimal): number {
  const text =
    typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.replace(/^[ \t\n]+|[ \t\n]+$/g, '') : '';
  const d = parseDecimal(text);
  const rounded = d && toDecimalType(d, precision, scale);
  return rounded ? compareDecimal(rounded, literal) : NaN;
}

/** TIMESTAMP_LTZ(3) from ISO-8601 UTC text "2026-11-23T10:15:30.123Z", parsed by hand (hot path); NaN = NULL. */
export function ts(raw: unknown): number {
  if (typeof raw !== 'string') return NaN;
  const s = raw;
  const n = s.length;
  if (
    n < 20 ||
    s.charCodeAt(n - 1) !== 90 /* Z */ ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  let ms = 0;
  if (n > 20) {
    if (s.charCodeAt(19) !== 46 || n - 21 > 9 || n - 21 < 1) return NaN;
    const frac = digits(s, 20, n - 21);
    if (frac !== frac) return NaN;
    const len = n - 21;
    ms = len >= 3 ? Math.floor(frac / 10 ** (len - 3)) : frac * 10 ** (3 - len);
  }
  if (y !== y || mo !== mo || d !== d || h !== h || mi !== mi || se !== se || mo < 1 || mo > 12) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, se, ms);
}

function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function date(raw: unknown): number {
  if (typeof raw !== 'string' || !ISO_DATE.test(raw)) return NaN;
  return Date.parse(`${raw}T00:00:00Z`) / 86_400_000;
}

/** Property access for keys that also name something on Object.prototype or Array.prototype. */
export function own(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const LONG_MAX = 9223372036854775807n;
const INT_MAX = 2147483647;

/**
 * A BIGINT column from JSON as Flink 1.20's json format reads it (JsonParserToRowDataConverters.convertToLong): a
 * number token (integer or with a fraction) that fits a long is taken with Jackson's getLongValue (a fraction
 * truncated toward zero), anything else is trimmed text for Long.parseLong. Text that is not a long fails the row in Flink (the sample checks report it); here it is
 * NaN (NULL). Epoch timestamps of a `timestamps: epoch-millis` source are read this way.
 */
export function epochLong(raw: unknown): number {
  if (typeof raw === 'number') return Number.isFinite(raw) && Math.abs(raw) < 9.2e18 ? Math.trunc(raw) : NaN;
  if (typeof raw !== 'string') return NaN;
  const t = raw.trim();
  if (!INTEGER_TEXT.test(t)) return NaN;
  const b = BigInt(t);
  return b <= LONG_MAX && b >= -LONG_MAX - 1n ? Number(b) : NaN;
}

/** An INT column (convertToInt): a number within int range with getIntValue (truncated), else Integer.parseInt of
 * the trimmed text. Epoch dates (days) of a `timestamps: epoch-millis` source. NaN = NULL. */
export function epochInt(raw: unknown): number {
  if (typeof raw === 'number') return raw >= -INT_MAX - 1 && raw <= INT_MAX ? Math.trunc(raw) : NaN;
  if (typeof raw !== 'string') return NaN;
  const t = raw.trim();
  if (!INTEGER_TEXT.test(t)) return NaN;
  const n = Number(t);
  return n <= INT_MAX && n >= -INT_MAX - 1 ? n : NaN;
}
