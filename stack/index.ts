// The local stack's programmatic API: integration, sidebar and end-to-end tests start and stop the real
// platform (PostgreSQL, Kafka, Kafka Connect + Debezium, Flink + SQL Gateway) through these.
import { psql } from './services/postgres';
import { stackConfig } from './lifecycle';
import type { StackConfigOverrides } from './config';
import { kafkaSecurityOf, type KafkaSecurity } from './kafkaSasl';

export { startStack, stopStack, stopStackServices, stackStatus, PortInUseError, SERVICES } from './lifecycle';
export type { StackStatus } from './lifecycle';
export type { StackEndpoints } from './endpoints';
export { RAW_TOPIC, FILTERED_TOPICS } from './endpoints';
export type { StackConfigOverrides } from './config';
export type { KafkaSecurity } from './kafkaSasl';

/**
 * The local Kafka's SASL_SSL listener: bootstrap, SASL user, the file holding its password and the CA file that
 * verifies the broker. The files exist once Kafka has started in this stack dir.
 */
export function stackKafkaSecurity(overrides: StackConfigOverrides = {}): KafkaSecurity {
  const config = stackConfig(overrides);
  return kafkaSecurityOf(config.stackDir, config.host, config.ports.kafkaSaslSsl);
}

/** Runs SQL (one or more statements) in the stack's `cdc` database and returns psql's unaligned output. */
export function runSql(sql: string, overrides: StackConfigOverrides = {}): Promise<string> {
  return psql(stackConfig(overrides), sql);
}
