/**
 * The routing preview's page: a shell that media/routingPreview.js fills from the messages it receives.
 * Free of the vscode module, so a test can check the page itself.
 */
import { htmlEscape as esc, webviewPageHead } from '../webviewPage';

export interface RoutingPreviewAssets {
  cspSource: string;
  nonce: string;
  style: string;
  /** media/dom.js, the DOM helpers the webviews share. */
  dom: string;
  script: string;
}

export function routingPreviewPage(assets: RoutingPreviewAssets, title: string): string {
  const n = assets.nonce;
  return `${webviewPageHead({ cspSource: assets.cspSource, nonce: n, style: assets.style, title })}
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
<script nonce="${n}" src="${assets.dom}"></script>
<script nonce="${n}" src="${assets.script}"></script>
</body>
</html>`;
}
