import type { BoundDocument } from '../binding/boundTypes';
import type { FiltersDocument } from '../model/filterTypes';
import type { SampleEvent, SampleProblem } from '../samples/loadSamples';
import { compileRouting } from './compileFilters';

/** What the routing preview shows for a filters file and its sample events (JSON-serialisable, for LSP). */
export interface RoutePreview {
  /** The clock used for withinLast (ISO-8601). */
  now: string;
  total: number;
  sampleFiles: string[];
  sampleProblems: SampleProblem[];
  filters: {
    id: string;
    name: string;
    outputTopic: string;
    enabled: boolean;
    /** 0-based line of the filter's id in the filters file. */
    line: number;
    count: number;
    percent: number;
    /** Indices into `events` of the events it takes. */
    events: number[];
  }[];
  /** Filters left out because of errors: they route nothing until fixed. */
  rejected: { id: string; line: number; reason: string }[];
  events: {
    index: number;
    file: string;
    /** 1-based line in the sample file. */
    line: number;
    /** Short label, e.g. the event name. */
    label: string;
    event: unknown;
    matched: string[];
    misses: { filterId: string; field: string; operator: string; line: number; actual: unknown; reason: string }[];
  }[];
  /** Indices of events no (enabled) filter takes. */
  unrouted: number[];
}

function label(event: unknown): string {
  const header = (event as { eventHeader?: { eventName?: unknown } } | null)?.eventHeader;
  return typeof header?.eventName === 'string' ? header.eventName : '(no eventHeader.eventName)';
}

/** Routes every sample through the bound filters. Disabled filters are shown (their counts), but never route. */
export function buildRoutePreview(
  doc: FiltersDocument,
  bound: BoundDocument,
  samples: { events: SampleEvent[]; problems: SampleProblem[]; files: string[] },
  now: number,
): RoutePreview {
  const router = compileRouting(bound, { now: () => now, includeDisabled: true });
  const lineOf = (offset: number) => doc.lineCounter.linePos(offset).line - 1;
  const filters = router.filters.map((f) => ({
    id: f.filter.id,
    name: f.filter.name,
    outputTopic: f.filter.outputTopic,
    enabled: f.filter.enabled,
    line: lineOf((f.filter.rule.id?.span ?? f.filter.rule.span).start),
    count: 0,
    percent: 0,
    events: [] as number[],
  }));
  const enabled = new Set(router.filters.filter((f) => f.filter.enabled).map((f) => f.filter.id));
  const events: RoutePreview['events'] = [];
  const unrouted: number[] = [];
  samples.events.forEach((s, index) => {
    const result = router.route(s.event);
    const matched = result.matched.map((m) => m.filterId);
    for (const id of matched) {
      const f = filters.find((x) => x.id === id)!;
      f.count++;
      f.events.push(index);
    }
    if (!matched.some((id) => enabled.has(id))) unrouted.push(index);
    events.push({
      index,
      file: s.file,
      line: s.line,
      label: label(s.event),
      event: s.event,
      matched,
      misses: result.misses.map((m) => ({
        filterId: m.filterId,
        field: m.failedCondition.path.path,
        operator: m.failedCondition.operator.name,
        line: lineOf(m.failedCondition.source.span.start),
        actual: m.actual,
        reason: m.reason,
      })),
    });
  });
  const total = samples.events.length;
  for (const f of filters) f.percent = total ? Math.round((1000 * f.count) / total) / 10 : 0;
  return {
    now: new Date(now).toISOString(),
    total,
    sampleFiles: samples.files,
    sampleProblems: samples.problems,
    filters,
    rejected: bound.rejected.map((r) => ({
      id: r.rule.id?.value ?? `#${r.rule.index + 1}`,
      line: lineOf((r.rule.id?.span ?? r.rule.span).start),
      reason: r.reason,
    })),
    events,
    unrouted,
  };
}

/** `matches 37 of 200 samples (18.5%)` per filter, at the filter's id (the language server shows it as a CodeLens). */
export function routingLensTitles(
  doc: FiltersDocument,
  bound: BoundDocument,
  samples: { events: SampleEvent[] },
  now: number,
): { span: { start: number; end: number }; title: string }[] {
  const router = compileRouting(bound, { now: () => now, includeDisabled: true });
  const total = samples.events.length;
  return router.filters.map((f) => {
    let count = 0;
    for (const s of samples.events) if (f.matches(s.event, now)) count++;
    const pct = total ? Math.round((1000 * count) / total) / 10 : 0;
    const span = f.filter.rule.id?.span ?? f.filter.rule.span;
    return {
      span,
      title: `${f.filter.enabled ? '' : '(disabled) '}matches ${count} of ${total} sample${total === 1 ? '' : 's'} (${pct}%)`,
    };
  });
}
