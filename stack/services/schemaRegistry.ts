import * as fs from 'fs';
import * as path from 'path';
import { ensureJars } from '../jarCache';
import { spawnService } from '../processes';
import type { ServiceContext, StackService } from '../service';
import { waitUntilServing } from '../startup';

const NAME = 'schema-registry';

/** Apicurio Registry's Confluent-compatible API: what Confluent serializers and Flink's avro-confluent format call. */
function ccompatUrl(ctx: ServiceContext): string {
  return `http://${ctx.config.host}:${ctx.config.ports.schemaRegistry}/apis/ccompat/v7`;
}

async function subjects(ctx: ServiceContext): Promise<string[]> {
  const res = await fetch(`${ccompatUrl(ctx)}/subjects`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${ccompatUrl(ctx)}/subjects answered ${res.status}`);
  return (await res.json()) as string[];
}

export const schemaRegistryService: StackService = {
  name: NAME,
  stopSignal: 'SIGTERM',
  ports: (ctx) => [ctx.config.ports.schemaRegistry],

  async start(ctx) {
    const { config, layout } = ctx;
    const appDir = await ensureJars(config, 'schema-registry', layout.logFile('maven'));
    const runner = fs.readdirSync(appDir).find((f) => f.endsWith('-runner.jar'));
    if (!runner) throw new Error(`no *-runner.jar in ${appDir}: delete that folder so the next start fetches it again`);
    const tmpDir = path.join(layout.serviceData(NAME), 'tmp');
    fs.mkdirSync(tmpDir, { recursive: true });
    const record = spawnService({
      service: NAME,
      command: config.javaBin,
      args: [
        '-Xms32m',
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-Djava.awt.headless=true',
        `-Djava.io.tmpdir=${tmpDir}`,
        `-Dquarkus.http.host=${config.host}`,
        `-Dquarkus.http.port=${config.ports.schemaRegistry}`,
        // in-memory (H2) storage: schemas last as long as the process, like the rest of a development stack's state
        '-jar',
        path.join(appDir, runner),
      ],
      cwd: layout.serviceData(NAME),
      logFile: layout.logFile(NAME),
      pidFile: layout.pidFile(NAME),
    });
    await waitUntilServing(NAME, record, layout.logFile(NAME), async () => Array.isArray(await subjects(ctx)), 120_000);
  },

  async probe(ctx) {
    try {
      const list = await subjects(ctx);
      return { ok: true, detail: `Apicurio Registry (Confluent API ${ccompatUrl(ctx)}), ${list.length} subjects` };
    } catch (err) {
      return { ok: false, detail: `no answer from ${ccompatUrl(ctx)}: ${(err as Error).message}` };
    }
  },
};
