import * as fs from 'fs';
import * as path from 'path';
import { classpathOf, ensureJars } from '../jarCache';
import { spawnService } from '../processes';
import type { ServiceContext, StackService } from '../service';
import { waitUntilServing } from '../startup';
import { writeRendered } from '../templates';
import { GiveUp, waitFor } from '../waitFor';
import { kafkaLog4j } from './kafka';
import { httpJson as http } from '../httpJson';

const NAME = 'connect';
const DEBEZIUM_CONNECTOR = 'io.debezium.connector.postgresql.PostgresConnector';

export interface ConnectorFile {
  name: string;
  config: Record<string, string>;
}

function connectUrl(ctx: ServiceContext): string {
  return `http://${ctx.config.host}:${ctx.config.ports.connect}`;
}

/** The example's connector file: the one a user would register against their own Connect. */
function exampleConnectorFile(ctx: ServiceContext): string {
  return path.join(ctx.config.repoDir, 'examples', 'cdc-streaming', 'connectors', 'postgres-source-connector.json');
}

/** The example connector, pointed at the stack's PostgreSQL (the file itself names the Docker Compose host). */
export function localConnector(ctx: ServiceContext): ConnectorFile {
  const connector = JSON.parse(fs.readFileSync(exampleConnectorFile(ctx), 'utf8')) as ConnectorFile;
  const { config } = ctx;
  return {
    name: connector.name,
    config: {
      ...connector.config,
      'database.hostname': config.host,
      'database.port': String(config.ports.postgres),
      'database.user': config.database.user,
      'database.dbname': config.database.name,
    },
  };
}

interface ConnectorStatus {
  connector: { state: string; trace?: string };
  tasks: { id: number; state: string; trace?: string }[];
}

/** "RUNNING, task 0 RUNNING", or the failure with the first line of its trace. */
function describeStatus(status: ConnectorStatus): { running: boolean; text: string } {
  const tasks = status.tasks.map((t) => `task ${t.id} ${t.state}${t.trace ? ` (${t.trace.split('\n')[0]})` : ''}`);
  const running =
    status.connector.state === 'RUNNING' && status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING');
  const trace = status.connector.trace ? ` (${status.connector.trace.split('\n')[0]})` : '';
  return {
    running,
    text: `${status.connector.state}${trace}${tasks.length ? ', ' + tasks.join(', ') : ', no task yet'}`,
  };
}

export async function connectorStatus(ctx: ServiceContext, name: string): Promise<{ running: boolean; text: string }> {
  const res = await http<ConnectorStatus>('GET', `${connectUrl(ctx)}/connectors/${encodeURIComponent(name)}/status`);
  if (res.status === 404) return { running: false, text: 'not registered' };
  if (res.status !== 200) return { running: false, text: `status request answered ${res.status}` };
  return describeStatus(res.body);
}

/** Registers (or updates) the connector with PUT .../config, which is idempotent, and waits for its task to run. */
export async function registerConnector(
  ctx: ServiceContext,
  connector: ConnectorFile,
  timeoutMs = 60_000,
): Promise<void> {
  const put = await http<{ message?: string }>(
    'PUT',
    `${connectUrl(ctx)}/connectors/${encodeURIComponent(connector.name)}/config`,
    connector.config,
  );
  if (put.status !== 200 && put.status !== 201) {
    throw new Error(
      `Kafka Connect refused connector ${connector.name} (HTTP ${put.status}): ${put.body?.message ?? JSON.stringify(put.body)}`,
    );
  }
  let last = '';
  await waitFor(
    async () => {
      const status = await connectorStatus(ctx, connector.name);
      last = status.text;
      if (/FAILED/.test(status.text)) throw new GiveUp(`connector ${connector.name} failed: ${status.text}`);
      return status.running;
    },
    { timeoutMs, intervalMs: 500, what: `connector ${connector.name} to run` },
  ).catch((err: Error) => {
    throw new Error(`${err.message}${last ? ` (last status: ${last})` : ''}; see ${ctx.layout.logFile(NAME)}`);
  });
}

export const connectService: StackService = {
  name: NAME,
  stopSignal: 'SIGTERM',
  ports: (ctx) => [ctx.config.ports.connect],

  async start(ctx) {
    const { config, layout } = ctx;
    const [workerJars, debeziumJars] = await Promise.all([
      ensureJars(config, 'connect', layout.logFile('maven')),
      ensureJars(config, 'debezium', layout.logFile('maven')),
    ]);
    // plugin.path must hold only plugin folders: a folder of its own with a link to the cached Debezium jars.
    const pluginPath = path.join(layout.serviceData(NAME), 'plugins');
    fs.rmSync(pluginPath, { recursive: true, force: true });
    fs.mkdirSync(pluginPath, { recursive: true });
    fs.symlinkSync(debeziumJars, path.join(pluginPath, path.basename(debeziumJars)));

    const properties = path.join(layout.serviceConf(NAME), 'connect-distributed.properties');
    writeRendered(path.join(config.repoDir, 'stack', 'conf', 'connect-distributed.properties'), properties, {
      bootstrap: `${config.host}:${config.ports.kafka}`,
      host: config.host,
      port: config.ports.connect,
      pluginPath,
    });
    const record = spawnService({
      service: NAME,
      command: config.javaBin,
      args: [
        '-Xms128m',
        '-Xmx512m',
        '-XX:+UseSerialGC',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${kafkaLog4j(ctx)}`,
        '-cp',
        classpathOf(workerJars),
        'org.apache.kafka.connect.cli.ConnectDistributed',
        properties,
      ],
      cwd: layout.serviceConf(NAME),
      // the example connector reads the database password through ${env:CDC_POSTGRES_PASSWORD}
      env: { ...process.env, CDC_POSTGRES_PASSWORD: config.database.password },
      logFile: layout.logFile(NAME),
      pidFile: layout.pidFile(NAME),
    });
    await waitUntilServing(
      NAME,
      record,
      layout.logFile(NAME),
      async () => {
        const plugins = await http<{ class: string }[]>('GET', `${connectUrl(ctx)}/connector-plugins`);
        return plugins.status === 200 && plugins.body.some((p) => p.class === DEBEZIUM_CONNECTOR);
      },
      120_000,
    );
  },

  async probe(ctx) {
    try {
      const root = await http<{ version: string }>('GET', `${connectUrl(ctx)}/`);
      if (root.status !== 200) return { ok: false, detail: `REST answered ${root.status}` };
      return { ok: true, detail: `Kafka Connect ${root.body.version}` };
    } catch (err) {
      return { ok: false, detail: `no answer from ${connectUrl(ctx)}: ${(err as Error).message}` };
    }
  },
};
