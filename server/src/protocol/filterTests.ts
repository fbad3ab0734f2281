import { RequestType } from 'vscode-jsonrpc';

/** The filter tests of filters*.test.yaml files (client: client/src/testExplorer.ts; server: lsp/routingFeature.ts). */

export interface FilterTestFileParams {
  /** The filter test file. */
  uri: string;
}

export interface FilterTestCasesParams extends FilterTestFileParams {
  /** The file's text as the client has it; the open document's (else the file on disk) when absent. */
  text?: string;
}

/** One case of a test file, at the line of its name (0-based, as LSP counts). */
export interface FilterTestCase {
  name: string;
  line: number;
}

export interface FilterTestCases {
  uri: string;
  cases: FilterTestCase[];
}

/** One case's result, with the line 0-based (as LSP counts). */
export interface FilterTestCaseResult {
  name: string;
  line: number;
  /** passed; failed (routing differs from the expectation); error (the case cannot be evaluated). */
  status: 'passed' | 'failed' | 'error';
  /** What went wrong, one line each. */
  messages: string[];
  expected: { routedTo?: string[]; notRoutedTo?: string[] };
  /** Topics the event was routed to. */
  actual: string[];
  eventSource?: string;
  millis: number;
}

export interface FilterTestRun {
  uri: string;
  /** The filters file the tests ran against. */
  filtersUri?: string;
  /** Why nothing could run (filters file or schema unreadable). */
  fatal?: string;
  results: FilterTestCaseResult[];
}

/** The cases of a test file (its names and lines), for the Test Explorer; parsing only, nothing runs. */
export const FilterTestCasesRequest = new RequestType<FilterTestCasesParams, FilterTestCases, void>(
  'cdcRouting/filterTestCases',
);

/** Runs every case of a test file (open or on disk) with the semantics of `cdc-routing test`. */
export const RunFilterTestsRequest = new RequestType<FilterTestFileParams, FilterTestRun, void>(
  'cdcRouting/runFilterTests',
);
