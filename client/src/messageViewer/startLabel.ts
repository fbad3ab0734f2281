import type { TailStart } from '../../../server/src/protocol';

/** How the viewer names where a tail started ("latest", "offset 42", "2026-11-24 03:10:00 UTC"). */
export function startLabel(start: TailStart): string {
  switch (start.kind) {
    case 'latest':
      return 'latest';
    case 'beginning':
      return 'the beginning';
    case 'offset':
      return `offset ${start.offset}`;
    case 'timestamp':
      return new Date(start.ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.000Z$|Z$/, ' UTC');
  }
}

/** A start posted by the webview, checked: anything else is treated as "latest". */
export function parseStart(value: unknown): TailStart {
  const v = value as Partial<{ kind: string; ms: number; offset: number }> | undefined;
  if (v?.kind === 'beginning') return { kind: 'beginning' };
  if (v?.kind === 'timestamp' && Number.isFinite(v.ms)) return { kind: 'timestamp', ms: Number(v.ms) };
  if (v?.kind === 'offset' && Number.isInteger(v.offset) && Number(v.offset) >= 0)
    return { kind: 'offset', offset: Number(v.offset) };
  return { kind: 'latest' };
}
