import { commentSafe, quoteIdentifier as q } from './sqlLiterals';

/**
 * How many filters one candidate block holds. Each block is its own `CROSS JOIN UNNEST(ARRAY[ARRAY[…]])`, which
 * Flink plans as its own Correlate operator with its own generated class (all chained in one task: no vertex,
 * no shuffle). Flink's code splitter and Janino take time superlinear in the size of one class: 1,000 filters in
 * one ARRAY took minutes to compile, in blocks of 50 about a tenth of that (docs/sql-generation.md).
 */
export const FILTERS_PER_BLOCK = 50;

/** One enabled, generated filter: its route number (1-based position in the lookup arrays) and its predicates. */
export interface RouteCandidate {
  route: number;
  /** `-- <label>: <name> -> <topic> (<consumer>)` without the leading `-- `. */
  comment: string;
  predicates: string[];
}

/** The lines of one block's candidates: `CASE WHEN <p1> AND <p2> … THEN <route> END`, one per filter. */
function candidateLines(candidates: RouteCandidate[], onCaseLine: (route: number, offset: number) => void): string[] {
  const lines: string[] = [];
  candidates.forEach((c, i) => {
    const last = i === candidates.length - 1;
    lines.push(`  -- ${c.route} ${c.comment}`);
    onCaseLine(c.route, lines.length);
    const preds = c.predicates.length > 0 ? c.predicates : ['TRUE'];
    preds.forEach((p, k) => {
      const head = k === 0 ? '  CASE WHEN ' : '    AND ';
      const tail = k === preds.length - 1 ? ` THEN ${c.route} END${last ? '' : ','}` : '';
      lines.push(`${head}${p}${tail}`);
    });
  });
  return lines;
}

export interface CandidateBlocks {
  lines: string[];
  /** The blocks' route arrays, to be concatenated and unnested into one row per matching route. */
  arrays: string[];
}

/**
 * The candidate blocks as correlated joins. Each block unnests a one-element array holding the block's array of
 * route numbers (NULL where the filter does not match), so it adds exactly one row per input row: the blocks only
 * compute, the final UNNEST of their concatenation is what fans out.
 * `onCaseLine(route, index)` tells which line (index into the returned lines) starts each filter's CASE.
 */
export function candidateBlocks(
  candidates: RouteCandidate[],
  blockAlias: (n: number) => string,
  onCaseLine: (route: number, lineIndex: number) => void,
): CandidateBlocks {
  const lines: string[] = [];
  const arrays: string[] = [];
  for (let from = 0; from < candidates.length; from += FILTERS_PER_BLOCK) {
    const alias = q(blockAlias(arrays.length + 1));
    lines.push('CROSS JOIN UNNEST(ARRAY[ARRAY[');
    const base = lines.length;
    lines.push(
      ...candidateLines(candidates.slice(from, from + FILTERS_PER_BLOCK), (route, offset) =>
        onCaseLine(route, base + offset),
      ),
    );
    lines.push(`]]) AS ${alias}(${q('routes')})`);
    arrays.push(`${alias}.${q('routes')}`);
  }
  return { lines, arrays };
}

/** `ARRAY['a', 'b', …][route]`: the per-route constant (filter id, consumer id, topic) of a matching route. */
export function lookupArray(values: string[], routeRef: string): string {
  return `ARRAY[${values.join(', ')}][${routeRef}]`;
}

export function routeComment(label: string, name: string, topic: string, consumer: string): string {
  return `${commentSafe(label)}: ${commentSafe(name)} -> ${commentSafe(topic)} (${commentSafe(consumer)})`;
}
