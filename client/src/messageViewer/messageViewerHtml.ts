import * as vscode from 'vscode';
import { nonce } from '../webviewPage';
import { messageViewerPage } from './messageViewerPage';

/** The message viewer's page for a webview: its assets as webview URIs and a fresh nonce. */
export function messageViewerHtml(webview: vscode.Webview, extensionUri: vscode.Uri, topic: string): string {
  const asset = (name: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'messageViewer', name)).toString();
  const dom = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dom.js')).toString();
  return messageViewerPage(
    {
      cspSource: webview.cspSource,
      nonce: nonce(),
      style: asset('messageViewer.css'),
      dom,
      model: asset('viewerModel.js'),
      script: asset('messageViewer.js'),
    },
    topic,
  );
}
