import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');

/** The routing preview's webview assets: local, theme-driven, and script that parses. */
describe('routing preview assets', () => {
  const js = fs.readFileSync(path.join(root, 'media/routing-preview.js'), 'utf8');
  const css = fs.readFileSync(path.join(root, 'media/routing-preview.css'), 'utf8');
  const html = fs.readFileSync(path.join(root, 'client/src/routingPreview/previewHtml.ts'), 'utf8');

  it('the script parses and never builds HTML from strings (no innerHTML)', () => {
    assert.doesNotThrow(() => new Function(js));
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('no remote resources and only theme colours', () => {
    for (const text of [js, css, html]) assert.doesNotMatch(text, /https?:\/\//);
    assert.doesNotMatch(css, /#[0-9a-fA-F]{3,8}\b|rgb\(|url\(/);
    assert.match(css, /var\(--vscode-foreground\)/);
  });

  it('the page has a strict CSP with a nonce and keyboard-reachable tabs', () => {
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-\$\{n\}'/);
    assert.match(html, /<script nonce="\$\{n\}"/);
    assert.match(html, /role="tablist"/);
    assert.match(js, /ArrowRight/);
  });
});
