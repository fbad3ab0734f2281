import { compileRouting } from '../routing/compileFilters';
import { deadLetterTopic } from '../model/filterTypes';
import { checkEventEncoding } from '../samples/checkEventEncoding';
import { deadLetterReasonOfValue } from '../samples/deadLetterReason';
import { caseEvent } from './caseEvent';
import type { FilterTestCase } from './filterTestTypes';
import type { FilterTestContext } from './openFilterTests';

export interface CaseResult {
  case: FilterTestCase;
  name: string;
  /** 1-based line of the case's name. */
  line: number;
  /** passed; failed (routing differs from the expectation); error (the case cannot be evaluated). */
  status: 'passed' | 'failed' | 'error';
  /** What went wrong, one line each. */
  messages: string[];
  expected: { routedTo?: string[]; notRoutedTo?: string[] };
  /** Topics the event was routed to. */
  actual: string[];
  /** For each filter that did not take the event: the first failing condition, in words. */
  why: { filterId: string; outputTopic: string; reason: string }[];
  eventSource?: string;
  millis: number;
}

/**
 * Runs every case of a filters test file through the evaluator (the same semantics as the generated
 * Flink SQL). Disabled filters do not route (they are not deployed). The clock of withinLast is the
 * case's `now`, else the file's, else `options.now`, else the real clock.
 */
export function runFilterTests(ctx: FilterTestContext, options: { now?: () => number } = {}): CaseResult[] {
  let clock = 0;
  const router = ctx.bound ? compileRouting(ctx.bound, { now: () => clock }) : undefined;
  return ctx.doc.cases.map((c) => {
    const started = process.hrtime.bigint();
    const result: CaseResult = {
      case: c,
      name: c.name.value,
      line: ctx.doc.lineCounter.linePos(c.name.span.start).line,
      status: 'passed',
      messages: [],
      expected: {
        routedTo: c.routedTo?.topics.map((t) => t.value),
        notRoutedTo: c.notRoutedTo?.topics.map((t) => t.value),
      },
      actual: [],
      why: [],
      millis: 0,
    };
    const fail = (status: 'failed' | 'error', message: string) => {
      if (result.status !== 'error') result.status = status;
      result.messages.push(message);
    };
    if (!router) fail('error', ctx.fatal ?? 'The filters cannot be evaluated.');
    else if (!c.routedTo && !c.notRoutedTo) fail('error', 'The case has no expectation (routedTo / notRoutedTo).');
    else {
      const ev = caseEvent(ctx, c);
      const reason =
        ev.ok === 'dead-letter'
          ? ev.reason
          : ev.ok
            ? deadLetterReasonOfValue(ev.event, ctx.schema, ctx.bound?.encoding.timestamps)
            : undefined;
      if (ev.ok === false) fail('error', ev.message);
      else if (reason) {
        // The job would not route it: it would write it to the dead-letter topic, which a case may expect.
        const dlq = ctx.filtersDoc ? deadLetterTopic(ctx.filtersDoc) : 'the dead-letter topic';
        result.eventSource = ev.source;
        result.actual = [dlq];
        const because = `would go to the dead-letter topic ${dlq} because ${reason}`;
        const expected = c.routedTo?.topics.map((x) => x.value);
        if (expected && (expected.length !== 1 || expected[0] !== dlq))
          fail(
            'failed',
            `expected ${expected.length ? `routing to ${expected.join(', ')}` : 'no routing'}, but the event ${because}`,
          );
        if (c.notRoutedTo?.topics.some((t) => t.value === dlq))
          fail('failed', `expected no routing to ${dlq}, but the event ${because}`);
      } else if (ev.ok === true) {
        result.eventSource = ev.source;
        const misfits = ctx.schema
          ? checkEventEncoding(ev.event, ctx.schema, ctx.bound?.encoding.timestamps).filter(
              (i) => i.severity === 'error',
            )
          : [];
        for (const m of misfits)
          fail('error', `The event does not fit the schema at ${m.path || 'the top'}: ${m.message}`);
        clock = c.now?.value ?? ctx.doc.now?.value ?? options.now?.() ?? Date.now();
        const routed = router.route(ev.event);
        result.actual = [...new Set(routed.matched.map((m) => m.outputTopic))];
        const topicOf = new Map(router.filters.map((f) => [f.filter.id, f.filter.outputTopic]));
        result.why = routed.misses.map((m) => ({
          filterId: m.filterId,
          outputTopic: topicOf.get(m.filterId) ?? '',
          reason: `${m.failedCondition.path.path} ${m.failedCondition.operator.name}: ${m.reason}`,
        }));
        const expectedSet = c.routedTo?.topics.map((t) => t.value);
        if (expectedSet) {
          const missing = expectedSet.filter((t) => !result.actual.includes(t));
          const extra = result.actual.filter((t) => !expectedSet.includes(t));
          for (const t of missing) {
            const reasons = result.why.filter((w) => w.outputTopic === t).map((w) => `${w.filterId}: ${w.reason}`);
            fail(
              'failed',
              `expected routing to ${t}, but it was not routed there${reasons.length ? ` — ${reasons.join('; ')}` : ' (no enabled filter without errors writes to it)'}`,
            );
          }
          for (const t of extra)
            fail(
              'failed',
              `routed to ${t}, which routedTo does not list (by ${routed.matched
                .filter((m) => m.outputTopic === t)
                .map((m) => m.filterId)
                .join(', ')})`,
            );
        }
        for (const t of c.notRoutedTo?.topics ?? []) {
          if (result.actual.includes(t.value))
            fail(
              'failed',
              `expected no routing to ${t.value}, but ${routed.matched
                .filter((m) => m.outputTopic === t.value)
                .map((m) => m.filterId)
                .join(', ')} routed it there`,
            );
        }
      }
    }
    result.millis = Number(process.hrtime.bigint() - started) / 1e6;
    return result;
  });
}
