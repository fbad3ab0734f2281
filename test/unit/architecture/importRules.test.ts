import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import layers from './layers.json';

/**
 * The import rules of layers.json, checked on the import specifiers of client/src, server/src and bin/ (import,
 * export … from, require, import()) without eslint: the client reaches the server only through its protocol, the
 * server never imports vscode or the local stack, server/src's folders import only downwards, and server/src
 * and client/src have no import cycles (type-only imports included).
 */

const root = path.resolve(__dirname, '../../..');

interface Import {
  /** The importing file, relative to the repository root. */
  from: string;
  specifier: string;
  /** The imported file relative to the root, for a relative specifier that names a file. */
  to?: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function resolve(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.join(path.dirname(path.join(root, fromFile)), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  return path.relative(root, base);
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName }) => ({ from: file, specifier: fileName, to: resolve(file, fileName) }));
}

const files = ['client/src', 'server/src', 'bin'].flatMap(sourceFiles);
const imports = files.flatMap(importsOf);

function show(i: Import): string {
  return i.to && i.to !== i.specifier ? `${i.from} → ${i.specifier} (${i.to})` : `${i.from} → ${i.specifier}`;
}

function assertNone(broken: Import[], rule: string): void {
  if (broken.length === 0) return;
  assert.fail(`${broken.length} import(s) break the rule "${rule}":\n  ${broken.map(show).join('\n  ')}`);
}

/** The folder of server/src a file is in (undefined for server/src's own files and anything outside it). */
function serverFolder(file: string): string | undefined {
  return /^server\/src\/([^/]+)\//.exec(file)?.[1];
}

const domain = layers.domainLayers;
const outer = layers.outerLayers;

/** The server/src folders a folder may import from besides itself, or undefined when unrestricted. */
function allowedFolders(folder: string): Set<string> | undefined {
  const d = domain.findIndex((group) => group.includes(folder));
  if (d >= 0) return new Set(domain.slice(0, d).flat());
  const o = outer.findIndex((group) => group.includes(folder));
  if (o >= 0) return new Set([...domain.flat(), ...outer.slice(0, o).flat()]);
  return undefined;
}

/** The cycles of a graph: each strongly connected component of more than one file, or a file importing itself. */
function findCycles(edges: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || edges.get(node)?.has(node)) cycles.push(component.sort());
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

function cyclesUnder(dir: string): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!i.from.startsWith(`${dir}/`) || !i.to?.startsWith(`${dir}/`) || !files.includes(i.to)) continue;
    if (!edges.has(i.from)) edges.set(i.from, new Set());
    edges.get(i.from)!.add(i.to);
  }
  return findCycles(edges);
}

describe('import rules (test/unit/architecture/layers.json)', () => {
  it('the scan sees the sources and their imports', () => {
    assert.ok(files.includes('server/src/model/parseFilters.ts'));
    assert.ok(files.includes('client/src/extension.ts'));
    assert.ok(files.includes('bin/cdc-routing.js'));
    assert.ok(
      imports.some((i) => i.from === 'server/src/binding/bindFilters.ts' && i.to === 'server/src/model/span.ts'),
    );
    assert.ok(imports.some((i) => i.from === 'bin/cdc-routing.js' && i.specifier === '../dist/cli.js'));
  });

  it('every folder of server/src has its place in the layers', () => {
    const placed = new Set([...domain.flat(), ...outer.flat()]);
    const folders = fs
      .readdirSync(path.join(root, 'server/src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    assert.deepStrictEqual(
      folders.filter((f) => !placed.has(f)),
      [],
      'add the folder to domainLayers or outerLayers',
    );
  });

  it(`the client imports from the server only ${layers.clientMayImportFromServer}`, () => {
    assertNone(
      imports.filter(
        (i) =>
          i.from.startsWith('client/') &&
          i.to?.startsWith('server/') &&
          !i.to.startsWith(`${layers.clientMayImportFromServer}/`),
      ),
      `client → ${layers.clientMayImportFromServer} only`,
    );
  });

  it('the server and the CLI never import vscode or the local stack', () => {
    assertNone(
      imports.filter(
        (i) =>
          (i.from.startsWith('server/') || i.from.startsWith('bin/')) &&
          (/^vscode(\/|$)/.test(i.specifier) || i.to?.startsWith('stack/')),
      ),
      'server never → vscode or stack/',
    );
  });

  it('the folders of server/src import only downwards (the domain never imports lsp, cli, deploy or platform)', () => {
    assertNone(
      imports.filter((i) => {
        const from = serverFolder(i.from);
        const to = i.to && serverFolder(i.to);
        if (!from || !to || from === to) return false;
        const allowed = allowedFolders(from);
        return allowed !== undefined && !allowed.has(to);
      }),
      `layers: ${domain.map((g) => g.join(', ')).join(' ← ')} ← ${outer.map((g) => g.join(', ')).join(' ← ')}`,
    );
  });

  for (const dir of ['server/src', 'client/src']) {
    it(`${dir} has no import cycles`, () => {
      const cycles = cyclesUnder(dir);
      assert.deepStrictEqual(
        cycles,
        [],
        `${cycles.length} cycle(s):\n  ${cycles.map((c) => c.join(' ⇄ ')).join('\n  ')}`,
      );
    });
  }

  it('the cycle finder finds a cycle of three and a self-import, and nothing in a chain', () => {
    const graph = (pairs: string[]) => {
      const edges = new Map<string, Set<string>>();
      for (const pair of pairs) {
        const [a, b] = pair.split('>');
        if (!edges.has(a)) edges.set(a, new Set());
        edges.get(a)!.add(b);
      }
      return edges;
    };
    assert.deepStrictEqual(findCycles(graph(['a>b', 'b>c', 'c>a', 'c>d', 'e>e'])), [['a', 'b', 'c'], ['e']]);
    assert.deepStrictEqual(findCycles(graph(['a>b', 'b>c', 'a>c'])), []);
  });
});
