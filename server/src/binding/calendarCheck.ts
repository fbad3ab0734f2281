/**
 * Whether the fields of an ISO-8601 date or timestamp name a real instant. `Date.parse` rolls impossible
 * dates over ("2026-02-30" becomes March 2nd) and the generated SQL would then compare with a day the user
 * never wrote, so each field is checked against the calendar first.
 */

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why year-month-day is not a calendar date, or undefined. */
export function dateProblem(year: string, month: string, day: string): string | undefined {
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12) return `month ${month} does not exist (01 to 12)`;
  if (d < 1 || d > daysIn(y, mo)) return `${year}-${month} has no day ${day} (it has ${daysIn(y, mo)} days)`;
  return undefined;
}

/** Why hh:mm[:ss] (and a ±hh:mm zone) is not a time of day, or undefined. */
export function timeProblem(
  hour: string,
  minute: string,
  second: string | undefined,
  zone: string,
): string | undefined {
  if (Number(hour) > 23) return `hour ${hour} does not exist (00 to 23)`;
  if (Number(minute) > 59) return `minute ${minute} does not exist (00 to 59)`;
  // Flink (java.time) has no leap seconds: 60 is refused there too.
  if (second !== undefined && Number(second) > 59) return `second ${second} does not exist (00 to 59)`;
  const z = /^[+-](\d{2}):?(\d{2})$/.exec(zone);
  if (z && (Number(z[1]) > 18 || Number(z[2]) > 59)) return `the zone offset ${zone} does not exist (at most ±18:00)`;
  return undefined;
}
