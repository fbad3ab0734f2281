// DOM building shared by the extension's webviews (loaded before each page's own script, under its nonce).
// el(tag, attrs, children): attrs `text` sets textContent, `on<event>` adds a listener, `true` sets an empty
// attribute, null/undefined/false leave it out; children are nodes or strings, null/undefined/false skipped.
(function () {
  'use strict';
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children || []) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  }
  window.cdcDom = { el };
})();
