import type { AvroSchemaModel, AvroType } from '../avro/avroTypes';
import { sourceEncoding, type FiltersDocument, type TimestampEncoding } from '../model/filterTypes';
import type { Problem } from '../model/problem';
import type { Span } from '../model/span';
import type { SampleEvent } from './loadSamples';

/** Where a sample first shows an encoding: the file, the line, and the value that gave it away. */
interface Seen {
  file: string;
  line: number;
  path: string;
  value: unknown;
}

/**
 * The one problem (or none) about how the sample events write their timestamps and dates, against
 * `source.timestamps`: the samples stand for the topic, and a job declared for the wrong encoding fails on its first
 * record. Text (`"2026-11-23T10:15:30.123Z"`, `"2026-11-23"`) is iso-8601, a JSON number is epoch-millis. Samples
 * that use both are reported as such (a topic has one encoding), never checked one way and routed another.
 * Reported at `source.timestamps` (or `source`, or the file's start) with the first offending sample's file:line.
 */
export function sampleEncodingProblem(
  doc: FiltersDocument,
  schema: AvroSchemaModel,
  events: readonly SampleEvent[],
  relative: (file: string) => string = (f) => f,
): Problem | undefined {
  const first = new Map<TimestampEncoding, Seen>();
  for (const ev of events) {
    walk(ev.event, schema.root, '', (encoding, path, value) => {
      if (!first.has(encoding)) first.set(encoding, { file: ev.file, line: ev.line, path, value });
    });
    if (first.size === 2) break;
  }
  const span: Span = doc.source?.timestamps?.span ?? doc.source?.span ?? { start: 0, end: 0 };
  const where = (s: Seen) => `${relative(s.file)}:${s.line} (${s.path} = ${JSON.stringify(s.value)})`;
  const iso = first.get('iso-8601');
  const epoch = first.get('epoch-millis');
  if (iso && epoch) {
    return {
      span,
      severity: 'error',
      code: 'sample-encoding',
      message: `The samples mix two timestamp encodings: ISO-8601 text first at ${where(iso)}, epoch numbers first at ${where(epoch)}. A topic has one encoding (source.timestamps); make the samples agree with it.`,
    };
  }
  const declared = sourceEncoding(doc).timestamps;
  const seen = iso ?? epoch;
  const found: TimestampEncoding | undefined = iso ? 'iso-8601' : epoch ? 'epoch-millis' : undefined;
  if (!seen || !found || found === declared) return undefined;
  const stated = doc.source?.timestamps
    ? `source.timestamps is ${declared}`
    : `source.timestamps is ${declared} (the default)`;
  return {
    span,
    severity: 'error',
    code: 'sample-encoding',
    message: `${stated}, but the samples write timestamps as ${found === 'iso-8601' ? 'ISO-8601 text' : 'epoch numbers'}, first at ${where(seen)}. Set \`timestamps: ${found}\` if the topic is written that way, or fix the samples.`,
  };
}

/** Calls `found` for every timestamp-millis/-micros and date value of `value`, by the schema. */
function walk(
  value: unknown,
  type: AvroType,
  path: string,
  found: (encoding: TimestampEncoding, path: string, value: unknown) => void,
): void {
  if (value === null || value === undefined) return;
  switch (type.kind) {
    case 'record':
      if (typeof value !== 'object' || Array.isArray(value)) return;
      for (const f of type.fields)
        walk((value as Record<string, unknown>)[f.name], f.type, path ? `${path}.${f.name}` : f.name, found);
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, type.items, `${path}[${i}]`, found));
      return;
    case 'map':
      if (typeof value === 'object' && !Array.isArray(value))
        for (const [k, v] of Object.entries(value as Record<string, unknown>))
          walk(v, type.values, `${path}.${k}`, found);
      return;
    case 'union':
      for (const b of type.branches) if (!(b.kind === 'primitive' && b.type === 'null')) walk(value, b, path, found);
      return;
    case 'primitive': {
      const l = type.logicalType;
      if (l !== 'timestamp-millis' && l !== 'timestamp-micros' && l !== 'date') return;
      if (typeof value === 'string') found('iso-8601', path, value);
      else if (typeof value === 'number') found('epoch-millis', path, value);
      return;
    }
    default:
      return;
  }
}
