import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';

/**
 * Expands test/cases/semantics.yaml into concrete filters and events, for the in-process evaluator test
 * and for the real-Flink comparison: one filter per case (id `case-<n>`, topic `semantics-case-<n>`),
 * events as plain JSON in the agreed encoding.
 */
export interface SemanticEvent {
  event: Record<string, unknown>;
  matches: boolean;
  note?: string;
  /** Sits on a clock boundary: meaningful only with a fixed clock. */
  exactClock: boolean;
}

export interface SemanticCase {
  index: number;
  name: string;
  filterId: string;
  outputTopic: string;
  conditions: unknown[];
  events: SemanticEvent[];
}

export interface SemanticCases {
  /** Absolute path of the Avro schema the cases are written against. */
  schemaFile: string;
  now: number;
  cases: SemanticCase[];
  /** All cases as one filters.yaml (source.schema relative to `dir`). */
  filtersYaml(dir: string): string;
}

/** test/cases/semantics.yaml as written. */
interface SemanticsFile {
  now: string;
  schema: string;
  base: Record<string, unknown>;
  cases: {
    name: string;
    conditions: unknown[];
    events: { with?: unknown; without?: string[]; matches: boolean; note?: string; exactClock?: boolean }[];
  }[];
}

const SEMANTICS_FILE = path.join(__dirname, 'semantics.yaml');

export function loadSemanticCases(options: { file?: string; now?: number } = {}): SemanticCases {
  const file = options.file ?? SEMANTICS_FILE;
  const data = parse(fs.readFileSync(file, 'utf8')) as SemanticsFile;
  const now = options.now ?? Date.parse(data.now);
  const schemaFile = path.resolve(path.dirname(file), data.schema);
  const cases: SemanticCase[] = data.cases.map((c, index) => ({
    index,
    name: c.name,
    filterId: `case-${index + 1}`,
    outputTopic: `semantics-case-${index + 1}`,
    conditions: c.conditions,
    events: c.events.map((e) => ({
      event: resolveClock(remove(merge(structuredClone(data.base), e.with ?? {}), e.without ?? []), now) as Record<
        string,
        unknown
      >,
      matches: e.matches,
      note: e.note,
      exactClock: e.exactClock === true,
    })),
  }));
  return {
    schemaFile,
    now,
    cases,
    filtersYaml(dir: string) {
      const filters = cases.map((c) => ({
        id: c.filterId,
        name: c.name,
        consumerId: `semantics-consumer-${c.index + 1}`,
        outputTopic: c.outputTopic,
        conditions: c.conditions,
      }));
      return stringify({ source: { topic: 'raw-business-events', schema: path.relative(dir, schemaFile) }, filters });
    },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return structuredClone(patch);
  for (const [k, v] of Object.entries(patch))
    base[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : structuredClone(v);
  return base;
}

function remove(event: unknown, paths: string[]): unknown {
  for (const p of paths) {
    const keys = p.split('.');
    let at = event;
    for (const k of keys.slice(0, -1)) at = (at as Record<string, unknown> | null | undefined)?.[k];
    if (isObject(at)) delete at[keys[keys.length - 1]];
  }
  return event;
}

const UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function resolveClock(v: unknown, now: number): unknown {
  if (typeof v === 'string') {
    const m = /^\$now-(\d+)(ms|s|m|h|d)$/.exec(v);
    return m ? new Date(now - Number(m[1]) * UNIT[m[2]]).toISOString() : v;
  }
  if (Array.isArray(v)) return v.map((x) => resolveClock(x, now));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveClock(x, now)]));
  return v;
}
