import { strict as assert } from 'assert';
import { releaseOf } from '../../../../server/src/platform/kafka/brokerVersion';

describe("Kafka release from the broker's inter.broker.protocol.version", () => {
  it('reads the release out of a metadata version', () => {
    assert.equal(releaseOf('3.8-IV0'), '3.8');
    assert.equal(releaseOf('3.7-IV4'), '3.7');
    assert.equal(releaseOf('2.8'), '2.8');
    assert.equal(releaseOf('0.10.2-IV0'), '0.10');
  });

  it('says nothing rather than guess when the setting is absent or not a version', () => {
    assert.equal(releaseOf(undefined), undefined);
    assert.equal(releaseOf(null), undefined);
    assert.equal(releaseOf(''), undefined);
    assert.equal(releaseOf('latest'), undefined);
  });
});
