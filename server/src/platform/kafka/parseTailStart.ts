import type { TailStart } from './kafkaTypes';

/**
 * A tail's start as people write it (CLI `--from`, the Tail Topic… input box): `latest`, `beginning`
 * (also `earliest`), an offset (digits), or an ISO-8601 time (`2026-11-24T03:00:00Z`, `2026-11-24`).
 * Returns an error text for anything else.
 */
export function parseTailStart(text: string): TailStart | { error: string } {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === 'latest' || lower === 'end' || lower === '') return { kind: 'latest' };
  if (lower === 'beginning' || lower === 'earliest') return { kind: 'beginning' };
  if (/^\d+$/.test(t)) {
    const offset = Number(t);
    if (!Number.isSafeInteger(offset)) return { error: `offset ${t} is too large` };
    return { kind: 'offset', offset };
  }
  // Date.parse accepts much that is not ISO ("1", "May 5"); only ISO-looking text is taken as a time.
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return { kind: 'timestamp', ms };
  }
  return { error: `"${text}" is not latest, beginning, an offset or an ISO time (e.g. 2026-11-24T03:00:00Z)` };
}
