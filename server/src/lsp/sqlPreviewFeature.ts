import type { Connection } from 'vscode-languageserver';
import {
  GenerateSqlRequest,
  SqlChangedNotification,
  type GenerateSqlParams,
  type GenerateSqlResponse,
} from '../protocol';
import type { GenerateSqlOptions } from '../sql/connectorOptions';
import { generateSql } from '../sql/generateSql';
import type { Analysis } from './analysis';
import { onRequest, sendNotification } from './protocolConnection';

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
  onRequest(connection, GenerateSqlRequest, (params) => {
    watched.add(params.uri);
    return sqlPreviewFor(getAnalysis(params.uri), params);
  });
  return {
    analysisChanged(uri: string) {
      if (watched.has(uri)) void sendNotification(connection, SqlChangedNotification, { uri });
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
