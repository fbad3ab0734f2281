import { NotificationType, RequestType } from 'vscode-jsonrpc';

/** The live SQL preview (client: client/src/sqlPreview.ts; server: server/src/lsp/sqlPreviewFeature.ts). */

export type SqlTarget = 'flink' | 'confluent-cloud';
export type SqlFormat = 'json' | 'avro-confluent';
export type StartupMode = 'group-offsets' | 'earliest-offset' | 'latest-offset';

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

/** The generated SQL of an open filters file; the server watches the file from then on. */
export const GenerateSqlRequest = new RequestType<GenerateSqlParams, GenerateSqlResponse, void>(
  'cdcRouting/generateSql',
);

/** Server → client: the SQL of a file the client asked for may have changed (an edit of the file or its schema). */
export const SqlChangedNotification = new NotificationType<SqlChangedParams>('cdcRouting/sqlChanged');

/** The command of the `Show SQL` CodeLens: arguments [filters file URI, filter id]. */
export const SHOW_SQL_FOR_FILTER_COMMAND = 'cdcRouting.showSqlForFilter';
