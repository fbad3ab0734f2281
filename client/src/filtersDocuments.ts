import * as vscode from 'vscode';
import type { DocumentFilter } from 'vscode-languageclient/node';
import { FILES_SETTING_DEFAULT, isFiltersDocument, isFiltersFile } from '../../server/src/protocol';

/**
 * Which documents are filters files in VS Code: those `cdcRouting.files` selects (what the language server is
 * sent) whose content says so (`isFiltersDocument`, the server's own rule). The open ones are published as the
 * context key `cdcRouting.filtersFiles` (their paths), which the editor title buttons and the palette's `when`
 * clauses test with `resourcePath in cdcRouting.filtersFiles`: no clause fires on a YAML file that is not one.
 * Paths, not URIs: in a remote window (code-server, SSH) the workbench names a file `vscode-remote://…` while the
 * extension host has `file://…`; the path is the same on both sides (both of a Windows path's spellings are listed).
 */

const CONTEXT_KEY = 'cdcRouting.filtersFiles';

/**
 * The language client's document selector. One array, changed in place: the client keeps this reference, so a
 * restart after the setting changed selects the new files.
 */
export const filtersSelector: DocumentFilter[] = [];

/** Reads `cdcRouting.files` into `filtersSelector`; true when it changed. */
export function readFilesSetting(): boolean {
  const configured = vscode.workspace.getConfiguration('cdcRouting').get<string[]>('files');
  const globs = (Array.isArray(configured) ? configured : FILES_SETTING_DEFAULT).filter(
    (g) => typeof g === 'string' && g,
  );
  const next = (globs.length > 0 ? globs : FILES_SETTING_DEFAULT).map((pattern): DocumentFilter => ({
    scheme: 'file',
    language: 'yaml',
    pattern,
  }));
  if (JSON.stringify(next) === JSON.stringify(filtersSelector)) return false;
  filtersSelector.splice(0, filtersSelector.length, ...next);
  return true;
}

/** An open document that is a filters file (not a filter test file). */
export function isFiltersTextDocument(doc: vscode.TextDocument): boolean {
  return (
    vscode.languages.match(filtersSelector as vscode.DocumentSelector, doc) > 0 &&
    isFiltersDocument({ uri: doc.uri.toString(), languageId: doc.languageId, text: doc.getText() })
  );
}

/** A filters file given by URI: its open document decides; a file not open goes by name. */
export function isFiltersUri(uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file') return false;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return doc ? isFiltersTextDocument(doc) : isFiltersFile(uri.fsPath);
}

/**
 * Keeps the context key `cdcRouting.filtersFiles` equal to the open filters files, and follows `cdcRouting.files`
 * (`selectorChanged` then restarts the language client so it is sent the newly selected documents).
 */
export function trackFiltersFiles(context: vscode.ExtensionContext, selectorChanged: () => void): void {
  const open = new Set<string>();
  let published = '';
  const publish = () => {
    const list = [...open].flatMap(paths).sort();
    const key = JSON.stringify(list);
    if (key === published) return;
    published = key;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, list);
    // the walkthrough's first step completes once a filters file is open
    void vscode.commands.executeCommand('setContext', 'cdcRouting.filtersFileOpen', list.length > 0);
  };
  const update = (doc: vscode.TextDocument) => {
    const uri = doc.uri.toString();
    if (isFiltersTextDocument(doc)) open.add(uri);
    else open.delete(uri);
  };
  const paths = (uri: string) => {
    const u = vscode.Uri.parse(uri);
    return u.fsPath === u.path ? [u.path] : [u.path, u.fsPath];
  };
  const all = () => {
    open.clear();
    vscode.workspace.textDocuments.forEach(update);
    publish();
  };
  all();
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => (update(d), publish())),
    vscode.workspace.onDidChangeTextDocument((e) => (update(e.document), publish())),
    vscode.workspace.onDidCloseTextDocument((d) => (open.delete(d.uri.toString()), publish())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('cdcRouting.files')) return;
      const changed = readFilesSetting();
      all();
      if (changed) selectorChanged();
    }),
  );
}
