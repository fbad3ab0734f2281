import type { Condition, FilterRule, SourceEncoding } from '../model/filterTypes';
import type { OperatorSpec } from '../model/operators';
import type { ResolvedPath } from '../avro/fieldPath';

/** An operand checked against the field's type and converted to the value the semantics compare. */
export type Literal =
  | { type: 'string'; value: string }
  /** `text` keeps the number exactly as written, for exact decimal comparison and SQL literals. */
  | { type: 'number'; value: number; text: string }
  | { type: 'boolean'; value: boolean }
  /** Epoch milliseconds (UTC) of an ISO-8601 timestamp operand. */
  | { type: 'timestamp'; millis: number; text: string }
  /** Days since 1970-01-01 of a `YYYY-MM-DD` operand. */
  | { type: 'date'; days: number; text: string };

/** A condition whose field, operator and operands all check out: the input of SQL generation and evaluation. */
export interface BoundCondition {
  source: Condition;
  path: ResolvedPath;
  operator: OperatorSpec;
  /** `value` → 1, `values` → n, `between` → [low, high], `exists` → none. */
  operands: Literal[];
  /** `withinLast`: the duration in milliseconds. */
  durationMillis?: number;
  /** A map value (text) compared with a numeric operator: the text is cast to a number first;
   * text that is not a number makes the comparison NULL, so the condition does not hold. */
  castToNumber: boolean;
}

/** Conditions that step into the same array: one element must satisfy all of them together. */
export interface ArrayGroup {
  /** e.g. `eventBody.entities` */
  arrayPath: string;
  conditions: BoundCondition[];
}

export interface BoundFilter {
  rule: FilterRule;
  id: string;
  name: string;
  consumerId: string;
  outputTopic: string;
  enabled: boolean;
  /** Conditions outside any array, in file order. */
  conditions: BoundCondition[];
  /** Conditions inside arrays, grouped by array, in order of first appearance. */
  arrayGroups: ArrayGroup[];
}

/** The result of binding a filters file to its schema. Only filters without errors are bound. */
export interface BoundDocument {
  sourceTopic: string;
  /** How the source's values are encoded: the evaluator reads and the generator declares columns by it. Kept here,
   * not on the conditions, because a filter's binding is cached across edits of the `source:` block. */
  encoding: SourceEncoding;
  filters: BoundFilter[];
  /** Filters left out because of errors, with the first error's message. */
  rejected: { rule: FilterRule; reason: string }[];
}
