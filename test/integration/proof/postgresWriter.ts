import type { CorpusItem } from './eventCorpus';

/** A quoted SQL text literal (standard_conforming_strings: only the quote is doubled). */
function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function itemSql(item: CorpusItem): string {
  if (item.kind === 'entity') return item.sql;
  return `INSERT INTO business_events (aggregate_type, aggregate_id, event_type, payload) VALUES (${lit(item.aggregateType)}, ${lit(item.key)}, ${lit(item.eventName || 'Unnamed')}, ${lit(item.payload)});`;
}

export interface WritePlan {
  script: string;
  /** Items of each transaction, by batch index. */
  batches: CorpusItem[][];
}

/**
 * One psql session writing the corpus in small transactions, each followed by the server's clock right after
 * COMMIT (the instant the rows become visible to logical decoding: where the latency is measured from).
 * A short pg_sleep between transactions spreads the load like a steady stream of application writes rather
 * than one burst, so the latency figures describe the pipeline, not a queue.
 */
export function planWrites(items: CorpusItem[], batchSize: number, pauseSeconds: number): WritePlan {
  const batches: CorpusItem[][] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
  const lines: string[] = [];
  batches.forEach((batch, b) => {
    lines.push('BEGIN;', ...batch.map(itemSql), 'COMMIT;');
    lines.push(`SELECT 'committed', ${b}, (extract(epoch FROM clock_timestamp()) * 1000)::bigint;`);
    if (pauseSeconds > 0 && b < batches.length - 1) lines.push(`SELECT pg_sleep(${pauseSeconds});`);
  });
  return { script: lines.join('\n') + '\n', batches };
}

/** The commit instant (epoch ms) of every item's transaction, by Kafka key (several rows may share a key). */
export function commitTimesByKey(plan: WritePlan, psqlOutput: string): Map<string, number> {
  const committedAt = new Map<number, number>();
  for (const line of psqlOutput.split('\n')) {
    const m = /^committed\|(\d+)\|(\d+)$/.exec(line.trim());
    if (m) committedAt.set(Number(m[1]), Number(m[2]));
  }
  const byKey = new Map<string, number>();
  plan.batches.forEach((batch, b) => {
    const at = committedAt.get(b);
    if (at === undefined) throw new Error(`psql did not report the commit of transaction ${b}`);
    for (const item of batch) byKey.set(item.key, at);
  });
  return byKey;
}
