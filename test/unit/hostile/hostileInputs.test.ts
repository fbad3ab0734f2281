import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CASES } from './hostileCases';
import { makeWorkspace, runGuarded } from './guardedCli';

/**
 * Malformed and hostile filters files, one kind per row, each through `validate` and `generate` under the time
 * and heap guards of guardedCli.ts: a located error that says what is wrong in the user's terms (`at` is the text
 * the error's line holds, `said` its words), or a clean accept — never a crash, a hang or a raw JS message.
 */
describe('hostile and broken filters files (validate, generate)', function () {
  this.timeout(120_000);
  let ws: string;
  before(() => (ws = makeWorkspace()));
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  CASES.forEach((c, i) => {
    it(c.kind, () => {
      const name = `case-${i}.yaml`;
      const text = typeof c.text === 'string' ? c.text : c.text(ws);
      fs.writeFileSync(path.join(ws, name), text);
      // the not-UTF-8 case validates its own bytes file
      const file = c.kind === 'filters file not UTF-8' ? 'bytes.yaml' : name;
      for (const command of ['validate', 'generate']) {
        const args = command === 'generate' ? [command, file, '--output', `${name}.sql`] : [command, file];
        const r = runGuarded(args, ws);
        const out = r.stdout + r.stderr;
        if (c.accept) {
          assert.strictEqual(r.code, 0, `${command}: ${out}`);
          continue;
        }
        assert.notStrictEqual(r.code, 0, `${command} accepted it:\n${out}`);
        if (c.at === '') {
          assert.match(out, c.said!);
          continue;
        }
        const line = text.split('\n').findIndex((l) => l.includes(c.at!)) + 1;
        assert.ok(line > 0, `"${c.at}" not in the file`);
        assert.match(
          out,
          new RegExp(`^${name.replace('.', '\\.')}:${line}:\\d+ error .*${c.said!.source}`, 'm'),
          `${command}:\n${out}`,
        );
      }
    });
  });

  it(`covers ${CASES.length} kinds`, () => assert.ok(CASES.length >= 66));
});
