import * as assert from 'assert';
import { connectErrorMessage } from '../../../server/src/platform/connect/connectRestClient';
import { flinkErrorMessage } from '../../../server/src/platform/flink/flinkErrorText';
import { createHttpService, displayUrl } from '../../../server/src/platform/http/httpService';
import type { PlatformError } from '../../../server/src/platform/platformError';
import { closedPort, json, startLocalServer, type LocalServer } from './localHttpServer';
import { expectPlatformError } from './expectPlatformError';

const PASSWORD = 'Tr0ub4dor&3';

function assertNoSecret(err: PlatformError): void {
  const all = [err.message, err.what, err.where, err.why, err.hint ?? ''].join('\n');
  assert.ok(!all.includes(PASSWORD), `secret leaked: ${all}`);
  assert.ok(!all.includes(Buffer.from(`admin:${PASSWORD}`).toString('base64')), `auth token leaked: ${all}`);
  assert.ok(!/\n\s+at /.test(all), `stack trace in: ${all}`);
}

describe('the HTTP request helper turns failures into PlatformErrors', () => {
  let server: LocalServer;
  afterEach(async () => server?.close());

  it('connection refused names the URL and says what to check, without the password', async () => {
    const url = `http://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:${await closedPort()}`;
    const http = createHttpService({
      service: 'connect',
      baseUrl: url,
      auth: { username: 'admin', password: PASSWORD },
      errorMessage: connectErrorMessage,
    });
    const err = await expectPlatformError(
      http.request({ what: 'list connectors', method: 'GET', path: '/connectors' }),
    );
    assert.strictEqual(err.why, 'connection refused');
    assert.match(err.where, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(
      err.message,
      /^list connectors failed at http:\/\/127\.0\.0\.1:\d+: connection refused — is the service running\? check the profile's URL$/,
    );
    assertNoSecret(err);
  });

  it('a service that does not answer in time is a timeout, not a hang', async () => {
    server = await startLocalServer(() => undefined);
    const http = createHttpService({
      service: 'flink',
      baseUrl: server.url,
      timeoutMs: 300,
      errorMessage: flinkErrorMessage,
    });
    const started = Date.now();
    const err = await expectPlatformError(
      http.request({ what: 'list Flink jobs', method: 'GET', path: '/jobs/overview' }),
    );
    assert.strictEqual(err.why, 'no answer within 300 ms');
    assert.ok(Date.now() - started < 5_000);
  });

  it('an unknown host is said so', async () => {
    const http = createHttpService({
      service: 'connect',
      baseUrl: 'http://no-such-host.invalid:8083',
      errorMessage: connectErrorMessage,
    });
    const err = await expectPlatformError(
      http.request({ what: 'list connectors', method: 'GET', path: '/connectors' }),
    );
    assert.strictEqual(err.why, 'host name not found');
  });

  it("an HTTP error carries the service's own message, redacted, with the status", async () => {
    server = await startLocalServer((_req, res) =>
      json(res, 400, { error_code: 400, message: `Connector config contains password ${PASSWORD}, which is wrong` }),
    );
    const http = createHttpService({
      service: 'connect',
      baseUrl: server.url,
      auth: { username: 'admin', password: PASSWORD },
      errorMessage: connectErrorMessage,
    });
    const err = await expectPlatformError(
      http.request({ what: 'create connector x', method: 'PUT', path: '/connectors/x/config', body: {} }),
    );
    assert.strictEqual(err.status, 400);
    assert.strictEqual(err.why, 'Connector config contains password ****, which is wrong');
    assert.ok(server.received[0].headers.authorization?.startsWith('Basic '), 'basic auth was sent');
    assertNoSecret(err);
  });

  it("Flink's errors[] are reduced to the root cause", async () => {
    const trace =
      'org.apache.flink.runtime.rest.NotFoundException: Job 42 not found\n\tat a.b.C(C.java:1)\nCaused by: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (42)\n\tat a.b.D(D.java:2)\n';
    server = await startLocalServer((_req, res) => json(res, 404, { errors: [trace] }));
    const http = createHttpService({ service: 'flink', baseUrl: server.url, errorMessage: flinkErrorMessage });
    const err = await expectPlatformError(http.request({ what: 'read Flink job 42', method: 'GET', path: '/jobs/42' }));
    assert.strictEqual(err.why, 'Could not find Flink job (42)');
    assert.strictEqual(err.status, 404);
    assertNoSecret(err);
  });

  it('401 says to check the user and the secret; an HTML error page is not dumped', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/html' });
      res.end('<html><body>Unauthorized</body></html>');
    });
    const http = createHttpService({
      service: 'schemaRegistry',
      baseUrl: server.url,
      auth: { username: 'admin', password: PASSWORD },
      errorMessage: () => undefined,
    });
    const err = await expectPlatformError(
      http.request({ what: 'list schema subjects', method: 'GET', path: '/subjects' }),
    );
    assert.strictEqual(err.why, 'HTTP 401 Unauthorized');
    assert.match(err.hint ?? '', /secret/);
    assertNoSecret(err);
  });

  it('statuses the caller accepts come back as responses', async () => {
    server = await startLocalServer((_req, res) => json(res, 404, { error_code: 40401, message: 'Subject not found' }));
    const http = createHttpService({ service: 'schemaRegistry', baseUrl: server.url, errorMessage: () => undefined });
    const res = await http.request({ what: 'read', method: 'GET', path: '/subjects/x/versions/latest', accept: [404] });
    assert.strictEqual(res.status, 404);
  });

  it('displayUrl drops credentials and the trailing slash', () => {
    assert.strictEqual(displayUrl('https://u:p@host:8081/apis/ccompat/v7/'), 'https://host:8081/apis/ccompat/v7');
  });
});
