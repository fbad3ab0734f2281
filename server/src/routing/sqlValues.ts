import type { AvroType } from '../avro/avroTypes';
import { compareDecimal, parseDecimal, toDecimalType, type Decimal } from './decimal';

/**
 * How a JSON value of the agreed event encoding becomes the SQL value Flink's json format reads, per
 * column type. A value that is absent, null, or cannot be read as the column's type is SQL NULL (Flink's
 * json format yields NULL for missing fields; a value of the wrong shape fails the row in Flink and is
 * reported by the sample checks, so the preview treats it as NULL rather than guessing).
 */

/** How numbers of a column compare: exactly as DECIMAL(p, s) (ints are DECIMAL(10|19, 0)), or as floating point. */
export type NumericSort = { kind: 'exact'; precision: number; scale: number } | { kind: 'double' } | { kind: 'float' };

export function numericSortOf(type: AvroType, castFromText: boolean): NumericSort {
  if (castFromText) return { kind: 'exact', precision: 38, scale: 10 };
  const t = type.kind === 'primitive' || type.kind === 'fixed' ? type : undefined;
  if (t?.logicalType === 'decimal') return { kind: 'exact', precision: t.precision ?? 38, scale: t.scale ?? 0 };
  if (t?.kind === 'primitive') {
    if (t.type === 'int') return { kind: 'exact', precision: 10, scale: 0 };
    if (t.type === 'long') return { kind: 'exact', precision: 19, scale: 0 };
    if (t.type === 'float') return { kind: 'float' };
  }
  return { kind: 'double' };
}

/** STRING column: Flink's json format reads numbers and booleans as their text. */
export function toSqlString(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (raw === null || raw === undefined) return null;
  return JSON.stringify(raw);
}

/** BOOLEAN column: Flink reads a text value with Boolean.parseBoolean (only "true", any case, is true). */
export function toSqlBoolean(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') return raw.trim().toLowerCase() === 'true';
  return null;
}

/** Whitespace TRY_CAST trims around a number: space, tab and line feed only (Flink 1.20's cast code, checked at
 * run time); a carriage return or form feed makes the text not a number. */
const TRIM = /^[ \t\n]+|[ \t\n]+$/g;
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * TRY_CAST(text AS DECIMAL(38, 10)), as Flink 1.20 does it: trims whitespace, accepts BigDecimal syntax
 * (`12`, `+7`, `.5`, `12.5`, `1e5`), rounds HALF_UP to 10 decimals, and gives NULL for anything else
 * (`''`, `abc`, `1,5`, `NaN`, `0x10`, `Infinity`) and for more than 28 integer digits (overflow).
 * Returns the trimmed text (for exact comparison) or null.
 */
export function tryCastDecimalText(raw: unknown): string | null {
  if (typeof raw !== 'string') return typeof raw === 'number' ? String(raw) : null;
  const text = raw.replace(TRIM, '');
  if (!NUMBER_TEXT.test(text)) return null;
  const approx = Number(text);
  if (!(Math.abs(approx) < 9.9e27)) {
    const exact = parseDecimal(text);
    if (!exact || !toDecimalType(exact, 38, 10)) return null;
  }
  return text;
}

/** A DECIMAL/INT/DOUBLE column read from a JSON number (or numeric text, which Flink's json format also reads). */
export function toSqlNumberText(raw: unknown): string | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'string') {
    const text = raw.trim();
    return NUMBER_TEXT.test(text) ? text : null;
  }
  return null;
}

/**
 * Compares a column value (as text, e.g. from JSON) with a number literal. Floating point decides only
 * when the two are far apart (double rounding is monotonic, and the margin covers rounding to the
 * column's scale); otherwise the decimal digits decide, exactly as Flink's DECIMAL comparison.
 */
export function compareNumber(
  valueText: string,
  sort: NumericSort,
  literal: { value: number; decimal: Decimal },
): number {
  const d = Number(valueText);
  if (sort.kind === 'double') return Math.sign(d - literal.value);
  if (sort.kind === 'float') return Math.sign(Math.fround(d) - literal.value);
  const margin = 10 ** -sort.scale + 1e-12 * (Math.abs(d) + Math.abs(literal.value));
  const diff = d - literal.value;
  if (diff > margin) return 1;
  if (diff < -margin) return -1;
  const exact = parseDecimal(valueText);
  const rounded = exact && toDecimalType(exact, sort.precision, sort.scale);
  if (!rounded) return NaN;
  return compareDecimal(rounded, literal.decimal);
}

/** Exceeds DECIMAL(p, s) (Flink reads NULL). Exact only near the bound, where it matters. */
export function overflows(valueText: string, sort: NumericSort): boolean {
  if (sort.kind !== 'exact') return false;
  const limit = 10 ** (sort.precision - sort.scale);
  const d = Math.abs(Number(valueText));
  if (d < limit * 0.999) return false;
  const exact = parseDecimal(valueText);
  return !exact || !toDecimalType(exact, sort.precision, sort.scale);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toSqlDateDays(raw: unknown): number | null {
  if (typeof raw !== 'string' || !ISO_DATE.test(raw)) return null;
  const millis = Date.parse(`${raw}T00:00:00Z`);
  return Number.isFinite(millis) ? millis / 86_400_000 : null;
}
