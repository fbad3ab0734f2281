import type { BoundFilter } from '../../../server/src/binding/boundTypes';
import type { Router } from '../../../server/src/routing/routeTypes';
import type { ReadRecord } from './topicReader';

/** One input event as Flink read it from its source topic. */
export interface InputEvent {
  uuid: string;
  /** The parsed Kafka record value. */
  event: unknown;
  label: string;
}

/** A routed (or raw) record's value as JSON, with the fields the comparison reads; any may be missing. */
interface RecordValue {
  eventHeader?: {
    uuid?: unknown;
    eventName?: unknown;
    eventType?: unknown;
    createdDate?: unknown;
    savedDate?: unknown;
    channel?: unknown;
    priority?: unknown;
  };
  eventBody?: { entities?: unknown; totalAmount?: unknown; currency?: unknown };
  sourceMetadata?: { table?: unknown; operation?: unknown; lsn?: unknown; capturedAt?: unknown };
  filterMetadata?: { filterId?: unknown; consumerId?: unknown; routedAt?: unknown };
}

interface RecordEntity {
  entityType?: unknown;
  entityId?: unknown;
  version?: unknown;
  updatedAttributes?: Record<string, unknown>;
}

export interface RoutedJob {
  name: string;
  filters: BoundFilter[];
  router: (now: () => number) => Router;
}

export interface Difference {
  kind: 'missing' | 'unexpected' | 'duplicate' | 'wrong-topic' | 'content';
  job: string;
  filterId: string;
  uuid: string;
  expected: string;
  actual: string;
  event: unknown;
  /** The evaluator's reason when it says "no match". */
  evaluatorReason?: string;
}

export interface Comparison {
  pairs: number;
  expectedRoutes: number;
  actualRoutes: number;
  differences: Difference[];
  /** (filter, event) pairs whose answer changes between the first write and the comparison (clock boundary). */
  clockAmbiguous: { filterId: string; uuid: string }[];
  perFilter: { job: string; filterId: string; expected: number; actual: number }[];
}

/** The filter's answer at two instants: Flink evaluated withinLast somewhere between them. */
function answersAt(router: (now: () => number) => Router, at: number) {
  const r = router(() => at);
  return (event: unknown) => new Set(r.filters.filter((f) => f.matches(event, at)).map((f) => f.filter.id));
}

/**
 * Compares, event by event and filter by filter, what Flink wrote to the output topics with what the routing
 * evaluator predicts (with the real clock at comparison time). Output records of other runs or of events not
 * in `inputs` are ignored; pairs whose answer depends on when exactly Flink looked at the clock are set aside.
 */
export function compareRouting(
  jobs: RoutedJob[],
  inputs: InputEvent[],
  outputs: ReadRecord[],
  clockWindow: { from: number; to: number },
): Comparison {
  const byUuid = new Map(inputs.map((i) => [i.uuid, i]));
  const actual = new Map<string, ReadRecord[]>();
  const pairKey = (filterId: string, uuid: string) => `${filterId}\u0000${uuid}`;
  const filterById = new Map<string, { job: string; filter: BoundFilter }>();
  for (const j of jobs) for (const f of j.filters) filterById.set(f.id, { job: j.name, filter: f });
  let actualRoutes = 0;
  for (const rec of outputs) {
    let v: RecordValue | null;
    try {
      v = JSON.parse(rec.value) as RecordValue | null;
    } catch {
      continue;
    }
    const uuid = v?.eventHeader?.uuid;
    const filterId = v?.filterMetadata?.filterId;
    if (typeof uuid !== 'string' || typeof filterId !== 'string') continue;
    if (!byUuid.has(uuid) || !filterById.has(filterId)) continue;
    actualRoutes++;
    const k = pairKey(filterId, uuid);
    actual.set(k, [...(actual.get(k) ?? []), rec]);
  }

  const differences: Difference[] = [];
  const clockAmbiguous: Comparison['clockAmbiguous'] = [];
  const perFilter: Comparison['perFilter'] = [];
  let expectedRoutes = 0;
  let pairs = 0;
  for (const j of jobs) {
    const router = j.router(() => Date.now());
    const atFrom = answersAt(j.router, clockWindow.from);
    const atTo = answersAt(j.router, clockWindow.to);
    const expectedByFilter = new Map<string, Set<string>>();
    const ambiguous = new Set<string>();
    for (const input of inputs) {
      const now = router.route(input.event);
      const from = atFrom(input.event);
      const to = atTo(input.event);
      for (const f of j.filters) {
        if (from.has(f.id) !== to.has(f.id)) {
          ambiguous.add(pairKey(f.id, input.uuid));
          clockAmbiguous.push({ filterId: f.id, uuid: input.uuid });
        }
      }
      for (const m of now.matched) {
        if (!expectedByFilter.has(m.filterId)) expectedByFilter.set(m.filterId, new Set());
        expectedByFilter.get(m.filterId)!.add(input.uuid);
      }
    }
    for (const f of j.filters) {
      const expected = expectedByFilter.get(f.id) ?? new Set<string>();
      let actualCount = 0;
      for (const input of inputs) {
        const k = pairKey(f.id, input.uuid);
        if (ambiguous.has(k)) continue;
        pairs++;
        const recs = actual.get(k) ?? [];
        actualCount += recs.length;
        const want = expected.has(input.uuid);
        if (want) expectedRoutes++;
        const base = { job: j.name, filterId: f.id, uuid: input.uuid, event: input.event };
        if (want && recs.length === 0) {
          differences.push({
            ...base,
            kind: 'missing',
            expected: `routed to ${f.outputTopic}`,
            actual: 'not in any output topic',
          });
        } else if (!want && recs.length > 0) {
          const miss = router.filters.find((c) => c.filter.id === f.id)?.explainMiss(input.event, Date.now());
          differences.push({
            ...base,
            kind: 'unexpected',
            expected: 'not routed',
            actual: `in ${recs[0].topic} at offset ${recs[0].offset}`,
            evaluatorReason: miss?.reason,
          });
        } else if (recs.length > 1) {
          differences.push({
            ...base,
            kind: 'duplicate',
            expected: 'one record',
            actual: `${recs.length} records (offsets ${recs.map((r) => r.offset).join(', ')})`,
          });
        }
        for (const rec of recs) {
          if (rec.topic !== f.outputTopic)
            differences.push({ ...base, kind: 'wrong-topic', expected: f.outputTopic, actual: rec.topic });
          const problem = contentProblem(input.event, JSON.parse(rec.value) as RecordValue | null, f);
          if (problem)
            differences.push({ ...base, kind: 'content', expected: problem.expected, actual: problem.actual });
        }
      }
      perFilter.push({
        job: j.name,
        filterId: f.id,
        expected: [...expected].filter((u) => !ambiguous.has(pairKey(f.id, u))).length,
        actual: actualCount,
      });
    }
  }
  return { pairs, expectedRoutes, actualRoutes, differences, clockAmbiguous, perFilter };
}

const ms = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The event as Flink's json format reads and writes it: missing optional fields become null, timestamps are
 * instants (the sink drops trailing zeros of the fraction), decimals and longs are numbers (the sink writes
 * 250000.00 as 250000), map keys unordered.
 */
function canonicalEvent(e: RecordValue | null | undefined): unknown {
  const h: NonNullable<RecordValue['eventHeader']> = e?.eventHeader ?? {};
  const b: NonNullable<RecordValue['eventBody']> = e?.eventBody ?? {};
  const s: NonNullable<RecordValue['sourceMetadata']> = e?.sourceMetadata ?? {};
  return {
    eventHeader: {
      uuid: h.uuid ?? null,
      eventName: h.eventName ?? null,
      eventType: h.eventType ?? null,
      createdDate: ms(h.createdDate),
      savedDate: ms(h.savedDate),
      channel: h.channel ?? null,
      priority: num(h.priority),
    },
    eventBody: {
      entities: Array.isArray(b.entities)
        ? (b.entities as RecordEntity[]).map((x) => ({
            entityType: x.entityType ?? null,
            entityId: x.entityId ?? null,
            version: num(x.version),
            updatedAttributes: Object.fromEntries(
              Object.entries(x.updatedAttributes ?? {}).sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)),
            ),
          }))
        : null,
      totalAmount: num(b.totalAmount),
      currency: b.currency ?? null,
    },
    sourceMetadata: {
      table: s.table ?? null,
      operation: s.operation ?? null,
      lsn: num(s.lsn),
      capturedAt: ms(s.capturedAt),
    },
  };
}

/** First path where two JSON values differ, or undefined. */
function firstDifference(a: unknown, b: unknown, path = '$'): { path: string; a: unknown; b: unknown } | undefined {
  if (a === b) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`,
      );
      if (d) return d;
    }
    return undefined;
  }
  return { path, a, b };
}

function contentProblem(
  input: unknown,
  output: RecordValue | null,
  f: BoundFilter,
): { expected: string; actual: string } | undefined {
  const { filterMetadata, ...rest } = output ?? {};
  const d = firstDifference(canonicalEvent(input as RecordValue | null), canonicalEvent(rest));
  if (d) return { expected: `${d.path} = ${JSON.stringify(d.a)}`, actual: `${d.path} = ${JSON.stringify(d.b)}` };
  const extra = Object.keys(rest).filter((k) => !['eventHeader', 'eventBody', 'sourceMetadata'].includes(k));
  if (extra.length)
    return { expected: 'only the event and filterMetadata', actual: `extra fields ${extra.join(', ')}` };
  if (filterMetadata?.consumerId !== f.consumerId || !Number.isFinite(Date.parse(filterMetadata?.routedAt as string))) {
    return {
      expected: `filterMetadata {filterId: ${f.id}, consumerId: ${f.consumerId}, routedAt: an instant}`,
      actual: JSON.stringify(filterMetadata),
    };
  }
  return undefined;
}

/** A readable report of the first differences: the event, the filter, what each side said. */
export function formatDifferences(differences: Difference[], limit = 10): string {
  return differences
    .slice(0, limit)
    .map((d, i) =>
      [
        `#${i + 1} ${d.kind} — job ${d.job}, filter ${d.filterId}, event ${d.uuid}`,
        `   evaluator/expected: ${d.expected}${d.evaluatorReason ? ` (evaluator: ${d.evaluatorReason})` : ''}`,
        `   Flink/actual:       ${d.actual}`,
        `   event: ${JSON.stringify(d.event)}`,
      ].join('\n'),
    )
    .join('\n');
}
