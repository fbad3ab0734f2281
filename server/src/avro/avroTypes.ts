import type { Span } from '../model/span';
import type { FieldKind } from '../model/operators';

export type PrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export type AvroType =
  | { kind: 'record'; name: string; doc?: string; fields: AvroField[]; span: Span }
  | { kind: 'enum'; name: string; doc?: string; symbols: string[]; span: Span }
  | { kind: 'array'; items: AvroType }
  | { kind: 'map'; values: AvroType }
  | { kind: 'fixed'; name: string; size: number; logicalType?: string; precision?: number; scale?: number }
  | { kind: 'primitive'; type: PrimitiveName; logicalType?: string; precision?: number; scale?: number }
  /** A union other than `["null", T]`: kept so it can be reported, not resolved through. */
  | { kind: 'union'; branches: AvroType[] };

export interface AvroField {
  name: string;
  type: AvroType;
  /** True for `["null", T]` / `[T, "null"]` unions; `type` is then T. */
  nullable: boolean;
  doc?: string;
  /** The field's declaration object and its `name` value in the .avsc text. */
  span: Span;
  nameSpan: Span;
}

/** A loaded Avro schema: the root record, and the file it came from (for go-to-definition). */
export interface AvroSchemaModel {
  root: Extract<AvroType, { kind: 'record' }>;
  /** Absolute path of the .avsc file, when it was loaded from one. */
  file?: string;
  text: string;
}

/** How operators see a type; `undefined` for constructs no operator handles (general unions, null). */
export function kindOf(type: AvroType): FieldKind | undefined {
  switch (type.kind) {
    case 'record':
      return 'record';
    case 'enum':
      return 'enum';
    case 'array':
      return 'array';
    case 'map':
      return 'map';
    case 'fixed':
      return type.logicalType === 'decimal' ? 'number' : 'bytes';
    case 'union':
      return undefined;
    case 'primitive':
      switch (type.logicalType) {
        case 'timestamp-millis':
        case 'timestamp-micros':
        case 'local-timestamp-millis':
        case 'local-timestamp-micros':
          return 'timestamp';
        case 'date':
          return 'date';
        case 'decimal':
          return 'number';
      }
      switch (type.type) {
        case 'string':
          return 'string';
        case 'boolean':
          return 'boolean';
        case 'bytes':
          return 'bytes';
        case 'null':
          return undefined;
        default:
          return 'number';
      }
  }
}

/** A short human name of a type, as shown in hover and diagnostics (e.g. `long (timestamp-millis)`). */
export function describeType(type: AvroType): string {
  switch (type.kind) {
    case 'record':
    case 'enum':
      return `${type.kind} ${type.name}`;
    case 'array':
      return `array<${describeType(type.items)}>`;
    case 'map':
      return `map<${describeType(type.values)}>`;
    case 'fixed':
      return type.logicalType === 'decimal' ? `decimal(${type.precision}, ${type.scale ?? 0})` : `fixed(${type.size})`;
    case 'union':
      return `union [${type.branches.map(describeType).join(', ')}]`;
    case 'primitive':
      if (type.logicalType === 'decimal') return `decimal(${type.precision}, ${type.scale ?? 0})`;
      return type.logicalType ? `${type.type} (${type.logicalType})` : type.type;
  }
}
