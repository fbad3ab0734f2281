import * as vscode from 'vscode';
import { nonce } from '../webviewPage';
import { routingPreviewPage } from './routingPreviewPage';

/** The routing preview's page for a webview: its assets as webview URIs and a fresh nonce. */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)).toString();
  return routingPreviewPage(
    {
      cspSource: webview.cspSource,
      nonce: nonce(),
      style: asset('routingPreview.css'),
      dom: asset('dom.js'),
      script: asset('routingPreview.js'),
    },
    title,
  );
}
