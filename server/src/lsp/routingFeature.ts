import { readBoundedText } from '../files/boundedRead';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { SchemaCache } from '../avro/schemaLocator';
import { checkFilterTests } from '../filterTests/checkFilterTests';
import { openFilterTests } from '../filterTests/openFilterTests';
import { parseFilterTests } from '../filterTests/parseFilterTests';
import { runFilterTests } from '../filterTests/runFilterTests';
import type { Span } from '../model/span';
import {
  FilterTestCasesRequest,
  PREVIEW_ROUTED_OUTPUT_COMMAND,
  RoutePreviewRequest,
  RunFilterTestsRequest,
  type FilterTestCases,
  type FilterTestCasesParams,
  type FilterTestRun,
  type RoutePreview,
} from '../protocol';
import { buildRoutePreview, routingLensTitles } from '../routing/routePreview';
import { SampleCache } from '../samples/sampleCache';
import type { Problem } from '../validation/diagnostic';
import type { Analysis } from './analysis';
import { onRequest } from './protocolConnection';

export interface RoutingOptions {
  /** The setting `cdcRouting.samples` (paths relative to the filters file); empty = the nearest samples/ folder. */
  samplePaths?: () => string[] | undefined;
  /** A sample cache shared with the rest of the server (completion reads the same events). */
  samples?: SampleCache;
  /** Text of open documents, so unsaved edits count. */
  openText?: (uri: string) => string | undefined;
  now?: () => number;
}

let samples = new SampleCache();
const schemas = new SchemaCache();

/** The preview of a filters file, or undefined when the file is not analysed (not open, not a filters file). */
export function routePreviewFor(analysis: Analysis, now = Date.now()): RoutePreview {
  return buildRoutePreview(analysis.doc, analysis.bound, samples.get(analysis.file), now, analysis.schema);
}

/** CodeLens contributions: `matches 37 of 200 samples (18.5%)` above each filter (`languageServer.ts` merges the contributions of every feature). */
export function routingCodeLenses(
  analysis: Analysis,
): { span: Span; title: string; command?: string; args?: unknown[] }[] {
  const set = samples.get(analysis.file);
  if (set.events.length === 0) return [];
  return routingLensTitles(analysis.doc, analysis.bound, set, Date.now()).map((l) => ({
    ...l,
    command: PREVIEW_ROUTED_OUTPUT_COMMAND,
    args: [analysis.uri],
  }));
}

/** Runs the cases of a filters.test.yaml (open or on disk). */
export function runFilterTestsFor(uri: string, options: RoutingOptions = {}): FilterTestRun {
  const file = URI.parse(uri).fsPath;
  const ctx = openFilterTests(file, {
    text: options.openText?.(uri),
    filtersText: (f) => options.openText?.(URI.file(f).toString()),
    schemaCache: schemas,
  });
  const results = runFilterTests(ctx, { now: options.now });
  return {
    uri,
    filtersUri: URI.file(ctx.filtersFile).toString(),
    fatal: ctx.fatal,
    results: results.map((r) => ({
      name: r.name,
      line: r.line - 1,
      status: r.status,
      messages: r.messages,
      expected: r.expected,
      actual: r.actual,
      eventSource: r.eventSource,
      millis: r.millis,
    })),
  };
}

/** Diagnostics of a filters.test.yaml document (`languageServer.ts` publishes them as it does those of filters files). */
export function filterTestProblems(
  uri: string,
  text: string,
  openText?: (uri: string) => string | undefined,
): Problem[] {
  const file = URI.parse(uri).fsPath;
  try {
    return checkFilterTests(
      openFilterTests(file, { text, filtersText: (f) => openText?.(URI.file(f).toString()), schemaCache: schemas }),
    );
  } catch (err) {
    return [
      {
        span: { start: 0, end: 0 },
        severity: 'error',
        message: `cdc-routing could not check this test file (${(err as Error).message}).`,
        code: 'internal',
      },
    ];
  }
}

/** The cases of a filters.test.yaml (their names and lines), read from `text`, else the open document, else the disk. */
export function filterTestCasesFor(params: FilterTestCasesParams, options: RoutingOptions = {}): FilterTestCases {
  let text = params.text ?? options.openText?.(params.uri);
  if (text === undefined) {
    try {
      text = readBoundedText(URI.parse(params.uri).fsPath);
    } catch {
      text = '';
    }
  }
  const doc = parseFilterTests(text);
  return {
    uri: params.uri,
    cases: doc.cases.map((c) => ({ name: c.name.value, line: doc.lineCounter.linePos(c.name.span.start).line - 1 })),
  };
}

/** Registers the routing requests on the connection. */
export function registerRouting(
  connection: Connection,
  getAnalysis: (uri: string) => Analysis | undefined,
  options: RoutingOptions = {},
): void {
  if (options.samples) samples = options.samples;
  else if (options.samplePaths) samples = new SampleCache(options.samplePaths);
  onRequest(connection, RoutePreviewRequest, (params) => {
    const analysis = getAnalysis(params.uri);
    return analysis ? routePreviewFor(analysis, options.now?.() ?? Date.now()) : null;
  });
  onRequest(connection, RunFilterTestsRequest, (params) => runFilterTestsFor(params.uri, options));
  onRequest(connection, FilterTestCasesRequest, (params) => filterTestCasesFor(params, options));
}
