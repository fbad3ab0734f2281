import { createConnectClient } from './connect/connectRestClient';
import { createConfluentCloudClient } from './confluentCloud/confluentCloudClient';
import type { ConnectionProfile, Secrets } from './connectionProfile';
import { createFlinkRestClient } from './flink/flinkRestClient';
import { createSqlGatewayClient } from './flink/sqlGatewayClient';
import { createKafkaPlatform } from './kafka/kafkaPlatform';
import { observedKafka } from './kafka/observedKafka';
import type { Platform } from './platform';
import { secretValues } from './redactSecrets';
import { createSchemaRegistryClient } from './registry/schemaRegistryClient';

/**
 * The clients of a profile: one per service it names, sharing nothing but the secrets. Building them opens
 * no connection; each client connects on its first call, so an unreachable service costs nothing until asked.
 */
export function createPlatform(profile: ConnectionProfile, secrets: Secrets = {}): Platform {
  const masked = secretValues(secrets);
  const schemaRegistry = profile.schemaRegistry
    ? createSchemaRegistryClient(profile.schemaRegistry, secrets)
    : undefined;
  // every Kafka operation is recorded in the platform call log; the HTTP clients record theirs (httpService.ts)
  const kafka = profile.kafka
    ? observedKafka(
        createKafkaPlatform(profile, secrets, schemaRegistry),
        profile.kafka.bootstrapServers.join(','),
        masked,
      )
    : undefined;
  return {
    profile,
    kafka,
    connect: profile.connect ? createConnectClient(profile.connect, secrets) : undefined,
    flink: profile.flink ? createFlinkRestClient(profile.flink, { secrets: masked }) : undefined,
    sqlGateway: profile.flink?.sqlGatewayUrl ? createSqlGatewayClient(profile.flink, { secrets: masked }) : undefined,
    schemaRegistry,
    confluentCloud: profile.confluentCloud ? createConfluentCloudClient(profile.confluentCloud, secrets) : undefined,
    async close() {
      await kafka?.close();
    },
  };
}
