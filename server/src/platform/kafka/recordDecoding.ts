import { isUtf8 } from 'node:buffer';
import type avro from 'avsc';
import type { TailMessage } from './kafkaTypes';
import type { RawRecord } from './kafkajsInternals';

/**
 * The parsed value of a decoded JSON or Avro record, kept on the message under a symbol: JSON (the wire)
 * skips symbol keys, so the message still goes out as text, and the routing column does not parse the
 * value a second time. (A WeakMap did the same at several times the cost per record.)
 */
const PARSED = Symbol('parsedValue');

export function parsedValueOf(message: TailMessage): unknown {
  return (message as TailMessage & { [PARSED]?: unknown })[PARSED];
}

/** The parsed value, let go of: a message waiting to be sent then holds only its text (less for the GC to carry). */
export function takeParsedValue(message: TailMessage): unknown {
  const m = message as TailMessage & { [PARSED]?: unknown };
  const value = m[PARSED];
  m[PARSED] = undefined;
  return value;
}

/** Byte 0 then a 4-byte schema id: the Confluent wire format of registry-encoded records. */
export function wireSchemaId(buf: Buffer | null): number | undefined {
  return buf && buf.length >= 5 && buf[0] === 0 ? buf.readInt32BE(1) : undefined;
}

/** The schema ids a batch needs before it can be decoded. */
export function schemaIdsOf(records: readonly RawRecord[]): number[] {
  const ids = new Set<number>();
  for (const r of records) {
    const v = wireSchemaId(r.value);
    if (v !== undefined) ids.add(v);
    const k = wireSchemaId(r.key);
    if (k !== undefined) ids.add(k);
  }
  return [...ids];
}

type TypeOf = (schemaId: number) => avro.Type | undefined;

/** One record as the viewer shows it (see TailMessage). */
export function decodeRecord(record: RawRecord, partition: number, typeOf: TypeOf): TailMessage {
  const value = decodeBytes(record.value, typeOf);
  const key = record.key === null ? null : decodeBytes(record.key, typeOf).text;
  const message: TailMessage = {
    partition,
    offset: record.offset,
    timestamp: Number(record.timestamp),
    key,
    value: value.text,
    encoding: value.encoding,
    headers: headersAsText(record.headers),
    size: (record.key?.length ?? 0) + (record.value?.length ?? 0),
  };
  if (value.schemaId !== undefined) message.schemaId = value.schemaId;
  if (value.parsed !== undefined) (message as TailMessage & { [PARSED]?: unknown })[PARSED] = value.parsed;
  return message;
}

interface Decoded {
  text: string | null;
  encoding: TailMessage['encoding'];
  schemaId?: number;
  parsed?: unknown;
}

export function decodeBytes(buf: Buffer | null, typeOf: TypeOf): Decoded {
  if (buf === null) return { text: null, encoding: 'null' };
  const schemaId = wireSchemaId(buf);
  if (schemaId !== undefined) {
    const type = typeOf(schemaId);
    if (type) {
      try {
        const text = avroJson(type.fromBuffer(buf.subarray(5)));
        return { text, encoding: 'avro', schemaId, parsed: JSON.parse(text) };
      } catch {
        // not Avro of that schema after all: show the bytes
      }
    }
    return { text: buf.toString('hex'), encoding: 'binary' };
  }
  if (!isUtf8(buf)) return { text: buf.toString('hex'), encoding: 'binary' };
  const text = buf.toString('utf8');
  if (looksLikeJson(text)) {
    try {
      // JSON admits no control characters outside whitespace, so parsed JSON is readable text
      return { text, encoding: 'json', parsed: JSON.parse(text) };
    } catch {
      // text that merely starts like JSON
    }
  }
  if (CONTROL.test(text)) return { text: buf.toString('hex'), encoding: 'binary' };
  return { text, encoding: 'text' };
}

/** Control characters other than tab and line breaks: such bytes are not text meant for reading. */
// eslint-disable-next-line no-control-regex -- matching control characters is this regex's purpose
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Valid UTF-8 without control characters other than tab and line breaks. */
function isReadableText(buf: Buffer): boolean {
  return isUtf8(buf) && !CONTROL.test(buf.toString('utf8'));
}

/** A cheap first-character test, so plain text is not run through JSON.parse at 20,000 records a second. */
function looksLikeJson(text: string): boolean {
  const c = text.trimStart().charCodeAt(0);
  // { [ " - 0-9 t f n
  return c === 123 || c === 91 || c === 34 || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110;
}

/** An Avro value as JSON: bytes/fixed as base64 (as Kafka Connect's JSON converter writes them). */
function avroJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const original = key === '' ? value : this[key];
    if (Buffer.isBuffer(original)) return original.toString('base64');
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}

function headersAsText(headers: RawRecord['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    out[name] = Array.isArray(v) ? v.map(headerText).join(', ') : headerText(v);
  }
  return out;
}

function headerText(v: Buffer | string | null): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  return isReadableText(v) ? v.toString('utf8') : v.toString('hex');
}
