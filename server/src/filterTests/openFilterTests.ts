import * as fs from 'fs';
import * as path from 'path';
import type { AvroSchemaModel } from '../avro/avroTypes';
import { SchemaCache, schemaFor } from '../avro/schemaLocator';
import { bindFilters } from '../binding/bindFilters';
import type { BoundDocument } from '../binding/boundTypes';
import type { FiltersDocument } from '../model/filterTypes';
import { parseFilters } from '../model/parseFilters';
import type { Span } from '../model/span';
import { FileReadError, readBoundedText } from '../files/boundedRead';
import { loadSamples, samplePathsFor, type SampleSet } from '../samples/loadSamples';
import type { Problem } from '../model/problem';
import type { FilterTestDocument } from './filterTestTypes';
import { parseFilterTests } from './parseFilterTests';

/** A filters.test.yaml with everything it refers to: the filters file, its schema and bound filters, its samples. */
export interface FilterTestContext {
  testFile: string;
  doc: FilterTestDocument;
  filtersFile: string;
  filtersDoc?: FiltersDocument;
  schema?: AvroSchemaModel;
  bound?: BoundDocument;
  /** Problems of the filters file (errors leave filters out of the routing). */
  filterProblems: Problem[];
  /** Why the cases cannot run at all (filters file or schema unreadable). */
  fatal?: string;
  /** Where in the test file the fatal problem is (the `filters:` value), when it is there. */
  fatalSpan?: Span;
  /** The file `sample: <line>` refers to. */
  defaultSamplesFile?: string;
  /** Reads (once) a samples file. */
  samples(file: string): SampleSet;
}

export interface OpenOptions {
  /** The test file's text when it is open in the editor (unsaved changes). */
  text?: string;
  /** The filters file's text when it is open in the editor. */
  filtersText?: (file: string) => string | undefined;
  schemaCache?: SchemaCache;
}

/** The filters file a test file tests: `filters:` relative to it, else `filters.yaml` beside it. */
function filtersFileOf(testFile: string, doc: FilterTestDocument): string {
  return path.resolve(path.dirname(testFile), doc.filters?.value ?? 'filters.yaml');
}

export function openFilterTests(testFile: string, options: OpenOptions = {}): FilterTestContext {
  const text = options.text ?? readBoundedText(testFile);
  const doc = parseFilterTests(text);
  const filtersFile = filtersFileOf(testFile, doc);
  const cache = new Map<string, SampleSet>();
  const ctx: FilterTestContext = {
    testFile,
    doc,
    filtersFile,
    filterProblems: [],
    samples(file) {
      let set = cache.get(file);
      if (!set) cache.set(file, (set = loadSamples([file])));
      return set;
    },
  };
  ctx.defaultSamplesFile = doc.samples
    ? path.resolve(path.dirname(testFile), doc.samples.value)
    : firstSamplesFile(filtersFile);
  let filtersText = options.filtersText?.(filtersFile);
  if (filtersText === undefined) {
    try {
      filtersText = readBoundedText(filtersFile);
    } catch (err) {
      const why = err instanceof FileReadError ? `: ${err.message}` : '';
      ctx.fatal = `The filters file ${filtersFile} cannot be read${why}${doc.filters ? '' : ' (name it with "filters: ./filters.yaml")'}.`;
      ctx.fatalSpan = doc.filters?.span;
      return ctx;
    }
  }
  ctx.filtersDoc = parseFilters(filtersText);
  const schema = schemaFor(ctx.filtersDoc, filtersFile, options.schemaCache ?? new SchemaCache());
  if (!schema.ok) {
    ctx.fatal = `${path.basename(filtersFile)}: ${schema.message}`;
    return ctx;
  }
  ctx.schema = schema.schema;
  const { bound, problems } = bindFilters(ctx.filtersDoc, schema.schema);
  ctx.bound = bound;
  ctx.filterProblems = problems;
  return ctx;
}

function firstSamplesFile(filtersFile: string): string | undefined {
  for (const p of samplePathsFor(filtersFile)) {
    const files = fs
      .readdirSync(p)
      .filter((f) => /\.(jsonl|ndjson|json)$/.test(f))
      .sort();
    if (files.length > 0) return path.join(p, files[0]);
  }
  return undefined;
}
