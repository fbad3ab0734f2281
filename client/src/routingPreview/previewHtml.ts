import * as vscode from 'vscode';
import { htmlEscape as esc, nonce } from '../webviewPage';

/** The webview's page: a shell that media/routing-preview.js fills from the messages it receives. */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'routing-preview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'routing-preview.css'));
  const n = nonce();
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${n}'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${esc(title)}</title>
</head>
<body>
<header>
  <h1 id="title">${esc(title)}</h1>
  <p id="summary" role="status" aria-live="polite">Routing the sample events…</p>
</header>
<div role="tablist" aria-label="Views" id="tabs">
  <button role="tab" id="tab-filters" aria-controls="panel-filters" aria-selected="true" tabindex="0">By filter</button>
  <button role="tab" id="tab-events" aria-controls="panel-events" aria-selected="false" tabindex="-1">By event</button>
  <button role="tab" id="tab-unrouted" aria-controls="panel-unrouted" aria-selected="false" tabindex="-1">Unrouted</button>
</div>
<label class="search">Filter the list <input id="search" type="search" placeholder="event name, filter id, topic…"></label>
<section role="tabpanel" id="panel-filters" aria-labelledby="tab-filters"></section>
<section role="tabpanel" id="panel-events" aria-labelledby="tab-events" hidden></section>
<section role="tabpanel" id="panel-unrouted" aria-labelledby="tab-unrouted" hidden></section>
<script nonce="${n}" src="${script}"></script>
</body>
</html>`;
}
