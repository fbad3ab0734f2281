import * as path from 'path';
import type { Span } from '../model/span';
import type { FilterTestCase } from './filterTestTypes';
import type { FilterTestContext } from './openFilterTests';

/** The event a case runs: the inline event or the sample line, with the `with` patch merged in; or, for a sample
 * line the routing job could not read (not JSON, not an object), the dead-letter reason instead of an event. */
export type CaseEvent =
  | { ok: true; event: Record<string, unknown>; source: string }
  | { ok: false; message: string; span: Span }
  | { ok: 'dead-letter'; reason: string; source: string };

export function caseEvent(ctx: FilterTestContext, c: FilterTestCase): CaseEvent {
  let base: Record<string, unknown>;
  let source: string;
  if (c.event) {
    base = structuredClone(c.event.value as Record<string, unknown>);
    source = 'inline event';
  } else if (c.sample) {
    const file = c.sample.file ? path.resolve(path.dirname(ctx.testFile), c.sample.file.value) : ctx.defaultSamplesFile;
    if (!file)
      return {
        ok: false,
        span: c.sample.span,
        message:
          'No samples file: set "samples:" at the top of the test file, or write "sample: { file: ..., line: ... }".',
      };
    const set = ctx.samples(file);
    const missing = set.problems.find((p) => p.line === 0);
    if (missing)
      return {
        ok: false,
        span: c.sample.file?.span ?? c.sample.span,
        message: `${path.basename(file)}: ${missing.message}`,
      };
    const found = set.events.find((e) => e.line === c.sample!.line.value);
    if (!found) {
      const bad = set.problems.find((p) => p.line === c.sample!.line.value);
      if (bad?.deadLetterReason)
        return {
          ok: 'dead-letter',
          reason: bad.deadLetterReason,
          source: `${path.relative(path.dirname(ctx.testFile), file)}:${bad.line}`,
        };
      return {
        ok: false,
        span: c.sample.line.span,
        message: bad
          ? `${path.basename(file)} line ${bad.line}: ${bad.message}`
          : `${path.basename(file)} has no event on line ${c.sample.line.value}.`,
      };
    }
    base = structuredClone(found.event);
    source = `${path.relative(path.dirname(ctx.testFile), file)}:${found.line}`;
  } else {
    return { ok: false, span: c.name.span, message: 'The case has no event.' };
  }
  return { ok: true, event: c.with ? merge(base, c.with.value) : base, source };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars replace (to change one entity, write the entities list). */
function merge(base: Record<string, unknown>, patch: unknown): Record<string, unknown> {
  if (!isObject(patch)) return base;
  for (const [k, v] of Object.entries(patch))
    base[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : structuredClone(v);
  return base;
}
