import * as assert from 'assert';
import { connectErrorMessage } from '../../../server/src/platform/connect/connectRestClient';
import { createHttpService } from '../../../server/src/platform/http/httpService';
import { PlatformError } from '../../../server/src/platform/platformError';
import { resolveProfiles } from '../../../server/src/platform/profileSettings';
import { maskUrlCredentials, redactSecrets } from '../../../server/src/platform/redactSecrets';
import { expectPlatformError } from '../platform/expectPlatformError';
import { startLocalServer, type LocalServer } from '../platform/localHttpServer';

const PASSWORD = 's3cr3t-in-url';

describe('credentials in URLs', () => {
  let server: LocalServer | undefined;
  afterEach(async () => server?.close());

  it('a profile with a password in a URL is refused like a password key, without the password in the message', () => {
    const { profiles, problems } = resolveProfiles(
      [
        { name: 'leaky', connect: { url: `http://alice:${PASSWORD}@host:8083` } },
        { name: 'userOnly', connect: { url: 'http://alice@host:8083' } },
      ],
      {},
    );
    assert.deepStrictEqual(profiles.map((p) => p.name).sort(), ['local', 'userOnly']);
    assert.strictEqual(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0],
      /^cdcRouting\.profiles\[0\] \("leaky"\): \/connect\/url \(a password in the URL\) — secrets belong in SecretStorage .*; the profile was not loaded$/,
    );
    assert.ok(!problems[0].includes(PASSWORD));
  });

  it('masks the password of any URL in a message, known secret or not', () => {
    assert.strictEqual(
      maskUrlCredentials(`GET http://alice:${PASSWORD}@host:8083/connectors and https://u:p%40ss@x/y failed`),
      'GET http://alice:****@host:8083/connectors and https://u:****@x/y failed',
    );
    assert.strictEqual(redactSecrets(`at sasl://bob:${PASSWORD}@b:9092`, []), 'at sasl://bob:****@b:9092');
    assert.strictEqual(maskUrlCredentials('http://alice@host and a:b@c'), 'http://alice@host and a:b@c');
    const err = new PlatformError('connect', 'list', `http://a:${PASSWORD}@h`, `echo http://a:${PASSWORD}@h`);
    assert.ok(![err.message, err.where, err.why].join().includes(PASSWORD), err.message);
  });

  it('a server that echoes the URL with its password shows it masked', async () => {
    server = await startLocalServer((req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error_code: 500, message: `cannot reach http://alice:${PASSWORD}@upstream:8083${req.url}` }),
      );
    });
    const http = createHttpService({ service: 'connect', baseUrl: server.url, errorMessage: connectErrorMessage });
    const err = await expectPlatformError(
      http.request({ what: 'list connectors', method: 'GET', path: '/connectors' }),
    );
    assert.match(err.message, /http:\/\/alice:\*\*\*\*@upstream:8083\/connectors/);
    assert.ok(![err.message, err.where, err.why].join().includes(PASSWORD), err.message);
  });
});
