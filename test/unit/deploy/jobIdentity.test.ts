import { strict as assert } from 'assert';
import { flinkJobName, parseFlinkJobName } from '../../../server/src/deploy/jobIdentity';
import { cloudStatementName, parseCloudStatementName } from '../../../server/src/deploy/targets/confluentCloudTarget';

const HASH = '0123456789abcdef'.repeat(4);

describe('deploy: how a routing job is named and recognised', () => {
  it('a Flink job carries its source topic, filters file and hash, and reads back', () => {
    assert.equal(
      flinkJobName('raw-business-events', 'filters-examples.yaml', HASH),
      'cdc-routing raw-business-events filters-examples 0123456789abcdef',
    );
    assert.deepEqual(parseFlinkJobName('cdc-routing raw-business-events filters-examples 0123456789abcdef'), {
      sourceTopic: 'raw-business-events',
      file: 'filters-examples',
      hash16: '0123456789abcdef',
    });
    // a path and an odd file name give one token
    assert.equal(flinkJobName('t', 'flink-jobs/loan rules.yml', HASH), 'cdc-routing t loan_rules 0123456789abcdef');
    assert.deepEqual(parseFlinkJobName(flinkJobName('t', 'flink-jobs/loan rules.yml', HASH)), {
      sourceTopic: 't',
      file: 'loan_rules',
      hash16: '0123456789abcdef',
    });
  });

  it("names from before the file was in them are still ours, with no file; anyone else's job is not", () => {
    assert.deepEqual(parseFlinkJobName('cdc-routing raw-business-events 0123456789abcdef'), {
      sourceTopic: 'raw-business-events',
      hash16: '0123456789abcdef',
    });
    assert.equal(parseFlinkJobName('my own job'), undefined);
    assert.equal(parseFlinkJobName('cdc-routing raw-business-events not-a-hash'), undefined);
  });

  it('a Confluent Cloud statement spells the same facts in [a-z0-9-], at most 100 characters, and reads back', () => {
    const name = cloudStatementName('Raw.Business_Events', 'filters-examples.yaml', HASH);
    assert.equal(name, 'cdc-routing-raw-business-events--filters-examples-0123456789abcdef');
    assert.deepEqual(parseCloudStatementName(name), {
      topicPart: 'raw-business-events',
      file: 'filters-examples',
      hash16: '0123456789abcdef',
    });
    const long = cloudStatementName('t'.repeat(200), `${'f-'.repeat(40)}.yaml`, HASH);
    assert.ok(long.length <= 100 && /^[a-z0-9-]+$/.test(long), long);
    assert.equal(parseCloudStatementName(long)?.hash16, '0123456789abcdef');
    assert.deepEqual(parseCloudStatementName('cdc-routing-raw-business-events-0123456789abcdef'), {
      topicPart: 'raw-business-events',
      hash16: '0123456789abcdef',
    });
  });
});
