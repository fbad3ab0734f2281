/**
 * The message viewer's page: controls, histogram and the list shell that media/messageViewer/*.js fills.
 * Free of the vscode module, so a test can load the same page in a browser.
 */
import { htmlEscape as esc, webviewPageHead } from '../webviewPage';

export interface PageAssets {
  /** The webview's CSP source (webview.cspSource). */
  cspSource: string;
  /** A fresh random nonce per page: only scripts carrying it run. */
  nonce: string;
  style: string;
  /** media/dom.js, the DOM helpers the webviews share. */
  dom: string;
  model: string;
  script: string;
}

export function messageViewerPage(assets: PageAssets, topic: string): string {
  const n = assets.nonce;
  return `${webviewPageHead({ cspSource: assets.cspSource, nonce: n, style: assets.style, title: `Tail ${topic}` })}
<body>
<header>
  <h1 id="title">${esc(topic)}</h1>
  <p id="status" role="status" aria-live="polite">Starting…</p>
  <div id="error" role="alert" hidden></div>
</header>
<div class="toolbar" role="toolbar" aria-label="Tail">
  <label>Start from
    <select id="start-kind">
      <option value="latest">latest</option>
      <option value="beginning">beginning</option>
      <option value="timestamp">a time</option>
      <option value="offset">an offset</option>
    </select>
  </label>
  <label id="start-time-label" hidden>time <input id="start-time" type="datetime-local" step="1"></label>
  <label id="start-offset-label" hidden>offset <input id="start-offset" type="number" min="0" step="1"></label>
  <button id="restart" title="Clear the list and tail again from the chosen start">Restart</button>
  <button id="pause" aria-pressed="false">Pause</button>
  <button id="clear" title="Clear the list (the tail goes on)">Clear</button>
  <span id="start-error" class="inline-error" role="alert" hidden></span>
</div>
<div class="toolbar" role="search">
  <label>Search <input id="search" type="search" placeholder="text in keys, values, headers" aria-describedby="search-error" aria-invalid="false"></label>
  <label><input id="regex" type="checkbox"> Regex</label>
  <label>in
    <select id="scope">
      <option value="all">keys, values, headers</option>
      <option value="key">keys</option>
      <option value="value">values</option>
      <option value="headers">headers</option>
    </select>
  </label>
  <span id="search-error" class="inline-error" role="alert" hidden></span>
</div>
<fieldset class="toolbar"><legend>Partitions</legend><span id="partitions"></span></fieldset>
<figure class="histogram-box">
  <div id="histogram" aria-hidden="true"></div>
  <figcaption id="histogram-range" class="muted"></figcaption>
</figure>
<div class="row head" aria-hidden="true">
  <span class="cell time">Timestamp</span><span class="cell partition">Part.</span><span class="cell offset">Offset</span><span class="cell key">Key</span><span class="cell value">Value</span><span class="cell routes" id="routes-head">Routed by</span><span class="cell headers">Headers</span>
</div>
<div id="list" role="grid" aria-label="Messages, newest first (arrow keys select, details below)" tabindex="0">
  <div id="sizer"></div>
  <p id="empty" class="muted">Waiting for messages…</p>
</div>
<section id="details" aria-label="Selected message" hidden></section>
<script nonce="${n}" src="${assets.dom}"></script>
<script nonce="${n}" src="${assets.model}"></script>
<script nonce="${n}" src="${assets.script}"></script>
</body>
</html>`;
}
