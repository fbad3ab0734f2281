/**
 * The `withinLast` window as a Flink SQL expression: `CURRENT_TIMESTAMP - INTERVAL …`.
 *
 * Flink 1.20 accepts a day-time interval's leading field with at most 3 digits (DAY(3), HOUR(3) …;
 * "DAY_INTERVAL_TYPES precision is not supported: 4" beyond), and Calcite's default is 2. So: the unit as
 * written when the amount has up to 3 digits (`INTERVAL '24' HOUR`, `INTERVAL '120' MINUTE(3)`),
 * otherwise `INTERVAL 'd hh:mm:ss.fff' DAY(3) TO SECOND(3)`, subtracted in chunks of at most 999 days.
 * Every form is exact to the millisecond (Flink keeps day-time intervals as milliseconds).
 */
const UNIT_NAME: Record<string, string> = { d: 'DAY', h: 'HOUR', m: 'MINUTE', s: 'SECOND' };
const DAY_MS = 86_400_000;
const MAX_CHUNK_DAYS = 999;

export function nowMinus(amount: number, unit: string, millis: number): string {
  return `CURRENT_TIMESTAMP - ${intervals(amount, unit, millis).join(' - ')}`;
}

export function intervals(amount: number, unit: string, millis: number): string[] {
  if (unit in UNIT_NAME && amount <= 999)
    return [`INTERVAL '${amount}' ${UNIT_NAME[unit]}${amount >= 100 ? '(3)' : ''}`];
  if (unit === 'ms' && millis < 1000 * 1000) {
    const seconds = Math.floor(millis / 1000);
    const fraction = String(millis % 1000).padStart(3, '0');
    return [`INTERVAL '${seconds}.${fraction}' SECOND${seconds >= 100 ? '(3)' : ''}`];
  }
  const parts: string[] = [];
  let rest = millis;
  while (rest > 0) {
    const days = Math.min(Math.floor(rest / DAY_MS), MAX_CHUNK_DAYS);
    const within = days === MAX_CHUNK_DAYS ? 0 : rest - days * DAY_MS;
    parts.push(dayToSecond(days, within));
    rest -= days * DAY_MS + within;
  }
  return parts;
}

function dayToSecond(days: number, millis: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(millis / 3_600_000);
  const m = Math.floor((millis % 3_600_000) / 60_000);
  const s = Math.floor((millis % 60_000) / 1000);
  const ms = String(millis % 1000).padStart(3, '0');
  return `INTERVAL '${days} ${two(h)}:${two(m)}:${two(s)}.${ms}' DAY${days >= 100 ? '(3)' : ''} TO SECOND(3)`;
}
