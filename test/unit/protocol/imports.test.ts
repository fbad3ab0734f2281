import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../../..');
const PROTOCOL = path.join(REPO, 'server/src/protocol');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}

/** Every module a file imports: import/export … from, side-effect imports, import() and require(). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]));
}

const inside = (file: string, dir: string) => !path.relative(dir, file).startsWith('..');

describe('the client ↔ server boundary', () => {
  it('client/src imports nothing from server/ but server/src/protocol/, and no server library', () => {
    const wrong: string[] = [];
    let protocolImports = 0;
    for (const file of sourceFiles(path.join(REPO, 'client/src'))) {
      for (const spec of importsOf(file)) {
        const where = `${path.relative(REPO, file)}: ${spec}`;
        if (/^vscode-languageserver(\/|$)/.test(spec)) wrong.push(where);
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (inside(target, PROTOCOL)) protocolImports++;
        else if (inside(target, path.join(REPO, 'server'))) wrong.push(where);
      }
    }
    assert.deepStrictEqual(wrong, []);
    assert.ok(protocolImports > 10, 'the scan finds the client imports of the protocol');
  });

  it('server/src/protocol imports only vscode-jsonrpc and its own files', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(PROTOCOL)) {
      for (const spec of importsOf(file)) {
        const ok =
          spec === 'vscode-jsonrpc' ||
          (spec.startsWith('.') && inside(path.resolve(path.dirname(file), spec), PROTOCOL));
        if (!ok) wrong.push(`${path.relative(REPO, file)}: ${spec}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });
});
