import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Scheme of the read-only SQL preview documents; the language server generates their text. */
export const SQL_PREVIEW_SCHEME = 'cdc-routing-sql';
const GENERATE_SQL_REQUEST = 'cdcRouting/generateSql';
const SQL_CHANGED_NOTIFICATION = 'cdcRouting/sqlChanged';
const LANGUAGE_ID = 'flink-sql';

type Target = 'flink' | 'confluent-cloud';

interface GenerateSqlResponse {
  sql: string;
  filterLocations: { filterId: string; line: number }[];
  refused: { filterLine: number; character: number; message: string }[];
}

/** The preview URI of a filters file for a target: readable in the tab title, the source in the query. */
export function sqlPreviewUri(filters: vscode.Uri, target: Target): vscode.Uri {
  const base = path.basename(filters.fsPath, path.extname(filters.fsPath));
  return vscode.Uri.from({ scheme: SQL_PREVIEW_SCHEME, path: `/${base} (${target}).sql`, query: JSON.stringify({ uri: filters.toString(), target }) });
}

function parseQuery(uri: vscode.Uri): { uri: string; target: Target } {
  return JSON.parse(uri.query) as { uri: string; target: Target };
}

/**
 * The live SQL preview: a virtual document per filters file and target whose text the server generates
 * (request cdcRouting/generateSql) and refreshes when the server says the SQL changed
 * (notification cdcRouting/sqlChanged), i.e. on every edit of the filters or the schema.
 * Registers the command `cdcRouting.previewSql` (opens it beside the filters file).
 */
export function registerSqlPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const open = new Map<string, vscode.Uri>(); // preview URI string → preview URI
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri, token) {
      open.set(uri.toString(), uri);
      const { uri: filters, target } = parseQuery(uri);
      const settings = vscode.workspace.getConfiguration('cdcRouting.sql', vscode.Uri.parse(filters));
      try {
        const response: GenerateSqlResponse = await client.sendRequest(
          GENERATE_SQL_REQUEST,
          {
            uri: filters,
            target,
            bootstrapServers: settings.get<string>('bootstrapServers'),
            format: settings.get<string>('format'),
            schemaRegistryUrl: settings.get<string>('schemaRegistryUrl'),
            startupMode: settings.get<string>('startupMode'),
            groupId: settings.get<string>('groupId'),
          },
          token,
        );
        const refused = response.refused.map((r) => `-- REFUSED (line ${r.filterLine + 1}): ${r.message.replace(/\s+/g, ' ')}`);
        return refused.length ? `${refused.join('\n')}\n\n${response.sql}` : response.sql;
      } catch (err) {
        return `-- The SQL preview failed: ${(err as Error).message}. See CDC Routing: Show Output.\n`;
      }
    },
  };
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SQL_PREVIEW_SCHEME, provider),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === SQL_PREVIEW_SCHEME) open.delete(doc.uri.toString());
    }),
    client.onNotification(SQL_CHANGED_NOTIFICATION, (params: { uri: string }) => {
      for (const preview of open.values()) if (parseQuery(preview).uri === params.uri) changed.fire(preview);
    }),
    vscode.commands.registerCommand('cdcRouting.previewSql', async (resource?: vscode.Uri) => {
      const filters = resource ?? vscode.window.activeTextEditor?.document.uri;
      if (!filters || filters.scheme === SQL_PREVIEW_SCHEME) {
        void vscode.window.showInformationMessage('Open a filters.yaml file to preview the Flink SQL it generates.');
        return;
      }
      const target = vscode.workspace.getConfiguration('cdcRouting.sql', filters).get<Target>('target') ?? 'flink';
      const doc = await vscode.workspace.openTextDocument(sqlPreviewUri(filters, target));
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    }),
  );
}
