import type { BoundDocument } from '../binding/boundTypes';
import type { AvroSchemaModel } from '../avro/avroTypes';
import { deadLetterTopic, type FiltersDocument } from '../model/filterTypes';
import type { RoutePreview } from '../protocol/routingPreview';
import { deadLetterReasonOfValue } from '../samples/deadLetterReason';
import { deadLetter, type SampleEvent, type SampleProblem } from '../samples/loadSamples';
import { compileRouting } from './compileFilters';
import { sampleLabel } from './sampleLabel';

// What the routing preview shows (JSON-serialisable, for LSP): the wire's type.
export type { RoutePreview };

/**
 * Routes every sample through the bound filters. Disabled filters are shown (their counts), but never route. A
 * sample the routing job could not read (deadLetterReason.ts, which needs the schema) is listed with the sample
 * problems as going to the dead-letter topic, and not routed.
 */
export function buildRoutePreview(
  doc: FiltersDocument,
  bound: BoundDocument,
  all: { events: SampleEvent[]; problems: SampleProblem[]; files: string[] },
  now: number,
  schema?: AvroSchemaModel,
): RoutePreview {
  const unreadable: SampleProblem[] = [];
  const readable = all.events.filter((s) => {
    const reason = schema && deadLetterReasonOfValue(s.event, schema, bound.encoding.timestamps);
    if (reason) unreadable.push(deadLetter(s.file, s.line, reason));
    return !reason;
  });
  const samples = {
    events: readable,
    files: all.files,
    problems: [...all.problems, ...unreadable].sort((a, b) =>
      a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1,
    ),
  };
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
      label: sampleLabel(s.event, s.file, s.line),
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
  const usesClock = bound.filters.some((f) =>
    [...f.conditions, ...f.arrayGroups.flatMap((g) => g.conditions)].some((c) => c.operator.name === 'withinLast'),
  );
  return {
    now: new Date(now).toISOString(),
    usesClock,
    total,
    sampleFiles: samples.files,
    sampleProblems: samples.problems,
    deadLetterTopic: deadLetterTopic(doc),
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
