import * as fs from 'fs';
import * as path from 'path';
import { PORT_ENV, resolveStackConfig, type StackConfig, type StackConfigOverrides, type StackPorts } from './config';
import { stackEndpoints, type StackEndpoints } from './endpoints';
import { ensureJars, type JarComponent } from './jarCache';
import { stackLayout } from './layout';
import { withStackLock } from './lock';
import { residentKb } from './memory';
import { canBind } from './ports';
import { isRecordAlive, processGroupMembers, readPidRecord, stopService } from './processes';
import type { ServiceContext, ServiceHealth, StackService } from './service';
import { connectService, connectorStatus, localConnector, registerConnector } from './services/connect';
import { resetOffsetsWithoutSlot } from './services/connectorOffsets';
import { flinkJobManagerService, flinkTaskManagerService, sqlGatewayService } from './services/flink';
import { kafkaService } from './services/kafka';
import { postgresService } from './services/postgres';
import { schemaRegistryService } from './services/schemaRegistry';
import { logTail } from './startup';

/** Every service, in start order; stopped in reverse. */
export const SERVICES: StackService[] = [
  postgresService,
  kafkaService,
  connectService,
  flinkJobManagerService,
  flinkTaskManagerService,
  sqlGatewayService,
  schemaRegistryService,
];

export interface StartOptions extends StackConfigOverrides {
  /** Called with one line per step, for a CLI or a progress notification. */
  onProgress?: (message: string) => void;
}

export interface StartedStack {
  endpoints: StackEndpoints;
  /** Services that were already running and left alone (re-running `up` is safe). */
  alreadyRunning: string[];
  startedMs: number;
}

/** Thrown when a port the stack needs is taken by a process that is not one of the stack's own. */
export class PortInUseError extends Error {
  constructor(public readonly conflicts: { service: string; port: number; env: string }[]) {
    super(
      conflicts
        .map(
          (c) =>
            `port ${c.port} (${c.service}) is already in use by another process; free it or set ${c.env} to another port`,
        )
        .join('\n'),
    );
  }
}

function contextFor(overrides: StackConfigOverrides = {}): ServiceContext {
  const config = resolveStackConfig(overrides);
  return { config, layout: stackLayout(config) };
}

/** The ports a running stack was started with, so status/down work whatever the environment says now. */
function stateFile(config: StackConfig): string {
  return path.join(config.stackDir, 'stack.json');
}

function contextOfRunningStack(overrides: StackConfigOverrides = {}): ServiceContext {
  const ctx = contextFor(overrides);
  try {
    const saved = JSON.parse(fs.readFileSync(stateFile(ctx.config), 'utf8')) as { ports: StackPorts };
    return contextFor({ ...overrides, ports: { ...saved.ports, ...overrides.ports } });
  } catch {
    return ctx;
  }
}

function envNameOf(ctx: ServiceContext, port: number): string {
  const key = (Object.keys(ctx.config.ports) as (keyof StackPorts)[]).find((k) => ctx.config.ports[k] === port);
  return key ? PORT_ENV[key].env : 'the matching CDC_STACK_*_PORT variable';
}

async function portConflicts(ctx: ServiceContext, services: StackService[]): Promise<PortInUseError['conflicts']> {
  const conflicts: PortInUseError['conflicts'] = [];
  for (const service of services) {
    for (const port of service.ports(ctx)) {
      if (!(await canBind(ctx.config.host, port)))
        conflicts.push({ service: service.name, port, env: envNameOf(ctx, port) });
    }
  }
  return conflicts;
}

function serviceByName(name: string): StackService {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`unknown stack service ${name}`);
  return service;
}

/**
 * Starts whatever part of the stack is not running and waits until all of it serves: PostgreSQL with the example
 * schema, Kafka (KRaft) with the example topics, Kafka Connect with the example connector running, and a Flink
 * session cluster with its SQL Gateway. Safe to call again at any time.
 */
export async function startStack(options: StartOptions = {}): Promise<StartedStack> {
  const began = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const ctx = contextFor(options);
  return withStackLock(ctx.config.stackDir, async () => {
    for (const dir of [ctx.layout.logsDir, ctx.layout.pidsDir, ctx.layout.dataDir, ctx.layout.confDir])
      fs.mkdirSync(dir, { recursive: true });

    const alreadyRunning: string[] = [];
    const toStart: StackService[] = [];
    for (const service of SERVICES) {
      const pidFile = ctx.layout.pidFile(service.name);
      const record = readPidRecord(pidFile);
      if (isRecordAlive(record)) {
        alreadyRunning.push(service.name);
      } else {
        // Stale pid file of a crashed run: whatever is left of that process group is stopped first.
        if (record) await stopService(pidFile, 'SIGKILL', 5000);
        toStart.push(service);
      }
    }
    const conflicts = await portConflicts(ctx, toStart);
    if (conflicts.length > 0) throw new PortInUseError(conflicts);
    fs.writeFileSync(
      stateFile(ctx.config),
      JSON.stringify({ ports: ctx.config.ports, startedAt: new Date().toISOString() }, null, 2),
    );

    const components: JarComponent[] = ['kafka', 'connect', 'debezium', 'flink', 'schema-registry'];
    progress(`jars: ${ctx.config.jarCacheDir} (Maven fetches what is missing; log: ${ctx.layout.logFile('maven')})`);
    // One Maven at a time: parallel runs on a cold ~/.m2 race on the same plugin downloads. A warm cache returns at once.
    for (const component of components) await ensureJars(ctx.config, component, ctx.layout.logFile('maven'));

    const started = new Map<string, Promise<void>>();
    const run = (name: string, after: string[] = []): Promise<void> => {
      let promise = started.get(name);
      if (!promise) {
        promise = Promise.all(after.map((dep) => run(dep))).then(async () => {
          const service = serviceByName(name);
          if (alreadyRunning.includes(name)) return;
          const t0 = Date.now();
          progress(`${name}: starting`);
          await service.start(ctx);
          progress(`${name}: up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        });
        started.set(name, promise);
      }
      return promise;
    };
    const registered = Promise.all([run('postgres'), run('connect', ['kafka'])]).then(async () => {
      const connector = localConnector(ctx);
      if (await resetOffsetsWithoutSlot(ctx, connector)) {
        progress(`connector ${connector.name}: stored offsets belonged to an earlier database; reset`);
      }
      progress(`connector ${connector.name}: registering`);
      await registerConnector(ctx, connector);
      progress(`connector ${connector.name}: running`);
    });
    const results = await Promise.allSettled([
      registered,
      run('flink-jobmanager'),
      run('flink-taskmanager'),
      run('sql-gateway'),
      run('schema-registry'),
      ...[...started.values()],
    ]);
    const failures = [
      ...new Set(
        results
          .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
          .map((r) => (r.reason as Error).message),
      ),
    ];
    if (failures.length > 0) {
      throw new Error(
        `the local stack did not start:\n${failures.join('\n')}\nRun \`npm run stack:status\` to see what runs and \`npm run stack:down\` to stop it; logs are in ${ctx.layout.logsDir}.`,
      );
    }
    return { endpoints: stackEndpoints(ctx.config), alreadyRunning, startedMs: Date.now() - began };
  });
}

export interface StopResult {
  stopped: string[];
  /** Pids still alive after SIGKILL: should always be empty. */
  survivors: number[];
}

/** Stops every service of the stack by its pid file (whole process groups) and checks that no pid survives. */
export async function stopStack(overrides: StackConfigOverrides = {}): Promise<StopResult> {
  const ctx = contextOfRunningStack(overrides);
  return withStackLock(ctx.config.stackDir, async () => {
    const stopped: string[] = [];
    const survivors: number[] = [];
    const stop = async (service: StackService) => {
      const pidFile = ctx.layout.pidFile(service.name);
      const record = readPidRecord(pidFile);
      if (!record) return;
      survivors.push(...(await stopService(pidFile, service.stopSignal, 30_000)));
      stopped.push(service.name);
    };
    // Connect first, so Debezium closes its replication connection and commits offsets while Kafka still runs.
    await stop(connectService);
    await Promise.all([sqlGatewayService, flinkTaskManagerService, schemaRegistryService].map(stop));
    await Promise.all([flinkJobManagerService, kafkaService, postgresService].map(stop));
    if (survivors.length > 0)
      throw new Error(`processes still alive after stopping the stack: ${survivors.join(', ')}`);
    return { stopped, survivors };
  });
}

/**
 * Stops some services only (e.g. Kafka, to test how clients behave while it is down); `startStack` brings them
 * back. Their data dirs stay, so topics and jobs' state survive.
 */
export async function stopStackServices(names: string[], overrides: StackConfigOverrides = {}): Promise<string[]> {
  const ctx = contextOfRunningStack(overrides);
  const services = names.map(serviceByName);
  return withStackLock(ctx.config.stackDir, async () => {
    const stopped: string[] = [];
    for (const service of services) {
      const pidFile = ctx.layout.pidFile(service.name);
      if (!readPidRecord(pidFile)) continue;
      const survivors = await stopService(pidFile, service.stopSignal, 30_000);
      if (survivors.length > 0)
        throw new Error(`${service.name}: processes still alive after stopping: ${survivors.join(', ')}`);
      stopped.push(service.name);
    }
    return stopped;
  });
}

export interface StackStatus {
  services: ServiceHealth[];
  /** The example connector's state, when Connect answers. */
  connector: ServiceHealth;
  /** Summed resident memory of every process of the stack, in MiB. */
  residentMiB: number;
  endpoints: StackEndpoints;
  allUp: boolean;
}

/** Health of every service, read from the service itself; a service whose process died is reported `dead`. */
export async function stackStatus(overrides: StackConfigOverrides = {}): Promise<StackStatus> {
  const ctx = contextOfRunningStack(overrides);
  let allPids: number[] = [];
  const services = await Promise.all(
    SERVICES.map(async (service): Promise<ServiceHealth> => {
      const record = readPidRecord(ctx.layout.pidFile(service.name));
      const address = service.ports(ctx).length ? `${ctx.config.host}:${service.ports(ctx)[0]}` : undefined;
      if (!record) return { service: service.name, state: 'down', address, detail: 'not started' };
      if (!isRecordAlive(record)) {
        const last = logTail(ctx.layout.logFile(service.name), 1);
        return {
          service: service.name,
          state: 'dead',
          pid: record.pid,
          address,
          detail: `process ${record.pid} exited; last log line: ${last}`,
        };
      }
      allPids = allPids.concat(processGroupMembers(record.pid));
      const probe = await service.probe(ctx);
      return {
        service: service.name,
        state: probe.ok ? 'up' : 'unhealthy',
        pid: record.pid,
        address,
        detail: probe.detail,
      };
    }),
  );
  const connectorName = localConnector(ctx).name;
  let connector: ServiceHealth = {
    service: `connector ${connectorName}`,
    state: 'down',
    detail: 'Kafka Connect is not up',
  };
  if (services.find((s) => s.service === 'connect')?.state === 'up') {
    try {
      const status = await connectorStatus(ctx, connectorName);
      connector = {
        service: `connector ${connectorName}`,
        state: status.running ? 'up' : 'unhealthy',
        detail: status.text,
      };
    } catch (err) {
      connector = { service: `connector ${connectorName}`, state: 'unhealthy', detail: (err as Error).message };
    }
  }
  return {
    services,
    connector,
    residentMiB: Math.round(residentKb(allPids) / 1024),
    endpoints: stackEndpoints(ctx.config),
    allUp: services.every((s) => s.state === 'up') && connector.state === 'up',
  };
}

export function stackConfig(overrides: StackConfigOverrides = {}): StackConfig {
  return contextOfRunningStack(overrides).config;
}
