// A deploy failure names its true cause on the real stack: the SQL Gateway going away in the middle of a deploy
// is "could not be reached", not "Flink rejected the SQL". (Which exception means what is unit-tested on
// recorded REST bodies: test/unit/platform/jobFailureCause.test.ts.)
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { createPlatform } from '../../server/src/platform/createPlatform';
import { localProfile } from '../../server/src/platform/localProfile';
import type { Platform } from '../../server/src/platform/platform';
import { cli } from './cliRun';
import { exampleWorkspace, FILTERS, writeProfiles } from './deployWorkspace';
import { useStack } from './sharedStack';

/**
 * An HTTP proxy to the SQL Gateway that goes down (stops listening, drops its connections) once it has answered
 * the first EXPLAIN: from then on every call is refused, as when the gateway's process dies mid-deploy.
 */
function dyingGatewayProxy(target: URL): Promise<{ url: string; died: () => boolean; close: () => void }> {
  const sockets = new Set<Socket>();
  let dead = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.on('end', () => {
            if (req.method === 'POST' && /\/statements$/.test(req.url ?? '') && isExplain(body)) {
              dead = true;
              server.close();
              setImmediate(() => sockets.forEach((s) => s.destroy()));
            }
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        died: () => dead,
        close: () => {
          server.close();
          sockets.forEach((s) => s.destroy());
        },
      });
    }),
  );
}

/** Whether a POST body of the gateway's statements API holds an EXPLAIN (`{"statement": "…"}`). */
function isExplain(body: Buffer): boolean {
  try {
    return /^\s*EXPLAIN\b/.test((JSON.parse(String(body)) as { statement?: string }).statement ?? '');
  } catch {
    return false;
  }
}

describe('deploy failures name their true cause (local stack, real CLI)', function () {
  const run = `dc${Date.now().toString(36)}`;
  const sourceTopic = `${run}-raw`;
  let ws: string;
  let platform: Platform;

  before(async function () {
    this.timeout(600_000);
    await useStack();
    ws = exampleWorkspace(run, sourceTopic);
    platform = createPlatform(localProfile(), {});
    await platform.kafka!.createTopics([{ name: sourceTopic, partitions: 1, replicationFactor: 1 }]);
  });

  after(async function () {
    this.timeout(120_000);
    if (!platform) return;
    const ours = (await platform.flink!.listJobs().catch(() => [])).filter(
      (j) => j.name.startsWith(`cdc-routing ${sourceTopic} `) && j.state === 'RUNNING',
    );
    for (const j of ours) await platform.flink!.cancel(j.id).catch(() => undefined);
    await platform.close();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('the SQL Gateway going down mid-deploy: "could not be reached", connection refused, nothing submitted, exit 1', async function () {
    this.timeout(180_000);
    const local = localProfile();
    const proxy = await dyingGatewayProxy(new URL(local.flink!.sqlGatewayUrl!));
    try {
      const profiles = writeProfiles(ws, [
        { ...local, name: 'proxied', flink: { ...local.flink, sqlGatewayUrl: proxy.url } },
      ]);
      const r = await cli(['deploy', ws, '--yes', '--profile', 'proxied', '--profiles-file', profiles], ws);
      const out = r.stdout + r.stderr;
      assert.ok(proxy.died(), `the proxy saw no EXPLAIN:\n${out}`);
      assert.equal(r.code, 1, out);
      assert.doesNotMatch(out, /rejected/i);
      assert.match(
        out,
        new RegExp(
          `the Flink SQL Gateway at ${proxy.url.replace(/\./g, '\\.')} could not be reached while running "EXPLAIN STATEMENT SET BEGIN" for ${FILTERS}: (connection refused|the connection was closed before an answer came) \\(nothing was submitted and no job was touched\\)`,
        ),
      );
      const jobs = (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${sourceTopic} `));
      assert.deepEqual(jobs, [], 'no job was submitted');
    } finally {
      proxy.close();
    }
  });
});
