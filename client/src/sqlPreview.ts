import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  GenerateSqlRequest,
  SHOW_SQL_FOR_FILTER_COMMAND,
  SqlChangedNotification,
  type GenerateSqlResponse,
  type SqlFormat,
  type SqlTarget,
  type StartupMode,
} from '../../server/src/protocol';
import { PacedRefresh } from './sqlPreviewRefresh';

/** Scheme of the read-only SQL preview documents; the language server generates their text. */
export const SQL_PREVIEW_SCHEME = 'cdc-routing-sql';
const LANGUAGE_ID = 'flink-sql';

/** The preview URI of a filters file for a target: readable in the tab title, the source in the query. */
export function sqlPreviewUri(filters: vscode.Uri, target: SqlTarget): vscode.Uri {
  const base = path.basename(filters.fsPath, path.extname(filters.fsPath));
  return vscode.Uri.from({
    scheme: SQL_PREVIEW_SCHEME,
    path: `/${base} (${target}).sql`,
    query: JSON.stringify({ uri: filters.toString(), target }),
  });
}

function targetOf(filters: vscode.Uri): SqlTarget {
  return vscode.workspace.getConfiguration('cdcRouting.sql', filters).get<SqlTarget>('target') ?? 'flink';
}

function parseQuery(uri: vscode.Uri): { uri: string; target: SqlTarget } {
  return JSON.parse(uri.query) as { uri: string; target: SqlTarget };
}

/**
 * The live SQL preview: a virtual document per filters file and target whose text the server generates
 * (request cdcRouting/generateSql) and refreshes when the server says the SQL changed
 * (notification cdcRouting/sqlChanged), i.e. on every edit of the filters or the schema.
 * Registers the command `cdcRouting.previewSql` (opens it beside the filters file).
 */
/** Asks the server for the SQL of a filters file with the user's settings for it. */
function requestSql(
  client: LanguageClient,
  filters: string,
  target: SqlTarget,
  token?: vscode.CancellationToken,
): Promise<GenerateSqlResponse> {
  const settings = vscode.workspace.getConfiguration('cdcRouting.sql', vscode.Uri.parse(filters));
  return client.sendRequest(
    GenerateSqlRequest,
    {
      uri: filters,
      target,
      bootstrapServers: settings.get<string>('bootstrapServers'),
      format: settings.get<SqlFormat>('format'),
      schemaRegistryUrl: settings.get<string>('schemaRegistryUrl') ?? undefined,
      startupMode: settings.get<StartupMode>('startupMode'),
      groupId: settings.get<string>('groupId') ?? undefined,
    },
    token,
  );
}

/** The preview starts with one comment line per refused filter and a blank line: SQL lines come after. */
function refusedPreamble(response: GenerateSqlResponse): string[] {
  const lines = response.refused.map((r) => `-- REFUSED (line ${r.filterLine + 1}): ${r.message.replace(/\s+/g, ' ')}`);
  return lines.length ? [...lines, ''] : [];
}

async function openPreview(filters: vscode.Uri, target: SqlTarget, preserveFocus: boolean): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(sqlPreviewUri(filters, target));
  await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus, preview: false });
}

export function registerSqlPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  // Open previews (URI string → its pacing of refreshes); see PacedRefresh for why refreshes are paced.
  const open = new Map<string, { uri: vscode.Uri; refresh: PacedRefresh }>();
  const track = (uri: vscode.Uri) => {
    const key = uri.toString();
    let entry = open.get(key);
    if (!entry) {
      const refresh = new PacedRefresh({
        fire: () => changed.fire(uri),
        shownText: () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.getText(),
      });
      entry = { uri, refresh };
      open.set(key, entry);
    }
    return entry;
  };
  const untrack = (uri: vscode.Uri) => {
    open.get(uri.toString())?.refresh.dispose();
    open.delete(uri.toString());
  };
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri, token) {
      const { refresh } = track(uri);
      const { uri: filters, target } = parseQuery(uri);
      let text: string;
      try {
        const response = await requestSql(client, filters, target, token);
        text = [...refusedPreamble(response), response.sql].join('\n');
      } catch (err) {
        text = `-- The SQL preview failed: ${(err as Error).message}. See CDC Routing: Show Output.\n`;
      }
      refresh.provided(text);
      return text;
    },
  };
  context.subscriptions.push(
    changed,
    { dispose: () => [...open.values()].forEach((entry) => entry.refresh.dispose()) },
    vscode.workspace.registerTextDocumentContentProvider(SQL_PREVIEW_SCHEME, provider),
    // Setting the preview's language closes and reopens the document without asking for its content again:
    // follow opens as well as closes, or the preview would stop refreshing.
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.scheme === SQL_PREVIEW_SCHEME) track(doc.uri);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === SQL_PREVIEW_SCHEME) untrack(doc.uri);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.scheme === SQL_PREVIEW_SCHEME) open.get(event.document.uri.toString())?.refresh.landed();
    }),
    client.onNotification(SqlChangedNotification, (params) => {
      for (const { uri, refresh } of open.values()) if (parseQuery(uri).uri === params.uri) refresh.request();
    }),
    vscode.commands.registerCommand('cdcRouting.previewSql', async (resource?: vscode.Uri) => {
      const filters = resource ?? vscode.window.activeTextEditor?.document.uri;
      if (!filters || filters.scheme === SQL_PREVIEW_SCHEME) {
        void vscode.window.showInformationMessage('Open a filters.yaml file to preview the Flink SQL it generates.');
        return;
      }
      await openPreview(filters, targetOf(filters), true);
    }),
    // CodeLens "Show SQL": the preview beside the file, scrolled to the filter's INSERT.
    vscode.commands.registerCommand(SHOW_SQL_FOR_FILTER_COMMAND, async (filtersUri: string, filterId: string) => {
      const filters = vscode.Uri.parse(filtersUri);
      const target = targetOf(filters);
      const editor = await openPreview(filters, target, false);
      const response = await requestSql(client, filtersUri, target);
      const location = response.filterLocations.find((l) => l.filterId === filterId);
      if (!location) {
        void vscode.window.showWarningMessage(
          `Filter ${filterId} has no SQL: see the problems of ${path.basename(filters.fsPath)}.`,
        );
        return;
      }
      const line = location.line + refusedPreamble(response).length;
      const range = new vscode.Range(line, 0, line, 0);
      editor.selection = new vscode.Selection(range.start, range.start);
      editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
    }),
    // Writes routing-generated.sql (the script name the platform's scripts deploy) next to the filters file; nothing is written while a filter is refused.
    vscode.commands.registerCommand('cdcRouting.generateSqlFile', async (resource?: vscode.Uri) => {
      const filters = resource ?? vscode.window.activeTextEditor?.document.uri;
      if (!filters || filters.scheme !== 'file') {
        void vscode.window.showInformationMessage('Open a filters.yaml file to generate its SQL.');
        return;
      }
      const response = await requestSql(client, filters.toString(), targetOf(filters));
      if (response.refused.length > 0) {
        const first = response.refused[0];
        void vscode.window.showErrorMessage(
          `routing-generated.sql was not written: ${response.refused.length} filter(s) cannot be generated, e.g. line ${first.filterLine + 1}: ${first.message}`,
        );
        return;
      }
      const out = vscode.Uri.joinPath(filters, '..', 'routing-generated.sql');
      await vscode.workspace.fs.writeFile(out, Buffer.from(response.sql, 'utf8'));
      const open = 'Open';
      if ((await vscode.window.showInformationMessage(`Wrote ${vscode.workspace.asRelativePath(out)}`, open)) === open)
        await vscode.window.showTextDocument(out);
    }),
  );
}
