import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { copyWorkspace, fileUri, positionOf, REPO } from './lspSession';

/**
 * A real editor that is not VS Code: Neovim's built-in LSP client, headless, on a filters file named routes.yaml.
 * neovimProbe.lua starts the bundled server over stdio as any user's `vim.lsp` config would, and writes what the
 * client received (diagnostics, completion, hover, definition) to a JSON file read here.
 */
describe("Neovim's built-in LSP client on routes.yaml", function () {
  this.timeout(60000);
  let ws: string | undefined;
  after(() => ws && fs.rmSync(ws, { recursive: true, force: true }));

  it('gets diagnostics, completion, hover and definition', async function () {
    if (spawnSync('nvim', ['--version']).error) {
      const install = 'apt-get install -y --no-install-recommends neovim (or: bash test/setup/debianPackages.sh test)';
      if (process.getuid?.() === 0) assert.fail(`nvim is missing; as root it can be installed: ${install}`);
      console.log(`      skipped: nvim is not installed and this user cannot install it; run: sudo ${install}`);
      this.skip();
    }
    ws = copyWorkspace(path.join(REPO, 'examples/cdc-streaming'));
    const original = fs.readFileSync(path.join(ws, 'flink-jobs/filters.yaml'), 'utf8');
    const text = original.replace('field: eventHeader.eventName', 'field: eventHeader.evntName');
    const file = path.join(ws, 'flink-jobs/routes.yaml');
    fs.writeFileSync(file, text);
    const out = path.join(ws, 'neovim-result.json');
    const probe = path.join(ws, 'neovim-probe.json');
    fs.writeFileSync(
      probe,
      JSON.stringify({
        cmd: [process.execPath, path.join(REPO, 'dist/server.js'), '--stdio'],
        root: ws,
        file,
        out,
        completion: positionOf(text, 'operator: greaterThan', 'operator: '.length),
        hover: positionOf(text, 'eventHeader.eventName', 'eventHeader.'.length + 2),
        definition: positionOf(text, 'eventHeader.eventName', 'eventHeader.'.length + 3),
      }),
    );
    const nvim = spawn('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(__dirname, 'neovimProbe.lua')}`], {
      env: { ...process.env, CDC_NVIM_PROBE: probe },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    nvim.stdout.on('data', (d) => (log += d));
    nvim.stderr.on('data', (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => nvim.kill(), 50000);
      nvim.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    assert.ok(fs.existsSync(out), `nvim (exit ${code}) wrote no result: ${log}`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      errors: string[];
      diagnostics: { message: string; line: number; character: number; severity: number }[];
      completionLabels: string[];
      hover: { kind: string; value: string } | null;
      definition: { uri: string; range: { start: { line: number } } } | null;
    };
    assert.deepStrictEqual(result.errors, [], 'no request failed');

    const misspelled = positionOf(text, 'eventHeader.evntName');
    const error = result.diagnostics.find((d) => /evntName/.test(d.message));
    assert.ok(error, `a diagnostic on the unknown field: ${JSON.stringify(result.diagnostics)}`);
    assert.deepStrictEqual([error.line, error.severity], [misspelled.line, 1], 'an error on its line');
    assert.match(error.message, /Did you mean "eventHeader\.eventName"\?/);

    for (const op of ['greaterThan', 'lessThan', 'in'])
      assert.ok(result.completionLabels.includes(op), `completion offers ${op}: ${result.completionLabels.join(', ')}`);
    assert.match(result.hover?.value ?? '', /\*\*eventHeader\.eventName\*\* — `string`/);
    assert.strictEqual(result.definition?.uri, fileUri(path.join(ws, 'schemas/raw-event.avsc')));
  });
});
