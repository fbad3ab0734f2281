import * as assert from 'assert';
import { basicAuthToken, redactSecrets, secretValues } from '../../../server/src/platform/redactSecrets';

describe('redactSecrets', () => {
  it('masks every occurrence of every secret, also URL-encoded', () => {
    const text = 'login p@ss/word! failed; retry with p%40ss%2Fword! or s3cr3t';
    const out = redactSecrets(text, ['p@ss/word!', 's3cr3t', undefined]);
    assert.strictEqual(out, 'login **** failed; retry with **** or ****');
  });

  it('masks a secret that contains another one as a whole', () => {
    assert.strictEqual(redactSecrets('key abc and abcdef', ['abc', 'abcdef']), 'key **** and ****');
  });

  it('masks the basic authorization token when given', () => {
    const token = basicAuthToken('user', 'hunter2');
    assert.strictEqual(redactSecrets(`Authorization: Basic ${token}`, ['hunter2', token]), 'Authorization: Basic ****');
  });

  it('leaves text alone when there are no secrets', () => {
    assert.strictEqual(redactSecrets('nothing to hide', []), 'nothing to hide');
    assert.deepStrictEqual(secretValues({ 'kafka.password': 'k', 'connect.password': '' }), ['k']);
  });
});
