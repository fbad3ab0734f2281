import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';
import { loadSemanticCases } from '../../cases/loadSemanticCases';

describe('routing semantics (test/cases/semantics.yaml)', () => {
  const cases = loadSemanticCases();
  const schema = loadAvroSchema(fs.readFileSync(cases.schemaFile, 'utf8'), cases.schemaFile);
  const dir = path.join(__dirname, '../../cases');
  const doc = parseFilters(cases.filtersYaml(dir));
  const { bound, problems } = bindFilters(doc, schema);

  it('every case binds without errors', () => {
    assert.deepStrictEqual(
      problems.filter((p) => p.severity === 'error').map((p) => p.message),
      [],
    );
    assert.strictEqual(bound.filters.length, cases.cases.length);
  });

  const router = compileRouting(bound, { now: () => cases.now });
  for (const c of cases.cases) {
    describe(c.name, () => {
      const compiled = router.filters.find((f) => f.filter.id === c.filterId)!;
      c.events.forEach((e, i) => {
        it(`event ${i + 1}${e.note ? ` (${e.note})` : ''} ${e.matches ? 'matches' : 'does not match'}`, () => {
          assert.strictEqual(compiled.matches(e.event, cases.now), e.matches, JSON.stringify(e.event));
          const miss = compiled.explainMiss(e.event, cases.now);
          assert.strictEqual(miss === undefined, e.matches, miss?.reason);
          if (miss) assert.ok(miss.reason.length > 0);
        });
      });
    });
  }
});
