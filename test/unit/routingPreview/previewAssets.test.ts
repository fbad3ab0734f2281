import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { routingPreviewPage } from '../../../client/src/routingPreview/routingPreviewPage';

const root = path.resolve(__dirname, '../../..');

/** The routing preview's webview assets: local, theme-driven, and script that parses. */
describe('routing preview assets', () => {
  const js = fs.readFileSync(path.join(root, 'media/routingPreview.js'), 'utf8');
  const css = fs.readFileSync(path.join(root, 'media/routingPreview.css'), 'utf8');
  const dom = fs.readFileSync(path.join(root, 'media/dom.js'), 'utf8');
  const html = routingPreviewPage(
    { cspSource: 'vscode-webview://x', nonce: 'N0nce', style: 's.css', dom: 'dom.js', script: 'p.js' },
    'Routing <preview>',
  );

  it('the script parses and never builds HTML from strings (no innerHTML)', () => {
    for (const script of [js, dom]) {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiles the page script (never runs it) to check its syntax
      assert.doesNotThrow(() => new Function(script));
      assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it('no remote resources and only theme colours', () => {
    for (const text of [js, dom, css, html]) assert.doesNotMatch(text, /https?:\/\//);
    assert.doesNotMatch(css, /#[0-9a-fA-F]{3,8}\b|rgb\(|url\(/);
    assert.match(css, /var\(--vscode-foreground\)/);
  });

  it('the page has a strict CSP with a nonce, loads only its nonce-carrying scripts, and has keyboard-reachable tabs', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-N0nce'/);
    assert.deepStrictEqual(
      [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1].trim()),
      ['nonce="N0nce" src="dom.js"', 'nonce="N0nce" src="p.js"'],
      'the shared DOM helpers load before the page script',
    );
    assert.match(html, /<title>Routing &lt;preview&gt;<\/title>/);
    assert.match(html, /role="tablist"/);
    assert.match(js, /ArrowRight/);
  });
});
