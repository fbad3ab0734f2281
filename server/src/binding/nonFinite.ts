/**
 * YAML reads `1e400` as Infinity and `.nan`/`.inf` as NaN/Infinity; none is a value Flink's DOUBLE or DECIMAL
 * literal can be, and JSON.stringify would say "null". This says what was written and why it is refused.
 */
export function nonFiniteProblem(value: number, written: string): string {
  if (Number.isNaN(value)) return `${written} is not a number (NaN): write a number, e.g. 0 or 1.5.`;
  return `${written} is a number out of range (${value > 0 ? '+' : '-'}infinity as a double): write a finite number.`;
}
