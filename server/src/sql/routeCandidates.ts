import { commentSafe, quoteIdentifier as q } from './sqlLiterals';

/**
 * How many filters one candidate block holds. Each block is its own `CROSS JOIN UNNEST(ARRAY[ARRAY[…]])`, which
 * Flink plans as its own Correlate operator with its own generated class (all chained in one task: no vertex,
 * no shuffle). Flink's code splitter and Janino take time superlinear in the size of one class: 1,000 filters in
 * one ARRAY took minutes to compile, in blocks of 50 about a tenth of that (docs/sql-generation.md).
 */
export const FILTERS_PER_BLOCK = 50;

/**
 * One enabled, generated filter: the route it yields when it matches, `'<filter id> <output topic> <consumer id>'`
 * (ids and topics hold no space, so the first two words are they and the rest is the consumer id), and its
 * predicates. The route is a literal of the filter's own block, so no class of the job holds every filter's
 * constants (one holding 9,000 strings outgrew the JVM's 64 KB method limit at 3,000 filters).
 */
export interface RouteCandidate {
  filterId: string;
  outputTopic: string;
  consumerId: string;
  /** `<label>: <name> -> <topic> (<consumer>)`, the comment above the filter's CASE. */
  comment: string;
  predicates: string[];
}

/** The route of a candidate, as the text the job's rows carry (see RouteCandidate). */
export function routeText(c: { filterId: string; outputTopic: string; consumerId: string }): string {
  return `${c.filterId} ${c.outputTopic} ${c.consumerId}`;
}

/** The lines of one block's candidates: `CASE WHEN <p1> AND <p2> … THEN '<route>' END`, one per filter. */
function candidateLines(
  candidates: RouteCandidate[],
  literal: (text: string) => string,
  onCaseLine: (c: RouteCandidate, offset: number) => void,
): string[] {
  const lines: string[] = [];
  candidates.forEach((c, i) => {
    const last = i === candidates.length - 1;
    lines.push(`  -- ${c.comment}`);
    onCaseLine(c, lines.length);
    const preds = c.predicates.length > 0 ? c.predicates : ['TRUE'];
    preds.forEach((p, k) => {
      const head = k === 0 ? '  CASE WHEN ' : '    AND ';
      const tail = k === preds.length - 1 ? ` THEN ${literal(routeText(c))} END${last ? '' : ','}` : '';
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
 * routes (NULL where the filter does not match), so it adds exactly one row per input row: the blocks only
 * compute, the final UNNEST of their concatenation is what fans out.
 * `onCaseLine(candidate, index)` tells which line (index into the returned lines) starts each filter's CASE.
 */
export function candidateBlocks(
  candidates: RouteCandidate[],
  blockAlias: (n: number) => string,
  literal: (text: string) => string,
  onCaseLine: (c: RouteCandidate, lineIndex: number) => void,
): CandidateBlocks {
  const lines: string[] = [];
  const arrays: string[] = [];
  for (let from = 0; from < candidates.length; from += FILTERS_PER_BLOCK) {
    const alias = q(blockAlias(arrays.length + 1));
    lines.push('CROSS JOIN UNNEST(ARRAY[ARRAY[');
    const base = lines.length;
    lines.push(
      ...candidateLines(candidates.slice(from, from + FILTERS_PER_BLOCK), literal, (c, offset) =>
        onCaseLine(c, base + offset),
      ),
    );
    lines.push(`]]) AS ${alias}(${q('routes')})`);
    arrays.push(`${alias}.${q('routes')}`);
  }
  return { lines, arrays };
}

/** The filter id, output topic and consumer id of a route (see RouteCandidate) as SQL expressions. */
export function routeParts(route: string): { filterId: string; topic: string; consumerId: string } {
  const filterId = `SPLIT_INDEX(${route}, ' ', 0)`;
  const topic = `SPLIT_INDEX(${route}, ' ', 1)`;
  return { filterId, topic, consumerId: `SUBSTRING(${route}, CHAR_LENGTH(${filterId}) + CHAR_LENGTH(${topic}) + 3)` };
}

export function routeComment(label: string, name: string, topic: string, consumer: string): string {
  return `${commentSafe(label)}: ${commentSafe(name)} -> ${commentSafe(topic)} (${commentSafe(consumer)})`;
}
