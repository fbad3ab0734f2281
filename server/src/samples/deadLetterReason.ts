import type { AvroField, AvroSchemaModel, AvroType } from '../avro/avroTypes';
import type { TimestampEncoding } from '../model/filterTypes';

/**
 * Would the routing job send this record value to the dead-letter topic, and why? The answer of the job's source
 * format (server/flink/…/DeadLetterJsonDeserializer.java over Flink 1.20's json format, JsonParserToRowDataConverters)
 * for the same bytes, so the preview and `cdc-routing test` say what the job does: the same reason texts —
 * "empty value", "not JSON", "not a JSON object", "wrong type for field X" (X the top-level field, the only one
 * Flink names). `undefined`: Flink reads it (perhaps coercing: "12" for an int reads as 12, a number for a string as
 * its text, any text for a boolean as false — those stay the schema-fit checks' business, checkEventEncoding.ts).
 * A NULL value (a tombstone) is not a value here: the job skips it.
 */
export function deadLetterReasonOfText(
  text: string,
  schema?: AvroSchemaModel,
  timestamps: TimestampEncoding = 'iso-8601',
): string | undefined {
  if (text.length === 0) return 'empty value';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  return deadLetterReasonOfValue(value, schema, timestamps);
}

/** The same for a value already parsed from JSON. `timestamps: epoch-millis` (source.timestamps): the job declares
 * timestamp-millis/-micros columns BIGINT and date columns INT, so it reads numbers there (and refuses ISO text). */
export function deadLetterReasonOfValue(
  value: unknown,
  schema?: AvroSchemaModel,
  timestamps: TimestampEncoding = 'iso-8601',
): string | undefined {
  const epoch = timestamps === 'epoch-millis';
  if (!isObject(value)) return 'not a JSON object';
  if (!schema) return undefined;
  const fields = new Map<string, AvroField>(schema.root.fields.map((f) => [f.name, f]));
  // Flink converts the fields in the order of the document and stops at the first it cannot read.
  for (const [key, v] of Object.entries(value)) {
    const f = fields.get(key);
    if (f && v !== null && !readable(v, f.type, epoch)) return `wrong type for field ${key}`;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const INT32 = [-2147483648, 2147483647] as const;
// ±2^63 as doubles (JSON.parse has already rounded a long to one): the range check is as exact as the value is.
const INT64 = [-(2 ** 63), 2 ** 63] as const;
/** Java's Integer/Long.parseLong after trim(). */
const JAVA_INTEGER = /^[+-]?\d+$/;
/** Java's Double.parseDouble after trim(): decimal and hex floats, NaN, Infinity, an optional f/d suffix. */
const JAVA_DOUBLE =
  /^[+-]?(?:NaN|Infinity|(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[\da-fA-F]+\.?[\da-fA-F]*|\.[\da-fA-F]+)[pP][+-]?\d+)[fFdD]?)$/;
/** new BigDecimal(text.trim()). */
const JAVA_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Flink's ISO-8601 TIMESTAMP_LTZ: ISO_LOCAL_DATE 'T' ISO_LOCAL_TIME (seconds and fraction optional) 'Z'. */
const ISO_LTZ = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?Z$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Jackson's default base64 (MIME without line feeds, padding required). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The text Jackson's getText() gives a scalar token; undefined for an object or array. */
function tokenText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Java's String.trim(): strips every char up to U+0020 at both ends. */
function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

function integral(v: unknown, [min, max]: readonly [number, number]): boolean {
  // A JSON number (a fraction is truncated: Jackson's getIntValue/getLongValue), else the token's text parsed.
  if (typeof v === 'number') return Math.trunc(v) >= min && Math.trunc(v) <= max;
  if (typeof v !== 'string') return false;
  const t = javaTrim(v);
  return JAVA_INTEGER.test(t) && Number(t) >= min && Number(t) <= max;
}

function validDate(y: string, m: string, d: string, strict: boolean): boolean {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (!strict) return true; // Flink's timestamp formatter resolves leniently (SMART): Feb 30 reads as Feb 28/29
  return new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() === day;
}

/** Does Flink's json converter read `v` (not null) as the column type of `type`? */
function readable(v: unknown, type: AvroType, epoch: boolean): boolean {
  switch (type.kind) {
    case 'record': {
      if (!isObject(v)) return false;
      for (const [key, x] of Object.entries(v)) {
        const f = type.fields.find((g) => g.name === key);
        if (f && x !== null && !readable(x, f.type, epoch)) return false;
      }
      return true;
    }
    case 'array':
      return Array.isArray(v) && v.every((x) => x === null || readable(x, type.items, epoch));
    case 'map':
      return isObject(v) && Object.values(v).every((x) => x === null || readable(x, type.values, epoch));
    case 'union': {
      const nonNull = type.branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null'));
      return nonNull.length === 1 ? readable(v, nonNull[0], epoch) : true;
    }
    case 'enum':
      return true; // STRING: any token reads
    case 'primitive':
    case 'fixed':
      return readableScalar(v, type, epoch);
    default:
      return true;
  }
}

function readableScalar(v: unknown, type: AvroType & { kind: 'primitive' | 'fixed' }, epoch: boolean): boolean {
  const logical = type.logicalType;
  if (epoch && (logical === 'timestamp-millis' || logical === 'timestamp-micros')) return integral(v, INT64);
  if (epoch && logical === 'date') return integral(v, INT32);
  const text = tokenText(v);
  if (logical === 'decimal') {
    if (typeof v === 'number') return true;
    return typeof v === 'string' && JAVA_DECIMAL.test(javaTrim(v));
  }
  if (logical === 'timestamp-millis' || logical === 'timestamp-micros') {
    const m = text === undefined ? null : ISO_LTZ.exec(text);
    return !!m && validDate(m[1], m[2], m[3], false) && +m[4] < 24 && +m[5] < 60 && (m[6] ?? '0') < '60';
  }
  if (logical === 'date') {
    const m = text === undefined ? null : ISO_DATE.exec(text);
    return !!m && validDate(m[1], m[2], m[3], true);
  }
  if (logical) return true; // local timestamps, time-millis, uuid: no claim
  if (type.kind === 'fixed') return typeof v === 'string' && BASE64.test(v);
  switch (type.type) {
    case 'int':
      return integral(v, INT32);
    case 'long':
      return integral(v, INT64);
    case 'float':
    case 'double':
      return typeof v === 'number' || (typeof v === 'string' && JAVA_DOUBLE.test(javaTrim(v)));
    case 'bytes':
      return typeof v === 'string' && BASE64.test(v);
    default:
      return true; // string (any token, an object as its JSON text), boolean (any text reads as false)
  }
}
