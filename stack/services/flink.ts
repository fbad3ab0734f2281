import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { classpathOf, ensureJars } from '../jarCache';
import { ensureRoutingFunctions } from '../routingFunctions';
import { spawnService } from '../processes';
import type { ServiceContext, StackService } from '../service';
import { waitUntilServing } from '../startup';
import { writeRendered } from '../templates';

/** The three Flink processes share one conf dir (FLINK_CONF_DIR) and one classpath. */
function confDir(ctx: ServiceContext): string {
  return ctx.layout.serviceConf('flink');
}

function restUrl(ctx: ServiceContext): string {
  return `http://${ctx.config.host}:${ctx.config.ports.flinkRest}`;
}

function gatewayUrl(ctx: ServiceContext): string {
  return `http://${ctx.config.host}:${ctx.config.ports.sqlGateway}`;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Writes config.yaml and log4j.properties; every Flink process is started after this. */
async function prepareFlink(ctx: ServiceContext): Promise<{ classpath: string; env: NodeJS.ProcessEnv }> {
  const { config, layout } = ctx;
  const jars = await ensureJars(config, 'flink', layout.logFile('maven'));
  const tmpDir = path.join(layout.serviceData('flink'), 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const templates = path.join(config.repoDir, 'stack', 'conf');
  writeRendered(path.join(templates, 'flink-config.yaml'), path.join(confDir(ctx), 'config.yaml'), {
    host: config.host,
    rpcPort: config.ports.flinkRpc,
    restPort: config.ports.flinkRest,
    gatewayPort: config.ports.sqlGateway,
    tmpDir,
    savepointsDir: path.join(layout.serviceData('flink'), 'savepoints'),
    checkpointsDir: path.join(layout.serviceData('flink'), 'checkpoints'),
  });
  writeRendered(path.join(templates, 'flink-log4j.properties'), path.join(confDir(ctx), 'log4j.properties'), {});
  // The generated jobs call the project's functions (the array rule): on the classpath like a connector jar.
  const functions = ensureRoutingFunctions(config, jars);
  return { classpath: classpathOf(jars, functions), env: { ...process.env, FLINK_CONF_DIR: confDir(ctx) } };
}

/**
 * The JVM options and dynamic properties Flink derives from its memory configuration: what the distribution's
 * bin scripts get from BashJavaUtils, asked of the same class here.
 */
function memoryParams(
  ctx: ServiceContext,
  classpath: string,
  command: 'GET_JM_RESOURCE_PARAMS' | 'GET_TM_RESOURCE_PARAMS',
): Promise<{ jvm: string[]; dynamic: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ctx.config.javaBin,
      [
        '-Xmx128m',
        '-cp',
        classpath,
        'org.apache.flink.runtime.util.bash.BashJavaUtils',
        command,
        '--configDir',
        confDir(ctx),
      ],
      {
        env: { ...process.env, FLINK_CONF_DIR: confDir(ctx) },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const results = out
        .split('\n')
        .filter((l) => l.startsWith('BASH_JAVA_UTILS_EXEC_RESULT:'))
        .map((l) => l.slice('BASH_JAVA_UTILS_EXEC_RESULT:'.length).trim());
      if (code !== 0 || results.length < 2) {
        reject(
          new Error(
            `Flink's BashJavaUtils ${command} failed (exit ${code}): ${out.trim().split('\n').slice(-5).join('\n')}`,
          ),
        );
        return;
      }
      // "-D key=value -D key=value" -> ["-D", "key=value", ...]
      resolve({ jvm: results[0].split(/\s+/).filter(Boolean), dynamic: results[1].split(/\s+/).filter(Boolean) });
    });
  });
}

interface Overview {
  taskmanagers: number;
  'slots-total': number;
  'slots-available': number;
  'jobs-running': number;
  'flink-version': string;
}

interface TaskManagers {
  taskmanagers: { id: string; slotsNumber: number; freeSlots: number }[];
}

function jvmCommon(ctx: ServiceContext): string[] {
  return ['-Djava.awt.headless=true', `-Dlog4j.configurationFile=file:${path.join(confDir(ctx), 'log4j.properties')}`];
}

export const flinkJobManagerService: StackService = {
  name: 'flink-jobmanager',
  stopSignal: 'SIGTERM',
  ports: (ctx) => [ctx.config.ports.flinkRest, ctx.config.ports.flinkRpc],

  async start(ctx) {
    const { classpath, env } = await prepareFlink(ctx);
    const memory = await memoryParams(ctx, classpath, 'GET_JM_RESOURCE_PARAMS');
    const record = spawnService({
      service: this.name,
      command: ctx.config.javaBin,
      args: [
        ...memory.jvm,
        ...jvmCommon(ctx),
        '-cp',
        classpath,
        'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint',
        '--configDir',
        confDir(ctx),
        ...memory.dynamic,
      ],
      cwd: confDir(ctx),
      env,
      logFile: ctx.layout.logFile(this.name),
      pidFile: ctx.layout.pidFile(this.name),
    });
    await waitUntilServing(
      this.name,
      record,
      ctx.layout.logFile(this.name),
      async () => !!(await getJson<Overview>(`${restUrl(ctx)}/overview`)),
      90_000,
    );
  },

  async probe(ctx) {
    try {
      const o = await getJson<Overview>(`${restUrl(ctx)}/overview`);
      return {
        ok: true,
        detail: `Flink ${o['flink-version']}: ${o.taskmanagers} TaskManager, ${o['slots-available']}/${o['slots-total']} slots free, ${o['jobs-running']} jobs running`,
      };
    } catch (err) {
      return { ok: false, detail: `no answer from ${restUrl(ctx)}: ${(err as Error).message}` };
    }
  },
};

export const flinkTaskManagerService: StackService = {
  name: 'flink-taskmanager',
  stopSignal: 'SIGTERM',
  // binds ephemeral RPC and data ports on 127.0.0.1 only (taskmanager.bind-host)
  ports: () => [],

  async start(ctx) {
    const { classpath, env } = await prepareFlink(ctx);
    const memory = await memoryParams(ctx, classpath, 'GET_TM_RESOURCE_PARAMS');
    // A resource id of our own: after a crash the JobManager still lists the dead TaskManager until its heartbeat
    // times out, so readiness means "this very TaskManager registered", not "some TaskManager is listed".
    const resourceId = `cdc-routing-tm-${Date.now()}`;
    const record = spawnService({
      service: this.name,
      command: ctx.config.javaBin,
      args: [
        ...memory.jvm,
        ...jvmCommon(ctx),
        '-cp',
        classpath,
        'org.apache.flink.runtime.taskexecutor.TaskManagerRunner',
        '--configDir',
        confDir(ctx),
        ...memory.dynamic,
        '-D',
        `taskmanager.resource-id=${resourceId}`,
      ],
      cwd: confDir(ctx),
      env,
      logFile: ctx.layout.logFile(this.name),
      pidFile: ctx.layout.pidFile(this.name),
    });
    // The JobManager may still be starting, which is fine: the TaskManager retries its registration.
    await waitUntilServing(
      this.name,
      record,
      ctx.layout.logFile(this.name),
      async () =>
        (await getJson<TaskManagers>(`${restUrl(ctx)}/taskmanagers`)).taskmanagers.some((t) => t.id === resourceId),
      120_000,
    );
  },

  async probe(ctx) {
    try {
      const tms = await getJson<TaskManagers>(`${restUrl(ctx)}/taskmanagers`);
      if (tms.taskmanagers.length === 0) return { ok: false, detail: 'not registered with the JobManager' };
      return { ok: true, detail: tms.taskmanagers.map((t) => `${t.freeSlots}/${t.slotsNumber} slots free`).join('; ') };
    } catch (err) {
      return { ok: false, detail: `JobManager unreachable: ${(err as Error).message}` };
    }
  },
};

export const sqlGatewayService: StackService = {
  name: 'sql-gateway',
  stopSignal: 'SIGTERM',
  ports: (ctx) => [ctx.config.ports.sqlGateway],

  async start(ctx) {
    const { classpath, env } = await prepareFlink(ctx);
    const record = spawnService({
      service: this.name,
      command: ctx.config.javaBin,
      args: [
        '-Xms64m',
        '-Xmx512m',
        '-XX:+UseSerialGC',
        ...jvmCommon(ctx),
        '-cp',
        classpath,
        'org.apache.flink.table.gateway.SqlGateway',
      ],
      cwd: confDir(ctx),
      env,
      logFile: ctx.layout.logFile(this.name),
      pidFile: ctx.layout.pidFile(this.name),
    });
    await waitUntilServing(
      this.name,
      record,
      ctx.layout.logFile(this.name),
      async () => !!(await getJson<{ version: string }>(`${gatewayUrl(ctx)}/v1/info`)),
      90_000,
    );
  },

  async probe(ctx) {
    try {
      const info = await getJson<{ productName: string; version: string }>(`${gatewayUrl(ctx)}/v1/info`);
      return { ok: true, detail: `${info.productName} SQL Gateway ${info.version}` };
    } catch (err) {
      return { ok: false, detail: `no answer from ${gatewayUrl(ctx)}: ${(err as Error).message}` };
    }
  },
};
