import { Type, type Schema } from 'avsc';
import type { AvroSchemaModel, AvroType } from '../avro/avroTypes';
import type { TimestampEncoding } from '../model/filterTypes';

/**
 * Does a JSON event (the agreed encoding: nullable unions as plain value or null, enums as strings,
 * timestamp-millis as ISO-8601 UTC text — or, with `timestamps: epoch-millis`, timestamp-millis/-micros and date
 * as JSON integers in ms / µs / days —, decimals as JSON numbers or numeric strings, maps as objects) fit the
 * Avro schema? The event is converted to Avro's own value shapes and checked by avsc, so the schema
 * rules are avsc's, not re-implemented; the conversion reports what only the JSON encoding can get wrong.
 */
export interface EncodingIssue {
  /** Dotted path of the offending value, e.g. `eventBody.entities[0].entityType` ('' for the event). */
  path: string;
  message: string;
  severity: 'error' | 'warning';
  /** The issue is the key itself (an unknown field), not its value. */
  onKey?: boolean;
}

const typeCache = new WeakMap<AvroSchemaModel, Type>();

function avscType(schema: AvroSchemaModel): Type {
  let t = typeCache.get(schema);
  if (!t) {
    t = Type.forSchema(JSON.parse(schema.text) as Schema, { wrapUnions: false });
    typeCache.set(schema, t);
  }
  return t;
}

export function checkEventEncoding(
  event: unknown,
  schema: AvroSchemaModel,
  timestamps: TimestampEncoding = 'iso-8601',
): EncodingIssue[] {
  const issues: EncodingIssue[] = [];
  const converted = convert(event, schema.root, '', issues, timestamps === 'epoch-millis');
  if (issues.some((i) => i.severity === 'error')) return issues;
  avscType(schema).isValid(converted, {
    errorHook: (pathParts: string[], value: unknown) => {
      issues.push({
        path: pathParts.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]'),
        message: `${JSON.stringify(value)} does not fit the schema here`,
        severity: 'error',
      });
    },
  });
  return issues;
}

/** A number where the default encoding wants text: the topic is most likely epoch-encoded. */
const EPOCH_HINT = (value: unknown) =>
  typeof value === 'number' ? ' (if the topic writes epoch numbers, declare source.timestamps: epoch-millis)' : '';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** JSON encoding → avsc value, following the schema model (which knows nullable fields and logical types). */
function convert(value: unknown, type: AvroType, path: string, issues: EncodingIssue[], epoch: boolean): unknown {
  switch (type.kind) {
    case 'record': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        issues.push({ path, message: `expected an object (record ${type.name.split('.').pop()})`, severity: 'error' });
        return value;
      }
      const obj = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of type.fields) {
        const v = obj[f.name];
        const p = join(path, f.name);
        if (v === undefined || v === null) {
          if (!f.nullable)
            issues.push({
              path: p,
              message: `${v === undefined ? 'missing' : 'null'}, but ${f.name} is not nullable in the schema`,
              severity: 'error',
            });
          out[f.name] = null;
          continue;
        }
        out[f.name] = convert(v, f.type, p, issues, epoch);
      }
      for (const key of Object.keys(obj)) {
        if (!type.fields.some((f) => f.name === key))
          issues.push({
            path: join(path, key),
            message: `"${key}" is not a field of ${type.name.split('.').pop()}: Flink ignores it`,
            severity: 'warning',
            onKey: true,
          });
      }
      return out;
    }
    case 'array':
      if (!Array.isArray(value)) {
        issues.push({ path, message: 'expected an array', severity: 'error' });
        return value;
      }
      return value.map((v, i) => convert(v, type.items, `${path}[${i}]`, issues, epoch));
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        issues.push({ path, message: 'expected an object (a map)', severity: 'error' });
        return value;
      }
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          convert(v, type.values, join(path, k), issues, epoch),
        ]),
      );
    case 'primitive':
    case 'fixed': {
      const logical = type.logicalType;
      if (epoch && (logical === 'timestamp-millis' || logical === 'timestamp-micros' || logical === 'date')) {
        const unit = logical === 'date' ? 'days' : logical === 'timestamp-micros' ? 'microseconds' : 'milliseconds';
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
          issues.push({
            path,
            message: `expected epoch ${unit} (a JSON integer, timestamps: epoch-millis), found ${JSON.stringify(value)}`,
            severity: 'error',
          });
          return value;
        }
        return value;
      }
      if (logical === 'timestamp-millis' || logical === 'timestamp-micros') {
        if (typeof value !== 'string' || !ISO_UTC.test(value) || !Number.isFinite(Date.parse(value))) {
          issues.push({
            path,
            message: `expected an ISO-8601 UTC timestamp like "2026-11-23T10:15:30.123Z", found ${JSON.stringify(value)}${EPOCH_HINT(value)}`,
            severity: 'error',
          });
          return value;
        }
        const millis = Date.parse(value);
        return logical === 'timestamp-micros' ? millis * 1000 : millis;
      }
      if (logical === 'date') {
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
          issues.push({
            path,
            message: `expected a date like "2026-11-23", found ${JSON.stringify(value)}${EPOCH_HINT(value)}`,
            severity: 'error',
          });
          return value;
        }
        return Date.parse(`${value}T00:00:00Z`) / 86_400_000;
      }
      if (logical === 'decimal')
        return decimalBytes(
          value,
          type.precision ?? 38,
          type.scale ?? 0,
          type.kind === 'fixed' ? type.size : undefined,
          path,
          issues,
        );
      return value;
    }
    default:
      return value;
  }
}

/** A JSON number or numeric string (Flink's json format reads both as DECIMAL: java.math.BigDecimal of the text, so
 * no spaces) → the unscaled two's-complement bytes Avro stores for decimal(p, s). */
function decimalBytes(
  value: unknown,
  precision: number,
  scale: number,
  size: number | undefined,
  path: string,
  issues: EncodingIssue[],
): unknown {
  const numeric = typeof value === 'number' && Number.isFinite(value);
  if (!numeric && !(typeof value === 'string' && /^[+-]?\d+(?:\.\d+)?$/.test(value))) {
    issues.push({
      path,
      message: `expected a JSON number or a numeric string like "12.50" (decimal(${precision}, ${scale})), found ${JSON.stringify(value)}`,
      severity: 'error',
    });
    return value;
  }
  const text = typeof value === 'string' ? value.replace(/^\+/, '') : String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) {
    issues.push({ path, message: `${text} cannot be written as decimal(${precision}, ${scale})`, severity: 'error' });
    return value;
  }
  const fraction = m[3] ?? '';
  if (fraction.length > scale) {
    issues.push({
      path,
      message: `${text} has more than ${scale} decimals (decimal(${precision}, ${scale}))`,
      severity: 'error',
    });
    return value;
  }
  const digits = (m[2] + fraction.padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > precision) {
    issues.push({
      path,
      message: `${text} has more than ${precision - scale} integer digits (decimal(${precision}, ${scale}))`,
      severity: 'error',
    });
    return value;
  }
  let unscaled = BigInt((m[1] === '-' ? '-' : '') + digits);
  const negative = unscaled < 0n;
  const bytes: number[] = [];
  // Big-endian two's complement, minimal length (or the fixed size).
  do {
    bytes.unshift(Number(unscaled & 0xffn));
    unscaled >>= 8n;
  } while (!(unscaled === 0n && (bytes[0] & 0x80) === 0) && !(unscaled === -1n && (bytes[0] & 0x80) !== 0));
  if (size !== undefined) while (bytes.length < size) bytes.unshift(negative ? 0xff : 0);
  return Buffer.from(bytes);
}
