/**
 * Exact decimal numbers, as far as the evaluator needs them: parse with java.math.BigDecimal's syntax
 * (what Flink's CAST to DECIMAL uses), round HALF_UP to a scale, compare. Kept as digit strings, so
 * comparisons never go through floating point where Flink uses DECIMAL.
 */
export interface Decimal {
  negative: boolean;
  /** Significant digits without leading or trailing zeros; '' for zero. */
  digits: string;
  /** value = digits × 10^exponent */
  exponent: number;
}

/** BigDecimal(String) syntax: optional sign, digits with an optional point, optional exponent. */
const BIG_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function parseDecimal(text: string): Decimal | undefined {
  const m = BIG_DECIMAL.exec(text);
  if (!m) return undefined;
  const whole = m[2];
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 999_999_999) return undefined;
  return normalize(m[1] === '-', whole + fraction, exp - fraction.length);
}

function normalize(negative: boolean, digits: string, exponent: number): Decimal {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  let end = digits.length;
  while (end > start && digits.charCodeAt(end - 1) === 48) end--;
  const d = digits.slice(start, end);
  if (d === '') return { negative: false, digits: '', exponent: 0 };
  return { negative, digits: d, exponent: exponent + (digits.length - end) };
}

/** Rounds HALF_UP (Flink's DecimalData.fromBigDecimal) to `scale` fraction digits. */
function roundHalfUp(value: Decimal, scale: number): Decimal {
  const drop = -scale - value.exponent; // digits below the scale
  if (drop <= 0) return value;
  const keepLength = value.digits.length - drop;
  if (keepLength < 0) return { negative: false, digits: '', exponent: 0 };
  const kept = value.digits.slice(0, keepLength);
  const roundUp = value.digits.charCodeAt(keepLength) >= 53; // '5'
  const digits = roundUp ? increment(kept) : kept;
  return normalize(value.negative, digits, -scale);
}

function increment(digits: string): string {
  const chars = digits.split('');
  let i = chars.length - 1;
  while (i >= 0) {
    if (chars[i] === '9') {
      chars[i] = '0';
      i--;
    } else {
      chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/** Digits before the decimal point (0 for |value| < 1): what DECIMAL(p, s) bounds by p − s. */
function integerDigits(value: Decimal): number {
  return value.digits === '' ? 0 : Math.max(0, value.digits.length + value.exponent);
}

/** Fits DECIMAL(precision, scale) after rounding, or undefined (overflow: Flink gives NULL). */
export function toDecimalType(value: Decimal, precision: number, scale: number): Decimal | undefined {
  const rounded = roundHalfUp(value, scale);
  return integerDigits(rounded) > precision - scale ? undefined : rounded;
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.digits === '' || b.digits === '') {
    const sa = a.digits === '' ? 0 : a.negative ? -1 : 1;
    const sb = b.digits === '' ? 0 : b.negative ? -1 : 1;
    return Math.sign(sa - sb);
  }
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  // Position of the most significant digit decides first, then the digits left to right.
  const ma = a.digits.length + a.exponent;
  const mb = b.digits.length + b.exponent;
  if (ma !== mb) return ma > mb ? sign : -sign;
  const len = Math.max(a.digits.length, b.digits.length);
  const da = a.digits.padEnd(len, '0');
  const db = b.digits.padEnd(len, '0');
  return da === db ? 0 : da > db ? sign : -sign;
}
