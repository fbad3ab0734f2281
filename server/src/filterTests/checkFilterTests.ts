import * as path from 'path';
import { isMap, isSeq, type Node } from 'yaml';
import type { Span } from '../model/span';
import { deadLetterTopic } from '../model/filterTypes';
import { checkEventEncoding } from '../samples/checkEventEncoding';
import { deadLetterReasonOfValue } from '../samples/deadLetterReason';
import type { Problem } from '../model/problem';
import { caseEvent } from './caseEvent';
import type { FilterTestContext } from './openFilterTests';

/**
 * Diagnostics of a filters.test.yaml: shape problems, a filters file that cannot be read, topics no
 * filter writes to, sample references that do not resolve, and events that do not fit the Avro schema
 * (pointing at the offending value inside an inline event). The language server publishes these.
 */
export function checkFilterTests(ctx: FilterTestContext): Problem[] {
  const { doc } = ctx;
  const problems: Problem[] = doc.problems.map((p) => ({
    span: p.span,
    severity: p.severity,
    message: p.message,
    code: p.code,
  }));
  const top: Span = doc.filters?.span ?? { start: 0, end: 0 };
  if (ctx.fatal) {
    problems.push({ span: ctx.fatalSpan ?? top, severity: 'error', message: ctx.fatal, code: 'test-filters' });
    return problems;
  }
  const filterErrors = ctx.filterProblems.filter((p) => p.severity === 'error');
  if (filterErrors.length > 0) {
    problems.push({
      span: top,
      severity: 'warning',
      message: `${path.basename(ctx.filtersFile)} has ${filterErrors.length} error(s); filters with errors route nothing in these tests (${ctx.bound?.rejected.map((r) => r.rule.id?.value ?? `#${r.rule.index + 1}`).join(', ')}).`,
      code: 'test-filters',
    });
  }
  const topics = new Map<string, boolean>(); // topic → written by an enabled filter
  for (const rule of ctx.filtersDoc?.filters ?? []) {
    const t = rule.outputTopic?.value;
    if (t) topics.set(t, (topics.get(t) ?? false) || rule.enabled);
  }
  // A case may expect an event in the dead-letter topic (a poison message the job must not choke on).
  const dlq = ctx.filtersDoc ? deadLetterTopic(ctx.filtersDoc) : undefined;
  if (dlq && !topics.has(dlq)) topics.set(dlq, true);
  const names = new Map<string, Span>();
  for (const c of doc.cases) {
    const first = names.get(c.name.value);
    if (first && c.name.span.end > c.name.span.start) {
      problems.push({
        span: c.name.span,
        severity: 'warning',
        message: `Another case is named "${c.name.value}" (line ${doc.lineCounter.linePos(first.start).line}): failures would be ambiguous.`,
        code: 'test-duplicate-name',
      });
    } else names.set(c.name.value, c.name.span);
    for (const list of [c.routedTo, c.notRoutedTo]) {
      for (const t of list?.topics ?? []) {
        if (!topics.has(t.value)) {
          problems.push({
            span: t.span,
            severity: 'error',
            message: `No filter of ${path.basename(ctx.filtersFile)} writes to "${t.value}" (topics: ${[...topics.keys()].join(', ')}).`,
            code: 'test-unknown-topic',
          });
        } else if (!topics.get(t.value)) {
          problems.push({
            span: t.span,
            severity: 'warning',
            message: `"${t.value}" is written only by disabled filters: nothing is routed there.`,
            code: 'test-disabled-topic',
          });
        }
      }
    }
    if (!c.event && !c.sample) continue;
    const ev = caseEvent(ctx, c);
    if (ev.ok === false) {
      problems.push({ span: ev.span, severity: 'error', message: ev.message, code: 'test-sample' });
      continue;
    }
    const expectsDeadLetter = !!dlq && !!c.routedTo?.topics.some((t) => t.value === dlq);
    const reason =
      ev.ok === 'dead-letter'
        ? ev.reason
        : deadLetterReasonOfValue(ev.event, ctx.schema, ctx.bound?.encoding.timestamps);
    const issues =
      ev.ok === true && ctx.schema ? checkEventEncoding(ev.event, ctx.schema, ctx.bound?.encoding.timestamps) : [];
    const spanOf = (issuePath: string, onKey: boolean) =>
      c.event && !c.with
        ? (nodeSpanAt(c.event.node, issuePath, onKey) ?? c.event.span)
        : (c.with?.span ?? c.sample?.span ?? c.name.span);
    if (reason) {
      // What the job would do with it, not a broken case: a warning (at the first value that does not fit) unless
      // the case expects exactly that.
      const first = issues.find((i) => i.severity === 'error');
      if (!expectsDeadLetter)
        problems.push({
          span: first ? spanOf(first.path, first.onKey === true) : (c.event?.span ?? c.sample?.span ?? c.name.span),
          severity: 'warning',
          message: `This event would go to the dead-letter topic${dlq ? ` ${dlq}` : ''} because ${reason}${first ? ` (${first.path || 'the event'}: ${first.message})` : ''}.`,
          code: 'test-dead-letter',
        });
      continue;
    }
    for (const issue of issues) {
      problems.push({
        span: spanOf(issue.path, issue.onKey === true),
        severity: issue.severity,
        message: `The event does not fit ${path.basename(ctx.schema?.file ?? 'the schema')}${issue.path ? ` at ${issue.path}` : ''}: ${issue.message}`,
        code: 'test-event-schema',
      });
    }
  }
  return problems;
}

/** The span of the YAML node at a dotted path like `eventBody.entities[0].entityType` (the nearest that exists). */
function nodeSpanAt(root: unknown, dotted: string, onKey: boolean): Span | undefined {
  let node = root as Node | undefined;
  let found: Span | undefined = range(node);
  const parts = dotted.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  for (const [i, part] of parts.entries()) {
    if (part.startsWith('[') && isSeq(node)) node = node.items[Number(part.slice(1, -1))] as Node | undefined;
    else if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === part);
      node = (onKey && i === parts.length - 1 ? pair?.key : (pair?.value ?? pair?.key)) as Node | undefined;
    } else break;
    found = range(node) ?? found;
  }
  return found;
}

function range(node: Node | undefined): Span | undefined {
  return node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
}
