import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import type { Analysis } from '../../../server/src/lsp/analysis';
import { sqlPreviewFor } from '../../../server/src/lsp/sqlPreviewFeature';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { EXAMPLE, exampleSchema } from '../sql/sqlFixture';

describe('LSP: the SQL preview response', () => {
  const file = path.join(EXAMPLE, 'flink-jobs/filters.yaml');
  const analysisOf = (text: string, withSchema = true): Analysis => {
    const doc = parseFilters(text);
    const schema = withSchema ? exampleSchema() : undefined;
    const { bound, problems } = bindFilters(doc, schema);
    return { uri: 'file://' + file, file, version: 1, doc, schema, bound, problems };
  };
  const text = fs.readFileSync(file, 'utf8');

  it('serves the same script as `cdc-routing generate` for the default options', () => {
    const r = sqlPreviewFor(analysisOf(text), { uri: 'file://' + file });
    assert.equal(r.sql, fs.readFileSync(path.join(EXAMPLE, 'flink-jobs/routing-generated.sql'), 'utf8'));
    assert.equal(r.filterLocations.length, 4);
    assert.deepEqual(r.refused, []);
  });

  it('locates refused filters in the filters file (Confluent Cloud and the array rule)', () => {
    const r = sqlPreviewFor(analysisOf(text), { uri: 'file://' + file, target: 'confluent-cloud' });
    assert.equal(r.refused.length, 1);
    const line = text.split('\n')[r.refused[0].filterLine];
    assert.match(line, /field: eventBody\.entities\[\]\.entityType/);
    assert.match(r.sql, /^INSERT INTO `filtered-loan-events`$/m);
  });

  it('says why there is no SQL (no analysis, no schema)', () => {
    assert.match(
      sqlPreviewFor(undefined, { uri: 'file:///x.yaml' }).sql,
      /^-- No SQL: this is not an open filters file/,
    );
    assert.match(
      sqlPreviewFor(analysisOf(text, false), { uri: 'file:///x.yaml' }).sql,
      /^-- No SQL: the Avro schema is missing/,
    );
  });
});
