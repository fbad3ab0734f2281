import type { Connection } from 'vscode-languageserver';
import type { GenerateSqlOptions, SqlFormat, SqlTarget, StartupMode } from '../sql/connectorOptions';
import { generateSql } from '../sql/generateSql';
import type { Analysis } from './analysis';

/** LSP methods of the live SQL preview (client: client/src/sqlPreview.ts). */
export const GENERATE_SQL_REQUEST = 'cdcRouting/generateSql';
export const SQL_CHANGED_NOTIFICATION = 'cdcRouting/sqlChanged';

export interface GenerateSqlParams {
  /** The filters file. */
  uri: string;
  target?: SqlTarget;
  /** The client's `cdcRouting.sql.*` settings; defaults as `cdc-routing generate`. */
  bootstrapServers?: string;
  format?: SqlFormat;
  schemaRegistryUrl?: string;
  startupMode?: StartupMode;
  groupId?: string;
}

export interface GenerateSqlResponse {
  uri: string;
  target: SqlTarget;
  /** The script; when nothing can be generated, a comment saying why. */
  sql: string;
  hash?: string;
  /** 0-based line of each generated filter's INSERT in `sql`. */
  filterLocations: { filterId: string; line: number }[];
  /** Filters the generator refused, located in the filters file (0-based lines and characters). */
  refused: { filterLine: number; character: number; message: string }[];
}

export interface SqlChangedParams {
  uri: string;
}

/**
 * Serves the generated SQL of an open filters file and tells the client when it may have changed.
 * `getAnalysis` returns the server's current analysis of a document; call the returned `analysisChanged`
 * after every re-analysis (it notifies only for files whose SQL a client has asked for).
 */
export function registerSqlPreview(
  connection: Connection,
  getAnalysis: (uri: string) => Analysis | undefined,
): { analysisChanged(uri: string): void } {
  const watched = new Set<string>();
  connection.onRequest(GENERATE_SQL_REQUEST, (params: GenerateSqlParams): GenerateSqlResponse => {
    watched.add(params.uri);
    return sqlPreviewFor(getAnalysis(params.uri), params);
  });
  return {
    analysisChanged(uri: string) {
      if (watched.has(uri))
        void connection.sendNotification(SQL_CHANGED_NOTIFICATION, { uri } satisfies SqlChangedParams);
    },
  };
}

/** The response for one analysis: exported for tests and for callers without a connection. */
export function sqlPreviewFor(analysis: Analysis | undefined, params: GenerateSqlParams): GenerateSqlResponse {
  const target = params.target ?? 'flink';
  const empty = (why: string): GenerateSqlResponse => ({
    uri: params.uri,
    target,
    sql: `-- No SQL: ${why}\n`,
    filterLocations: [],
    refused: [],
  });
  if (!analysis) return empty('this is not an open filters file.');
  if (!analysis.schema)
    return empty('the Avro schema is missing or unreadable (see the problems of the filters file).');
  const options: GenerateSqlOptions = {
    target,
    bootstrapServers: params.bootstrapServers || 'localhost:9092',
    format: params.format ?? 'json',
    schemaRegistryUrl: params.schemaRegistryUrl || undefined,
    startupMode: params.startupMode,
    groupId: params.groupId || undefined,
  };
  const name = analysis.file.split(/[\\/]/).pop() ?? 'filters.yaml';
  const result = generateSql({
    doc: analysis.doc,
    bound: analysis.bound,
    schema: analysis.schema,
    filtersFile: name,
    options,
  });
  const refused = result.problems.map((p) => {
    const { line, col } = analysis.doc.lineCounter.linePos(p.span.start);
    return { filterLine: line - 1, character: col - 1, message: p.message };
  });
  return {
    uri: params.uri,
    target,
    sql: result.sql,
    hash: result.hash,
    filterLocations: result.filterLocations,
    refused,
  };
}
