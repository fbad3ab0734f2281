import * as vscode from 'vscode';
import { isFiltersUri as isFilters } from '../filtersDocuments';

/**
 * The filters file whose filters make the viewer's "Routed by" column: the active editor's, else one
 * shown or open, else the workspace's flink-jobs/filters.yaml. It is opened (not shown) so the language
 * server, which analyses open documents, has it.
 */
export async function filtersFileForRouting(): Promise<vscode.Uri | undefined> {
  const candidates = [
    vscode.window.activeTextEditor?.document.uri,
    ...vscode.window.visibleTextEditors.map((e) => e.document.uri),
    ...vscode.workspace.textDocuments.map((d) => d.uri),
  ].filter((u): u is vscode.Uri => !!u && isFilters(u));
  let uri = candidates[0];
  if (!uri) {
    const found = await vscode.workspace.findFiles('**/flink-jobs/filters.yaml', '**/node_modules/**', 1);
    uri = found[0] ?? (await vscode.workspace.findFiles('**/filters.yaml', '**/node_modules/**', 1))[0];
  }
  if (uri) await vscode.workspace.openTextDocument(uri);
  return uri;
}
