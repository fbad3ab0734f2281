import { readFileSync } from 'node:fs';
import { logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { ConnectionProfile, Secrets } from '../connectionProfile';
import { PlatformError } from '../platformError';

/** The kafka block of a profile, as a kafkajs client configuration. */
export interface KafkaClientSettings {
  config: KafkaConfig;
  /** host:port list without credentials, for messages. */
  where: string;
}

/**
 * Builds the kafkajs configuration of a profile. Fails fast (short timeouts, few retries) because a person is
 * waiting on the answer; logs nothing because the server speaks LSP on stdout. Throws a PlatformError for a
 * profile that cannot work (no password for SASL, unreadable CA file), naming what to fix.
 */
export function kafkaClientSettings(profile: ConnectionProfile, secrets: Secrets): KafkaClientSettings {
  const kafka = profile.kafka;
  const where = kafka?.bootstrapServers.join(',') ?? '(none)';
  if (!kafka || kafka.bootstrapServers.length === 0) {
    throw new PlatformError(
      'kafka',
      'connect to Kafka',
      where,
      `profile "${profile.name}" names no Kafka bootstrap servers`,
      'add kafka.bootstrapServers to the profile',
    );
  }
  const config: KafkaConfig = {
    clientId: 'cdc-routing',
    brokers: kafka.bootstrapServers,
    connectionTimeout: 3000,
    authenticationTimeout: 5000,
    requestTimeout: 15000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  };
  if (kafka.tls?.enabled) {
    const ca = kafka.tls.caFile ? [readCaFile(kafka.tls.caFile, where)] : undefined;
    config.ssl = { ca, rejectUnauthorized: kafka.tls.rejectUnauthorized ?? true };
    // mutual TLS: the same client certificate the routing job presents (deploy/kafkaJobSecurity.ts)
    if (kafka.tls.certFile && kafka.tls.keyFile)
      config.ssl = {
        ...config.ssl,
        cert: readPemFile(kafka.tls.certFile, 'kafka.tls.certFile', where),
        key: readPemFile(kafka.tls.keyFile, 'kafka.tls.keyFile', where),
      };
  }
  if (kafka.sasl) {
    const password = secrets['kafka.password'];
    if (!password) {
      throw new PlatformError(
        'kafka',
        'connect to Kafka',
        where,
        `SASL user "${kafka.sasl.username}" has no password`,
        'set the secret kafka.password (CDC Routing: Set Secret…, or CDC_ROUTING_KAFKA_PASSWORD for the CLI)',
      );
    }
    config.sasl = { mechanism: kafka.sasl.mechanism, username: kafka.sasl.username, password } as SASLOptions;
  }
  return { config, where };
}

function readCaFile(file: string, where: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `the CA file ${file} does not exist`
        : `the CA file ${file} cannot be read (${code ?? (err as Error).message})`;
    throw new PlatformError(
      'kafka',
      'connect to Kafka over TLS',
      where,
      why,
      'point kafka.tls.caFile of the profile at a readable PEM file',
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new PlatformError(
      'kafka',
      'connect to Kafka over TLS',
      where,
      `the CA file ${file} holds no PEM certificate`,
      'kafka.tls.caFile must be a PEM file (-----BEGIN CERTIFICATE-----…)',
    );
  }
  return pem;
}

/** A client certificate or key file; its content never appears in a message. */
function readPemFile(file: string, key: string, where: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlatformError(
      'kafka',
      'connect to Kafka over TLS',
      where,
      `${key} ${file} cannot be read (${code ?? (err as Error).message})`,
      `point ${key} of the profile at a readable PEM file`,
    );
  }
}
