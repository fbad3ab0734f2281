import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';

/**
 * TRY_CAST(text AS DECIMAL(38, 10)) compared with a literal, checked against java.math.BigDecimal (what
 * Flink's cast uses: BigDecimal syntax, HALF_UP to scale 10, NULL beyond precision 38): both the
 * generated predicates and the explaining path must agree with Java on every text. Skipped without a JDK.
 */
describe('map text cast to DECIMAL(38, 10) agrees with java.math.BigDecimal', function () {
  this.timeout(120_000);
  const hasJdk = spawnSync('javac', ['-version']).status === 0;

  it('on 2,000 numeric texts against 8 literals, with greaterThan and lessThanOrEqual', function () {
    if (!hasJdk) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decimal-java-'));
    execFileSync('javac', ['-d', dir, path.join(__dirname, 'DecCmp.java')]);
    const literals = [
      '100000',
      '0',
      '-5',
      '99999.99999999995',
      '100000.0000000001',
      '0.00000000005',
      '10000000000000000000000000000',
      '9999999999999999999999999999.9999999999',
    ];
    const filters = literals.flatMap((l, i) =>
      (['greaterThan', 'lessThanOrEqual'] as const).map(
        (op) =>
          `  - { id: f${i}-${op}, name: f, consumerId: c, outputTopic: t${i}-${op}, conditions: [{ field: "eventBody.entities[].updatedAttributes.x", operator: ${op}, value: ${l} }] }`,
      ),
    );
    const schemaFile = path.resolve(__dirname, '../../../examples/cdc-streaming/schemas/raw-event.avsc');
    const { bound, problems } = bindFilters(
      parseFilters(`filters:\n${filters.join('\n')}\n`),
      loadAvroSchema(fs.readFileSync(schemaFile, 'utf8')),
    );
    assert.deepStrictEqual(
      problems.filter((p) => p.severity === 'error'),
      [],
    );
    const router = compileRouting(bound);
    let seed = 99;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
    const digits = (n: number) => Array.from({ length: n }, () => pick(['0', '1', '5', '9', '4', '0'])).join('');
    const texts = [
      '100000.00000000005',
      '100000.00000000004999',
      '99999.99999999995',
      '-0.00000000005',
      '.',
      '-',
      '',
      'e5',
      '1e',
      '5.',
      '.5',
      '0e-999',
      '1e28',
      '9999999999999999999999999999.99999999995',
    ];
    while (texts.length < 2000) {
      const exp = rnd() < 0.15 ? pick(['e', 'E']) + pick(['', '-', '+']) + String(Math.floor(rnd() * 40)) : '';
      texts.push(
        pick(['', '', '-', '+']) +
          digits(Math.floor(rnd() * 31)) +
          (rnd() < 0.6 ? '.' + digits(Math.floor(rnd() * 14)) : '') +
          exp,
      );
    }
    const rows = texts.flatMap((t) => literals.map((l) => `${t}\t${l}\t38\t10`));
    const java = execFileSync('java', ['-cp', dir, 'DecCmp'], { input: rows.join('\n') + '\n', maxBuffer: 1e8 })
      .toString()
      .trim()
      .split('\n');
    const wrong: string[] = [];
    texts.forEach((t, ti) => {
      const event = { eventBody: { entities: [{ entityType: 'Loan', entityId: 'l', updatedAttributes: { x: t } }] } };
      literals.forEach((l, li) => {
        const c = java[ti * literals.length + li];
        for (const f of router.filters.filter((x) => x.filter.id.startsWith(`f${li}-`))) {
          const expected = c !== 'N' && (f.filter.id.endsWith('greaterThan') ? c === '1' : c !== '1');
          const fast = f.matches(event, 0);
          const explained = f.explainMiss(event, 0) === undefined;
          if (fast !== expected || explained !== expected)
            wrong.push(
              `${JSON.stringify(t)} ${f.filter.id.split('-')[1]} ${l}: Java ${expected}, fast ${fast}, explained ${explained}`,
            );
        }
      });
    });
    assert.deepStrictEqual(wrong.slice(0, 10), []);
  });
});
