import * as vscode from 'vscode';

export const PLATFORM_DOC_SCHEME = 'cdc-routing-platform';

/** Read-only virtual documents of the sidebar: a connector's config, a workspace JSON to diff, job exceptions. */
export class PlatformDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** A URI showing `text`; opening it again with new text updates the open editor. */
  put(pathName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PLATFORM_DOC_SCHEME, path: pathName });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
