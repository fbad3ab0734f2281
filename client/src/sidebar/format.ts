/** 1,234,567 — counts in the views. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "3 s", "4 min", "2 h 5 min", "3 d 4 h": uptimes and ages at a glance. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "5 min ago" (or "just now"). */
export function formatAge(time: number, now: number): string {
  const ms = now - time;
  return ms < 1000 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** An ISO time without milliseconds, for tooltips. */
export function formatTime(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The first line of a trace, shortened: a description fits one line, the tooltip shows the rest. */
export function firstLine(text: string, max = 120): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

/** Text safe inside a Markdown tooltip's fenced block (no closing fence). */
export function fenced(text: string): string {
  return '```\n' + text.replace(/```/g, "'''") + '\n```';
}
