import { RequestType } from 'vscode-jsonrpc';

/** The routing preview (client: client/src/routingPreview/; server: server/src/lsp/routingFeature.ts). */

export interface RoutePreviewParams {
  /** An open filters file. */
  uri: string;
}

/** A sample file's line that is not an event. */
export interface SampleProblem {
  file: string;
  line: number;
  message: string;
  /** Set when the routing job would send such a record to the dead-letter topic: why (the job's own words, e.g.
   * "not JSON", "wrong type for field eventHeader"); `message` then says "would go to the dead-letter topic because …". */
  deadLetterReason?: string;
}

/** What the routing preview shows for a filters file and its sample events. */
export interface RoutePreview {
  /** The clock used for withinLast (ISO-8601). */
  now: string;
  /** Whether any filter has a withinLast condition, i.e. whether the clock matters to what is shown. */
  usesClock: boolean;
  total: number;
  sampleFiles: string[];
  sampleProblems: SampleProblem[];
  /** The dead-letter topic of the file's routing job (where the `deadLetterReason` samples would go). */
  deadLetterTopic: string;
  filters: {
    id: string;
    name: string;
    outputTopic: string;
    enabled: boolean;
    /** 0-based line of the filter's id in the filters file. */
    line: number;
    count: number;
    percent: number;
    /** Indices into `events` of the events it takes. */
    events: number[];
  }[];
  /** Filters left out because of errors: they route nothing until fixed. */
  rejected: { id: string; line: number; reason: string }[];
  events: {
    index: number;
    file: string;
    /** 1-based line in the sample file. */
    line: number;
    /** Short label, e.g. the event name. */
    label: string;
    event: unknown;
    matched: string[];
    misses: { filterId: string; field: string; operator: string; line: number; actual: unknown; reason: string }[];
  }[];
  /** Indices of events no (enabled) filter takes. */
  unrouted: number[];
}

/** The preview of an open filters file; null when the file is not open (or not a filters file). */
export const RoutePreviewRequest = new RequestType<RoutePreviewParams, RoutePreview | null, void>(
  'cdcRouting/routePreview',
);

/** The command of the routing CodeLens (`matches 37 of 200 samples`): arguments [filters file URI]. */
export const PREVIEW_ROUTED_OUTPUT_COMMAND = 'cdcRouting.previewRoutedOutput';
