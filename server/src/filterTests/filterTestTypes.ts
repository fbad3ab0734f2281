import type { Document, LineCounter } from 'yaml';
import type { Located, Span } from '../model/span';

/** A topic list of an expectation (`routedTo:` / `notRoutedTo:`), each topic with its span. */
export interface TopicList {
  span: Span;
  topics: Located<string>[];
}

/** One named case of a filters.test.yaml. */
export interface FilterTestCase {
  span: Span;
  name: Located<string>;
  /** An inline event, as JSON, with the span of its YAML node (and the node, to locate inner paths). */
  event?: { value: unknown; span: Span; node: unknown };
  /** A sample reference: `sample: 12` (line of the default samples file) or `sample: { file, line }`. */
  sample?: { span: Span; file?: Located<string>; line: Located<number> };
  /** A deep-merge patch applied to the event (objects merge; arrays and scalars replace). */
  with?: { value: unknown; span: Span };
  routedTo?: TopicList;
  notRoutedTo?: TopicList;
  /** The clock of withinLast for this case (epoch millis). */
  now?: Located<number>;
}

export interface FilterTestProblem {
  span: Span;
  message: string;
  severity: 'error' | 'warning';
  code: string;
}

export interface FilterTestDocument {
  text: string;
  yaml: Document.Parsed;
  lineCounter: LineCounter;
  /** `filters:` — the filters file under test, relative to the test file. */
  filters?: Located<string>;
  /** `samples:` — the default samples file for `sample: <line>`, relative to the test file. */
  samples?: Located<string>;
  now?: Located<number>;
  cases: FilterTestCase[];
  /** YAML syntax and shape problems found while parsing. */
  problems: FilterTestProblem[];
}
