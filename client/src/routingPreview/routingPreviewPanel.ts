import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isFiltersUri } from '../filtersDocuments';
import { PREVIEW_ROUTED_OUTPUT_COMMAND, RoutePreviewRequest } from '../../../server/src/protocol';
import { previewHtml } from './previewHtml';

/** One preview panel per filters file; it follows edits of the file and of the samples. */
class RoutingPreviewPanel {
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: Parameters<RoutingPreviewPanel['onMessage']>[0]) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === uri.toString()) this.schedule();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{jsonl,ndjson,json,avsc}');
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.schedule()),
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
    );
  }

  /** Debounced: typing does not flood the server. */
  schedule(delay = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    try {
      const preview = await this.client.sendRequest(RoutePreviewRequest, { uri: this.uri.toString() });
      if (!preview) {
        await this.panel.webview.postMessage({
          type: 'error',
          message: `Open ${path.basename(this.uri.fsPath)} to preview its routing.`,
        });
        return;
      }
      await this.panel.webview.postMessage({ type: 'preview', file: path.basename(this.uri.fsPath), preview });
    } catch (err) {
      await this.panel.webview.postMessage({
        type: 'error',
        message: `The routing preview failed: ${(err as Error).message}. See CDC Routing: Show Output.`,
      });
    }
  }

  private async onMessage(m: { type: string; line?: number; file?: string }): Promise<void> {
    if (m.type === 'ready') return this.refresh();
    if (m.type === 'revealFilter' && typeof m.line === 'number') {
      const doc = await vscode.workspace.openTextDocument(this.uri);
      const pos = new vscode.Position(m.line, 0);
      await vscode.window.showTextDocument(doc, {
        viewColumn: vscode.ViewColumn.One,
        selection: new vscode.Range(pos, pos),
      });
    }
    if (m.type === 'revealSample' && m.file && typeof m.line === 'number') {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(m.file));
      const pos = new vscode.Position(Math.max(0, m.line - 1), 0);
      await vscode.window.showTextDocument(doc, {
        viewColumn: vscode.ViewColumn.One,
        selection: new vscode.Range(pos, pos),
        preview: true,
      });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.onDispose();
  }
}

/** Command `cdcRouting.previewRoutedOutput`: the routed output of the active (or given) filters file, beside it. */
export function registerRoutingPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
  const panels = new Map<string, RoutingPreviewPanel>();
  context.subscriptions.push(
    vscode.commands.registerCommand(PREVIEW_ROUTED_OUTPUT_COMMAND, async (arg?: vscode.Uri | string) => {
      const uri =
        typeof arg === 'string' ? vscode.Uri.parse(arg) : (arg ?? vscode.window.activeTextEditor?.document.uri);
      if (!uri || !isFiltersUri(uri)) {
        void vscode.window.showWarningMessage(
          'CDC Routing: open a filters file (a YAML file with a filters: list) to preview its routed output.',
        );
        return;
      }
      const existing = panels.get(uri.toString());
      if (existing) {
        existing.panel.reveal(vscode.ViewColumn.Beside);
        return;
      }
      await vscode.workspace.openTextDocument(uri); // the server analyses open documents
      const title = `Routed output: ${path.basename(uri.fsPath)}`;
      const panel = vscode.window.createWebviewPanel(
        'cdcRouting.routingPreview',
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
          retainContextWhenHidden: true,
        },
      );
      panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'routingPreview.svg');
      panel.webview.html = previewHtml(panel.webview, context.extensionUri, title);
      const p = new RoutingPreviewPanel(uri, panel, client, () => panels.delete(uri.toString()));
      panels.set(uri.toString(), p);
      p.schedule(0);
    }),
    { dispose: () => [...panels.values()].forEach((p) => void p.panel.dispose()) },
  );
}
