/**
 * Where the local stack (`npm run stack:up`, stack/) listens: its host, its ports with the CDC_STACK_*_PORT
 * variables that move them, and its database. The built-in `local` profile (localProfile.ts) reads them here,
 * and so does the stack itself (stack/config.ts): the dev tooling depends on the server for them, never the
 * other way round, so the shipped bundles hold no stack code.
 */
export const LOCAL_STACK_HOST = '127.0.0.1';

export interface LocalStackPorts {
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
export const LOCAL_STACK_PORT_ENV: Record<keyof LocalStackPorts, { env: string; fallback: number }> = {
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

/** The database the example's entity tables live in (the stack sets its password). */
export const LOCAL_STACK_DATABASE = { name: 'cdc', user: 'postgres' } as const;

/** The stack's ports: each from `overrides`, else its CDC_STACK_*_PORT variable, else the fallback. */
export function localStackPorts(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<LocalStackPorts> = {},
): LocalStackPorts {
  const ports = {} as LocalStackPorts;
  for (const key of Object.keys(LOCAL_STACK_PORT_ENV) as (keyof LocalStackPorts)[]) {
    const { env: name, fallback } = LOCAL_STACK_PORT_ENV[key];
    ports[key] = overrides[key] ?? portFromEnv(env, name, fallback);
  }
  return ports;
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
