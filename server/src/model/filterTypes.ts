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
  /** Where the routing job writes the records it cannot read (default `<topic>.dlq`). */
  deadLetterTopic?: Located<string>;
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
