import * as os from 'os';
import * as path from 'path';

/** Where everything of one local stack lives, and which loopback ports it uses. */
export interface StackConfig {
  /** Repository root: the example workspace, the poms and the conf templates are read from here. */
  repoDir: string;
  /** Data dirs, logs and pid files (`${CDC_ROUTING_STACK_DIR:-<repo>/.stack}`). */
  stackDir: string;
  /** Downloaded jars, shared by every checkout on the machine (`${CDC_ROUTING_CACHE:-~/.cache/cdc-routing}/stack-jars`). */
  jarCacheDir: string;
  host: '127.0.0.1';
  ports: StackPorts;
  /** The database the example's entity tables live in. */
  database: { name: string; user: string; password: string };
  /** PostgreSQL's binaries (initdb, postgres, psql, pg_isready). */
  pgBinDir: string;
  javaBin: string;
}

export interface StackPorts {
  postgres: number;
  kafka: number;
  kafkaController: number;
  /** The second Kafka listener: SASL (SCRAM-SHA-256, PLAIN) over TLS with the stack's own CA. */
  kafkaSaslSsl: number;
  connect: number;
  flinkRest: number;
  flinkRpc: number;
  sqlGateway: number;
  schemaRegistry: number;
}

/** One environment variable per port, so two stacks (or a stack and a developer's own services) can coexist. */
export const PORT_ENV: Record<keyof StackPorts, { env: string; fallback: number }> = {
  postgres: { env: 'CDC_STACK_POSTGRES_PORT', fallback: 5433 },
  kafka: { env: 'CDC_STACK_KAFKA_PORT', fallback: 9092 },
  kafkaController: { env: 'CDC_STACK_KAFKA_CONTROLLER_PORT', fallback: 9093 },
  kafkaSaslSsl: { env: 'CDC_STACK_KAFKA_SASL_SSL_PORT', fallback: 9094 },
  connect: { env: 'CDC_STACK_CONNECT_PORT', fallback: 8083 },
  flinkRest: { env: 'CDC_STACK_FLINK_PORT', fallback: 8081 },
  flinkRpc: { env: 'CDC_STACK_FLINK_RPC_PORT', fallback: 6123 },
  sqlGateway: { env: 'CDC_STACK_SQL_GATEWAY_PORT', fallback: 8082 },
  schemaRegistry: { env: 'CDC_STACK_SCHEMA_REGISTRY_PORT', fallback: 8085 },
};

export interface StackConfigOverrides {
  repoDir?: string;
  stackDir?: string;
  jarCacheDir?: string;
  ports?: Partial<StackPorts>;
}

function portFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535); unset it or give a free port number.`);
  }
  return port;
}

export function resolveStackConfig(
  overrides: StackConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): StackConfig {
  const repoDir = overrides.repoDir ?? path.resolve(__dirname, '..');
  const cacheRoot = env.CDC_ROUTING_CACHE || path.join(os.homedir(), '.cache', 'cdc-routing');
  const ports = {} as StackPorts;
  for (const key of Object.keys(PORT_ENV) as (keyof StackPorts)[]) {
    ports[key] = overrides.ports?.[key] ?? portFromEnv(env, PORT_ENV[key].env, PORT_ENV[key].fallback);
  }
  const javaHome = env.JAVA_HOME;
  return {
    repoDir,
    stackDir: path.resolve(overrides.stackDir ?? (env.CDC_ROUTING_STACK_DIR || path.join(repoDir, '.stack'))),
    jarCacheDir: path.resolve(overrides.jarCacheDir ?? path.join(cacheRoot, 'stack-jars')),
    host: '127.0.0.1',
    ports,
    database: { name: 'cdc', user: 'postgres', password: 'postgres' },
    pgBinDir: env.CDC_STACK_PG_BIN || '/usr/lib/postgresql/15/bin',
    javaBin: javaHome ? path.join(javaHome, 'bin', 'java') : 'java',
  };
}
