import type { ShapeError } from './shapeCheck';
import type { Located, Span } from './span';

/** A scalar operand as written: its JS value and whether YAML read it from a quoted string. */
export interface Operand extends Located<unknown> {
  quoted: boolean;
}

export interface Condition {
  span: Span;
  field?: Located<string>;
  operator?: Located<string>;
  value?: Operand;
  /** The `values:` list; `items` are its scalar entries in order. */
  values?: { span: Span; items: Operand[] };
  /** Spans of the keys written in this condition, by key name (for "unknown key" and completion). */
  keys: Map<string, Span>;
}

export interface FilterRule {
  /** Position in the `filters:` list, from 0. */
  index: number;
  span: Span;
  id?: Located<string>;
  name?: Located<string>;
  description?: Located<string>;
  consumerId?: Located<string>;
  outputTopic?: Located<string>;
  enabled: boolean;
  enabledNode?: Located<boolean>;
  conditions: Condition[];
  conditionsSpan?: Span;
  keys: Map<string, Span>;
}

export interface SourceBlock {
  span: Span;
  topic?: Located<string>;
  schema?: Located<string>;
  /** `pass` (default): the routed records carry the source record's Kafka headers; `drop`: none. */
  headers?: Located<string>;
  /** How the source topic's values are encoded (`json` default); see sourceEncoding. */
  format?: Located<string>;
  /** JSON formats: how Avro timestamp-millis/-micros and date fields are written (`iso-8601` default). */
  timestamps?: Located<string>;
  /** Where the routing job writes the records it cannot read (default `<topic>.dlq`). */
  deadLetterTopic?: Located<string>;
  /** Spans of the keys written in the block, by key name (for hover). */
  keys?: Map<string, Span>;
}

/** The encodings `source.format` may name; only `json` is read by the generated job when declared here. */
export const SOURCE_FORMATS = ['json', 'avro-confluent', 'debezium-json', 'debezium-avro-confluent'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];
/** How a JSON source writes Avro timestamp-millis/-micros and date values. */
export const TIMESTAMP_ENCODINGS = ['iso-8601', 'epoch-millis'] as const;
export type TimestampEncoding = (typeof TIMESTAMP_ENCODINGS)[number];

/** The declared encoding of the source topic, defaults filled in (as before the keys existed). A value outside
 * the lists reads as the default here; the shape check reports it at the key. */
export interface SourceEncoding {
  format: SourceFormat;
  /** Whether `format` was written in the file (a declared json conflicts with --format avro-confluent). */
  formatDeclared: boolean;
  timestamps: TimestampEncoding;
}

export function sourceEncoding(doc: FiltersDocument): SourceEncoding {
  const format = doc.source?.format?.value;
  const timestamps = doc.source?.timestamps?.value;
  return {
    format: (SOURCE_FORMATS as readonly string[]).includes(format ?? '') ? (format as SourceFormat) : 'json',
    formatDeclared: format !== undefined,
    timestamps: timestamps === 'epoch-millis' ? 'epoch-millis' : 'iso-8601',
  };
}

/** Whether the routing job copies the source record's Kafka headers onto each routed record. */
export function passesHeaders(doc: FiltersDocument): boolean {
  return doc.source?.headers?.value !== 'drop';
}

export interface YamlProblem {
  message: string;
  span: Span;
  severity: 'error' | 'warning';
}

/** A filters.yaml parsed into a typed model that keeps the source span of everything it holds. */
export interface FiltersDocument {
  text: string;
  /** 1-based line/column of offsets, for messages and the CLI. */
  lineCounter: { linePos(offset: number): { line: number; col: number } };
  source?: SourceBlock;
  filters: FilterRule[];
  filtersSpan?: Span;
  /** YAML syntax errors and warnings reported by the parser. */
  syntaxProblems: YamlProblem[];
  /** Where the file departs from schemas/filters.schema.json, located (messages are made by validation). */
  shapeErrors: ShapeError[];
}

/** The topic raw events are read from when the file does not name one (the example pipeline's raw topic). */
const DEFAULT_SOURCE_TOPIC = 'raw-business-events';

export function sourceTopic(doc: FiltersDocument): string {
  return doc.source?.topic?.value ?? DEFAULT_SOURCE_TOPIC;
}

/** The dead-letter topic of the file's routing job: `source.deadLetterTopic`, else `<source topic>.dlq`. */
export function deadLetterTopic(doc: FiltersDocument): string {
  return doc.source?.deadLetterTopic?.value ?? `${sourceTopic(doc)}.dlq`;
}
