import * as vscode from 'vscode';

/** Scheme of the read-only deploy plan documents (one per profile, replaced by each new plan). */
export const PLAN_SCHEME = 'cdc-routing-plan';

/** Holds the text of the last plan per profile and serves it as a read-only virtual document. */
export class PlanDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  uriOf(profile: string): vscode.Uri {
    return vscode.Uri.from({
      scheme: PLAN_SCHEME,
      path: `/Deploy plan (${profile}).diff`,
      query: encodeURIComponent(profile),
    });
  }

  set(profile: string, text: string): vscode.Uri {
    const uri = this.uriOf(profile);
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# No plan yet: run CDC Routing: Deploy…\n';
  }

  async show(profile: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.uriOf(profile));
    // The "diff" language colours + and ~ lines the way a reader of a plan expects.
    const shown = doc.languageId === 'diff' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'diff');
    await vscode.window.showTextDocument(shown, {
      preview: false,
      preserveFocus: true,
      viewColumn: vscode.ViewColumn.Active,
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
