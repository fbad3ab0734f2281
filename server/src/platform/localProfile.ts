import type { ConnectionProfile } from './connectionProfile';
import { LOCAL_STACK_DATABASE, LOCAL_STACK_HOST, localStackPorts } from './localStackAddresses';

/**
 * The `local` profile: the local stack (`npm run stack:up`) on its ports, honouring the same
 * CDC_STACK_*_PORT variables the stack itself reads, so a moved stack is still found.
 */
export function localProfile(env: NodeJS.ProcessEnv = process.env): ConnectionProfile {
  const host = LOCAL_STACK_HOST;
  const ports = localStackPorts(env);
  const database = LOCAL_STACK_DATABASE;
  return {
    name: 'local',
    kafka: { bootstrapServers: [`${host}:${ports.kafka}`] },
    connect: { url: `http://${host}:${ports.connect}` },
    flink: { restUrl: `http://${host}:${ports.flinkRest}`, sqlGatewayUrl: `http://${host}:${ports.sqlGateway}` },
    schemaRegistry: { url: `http://${host}:${ports.schemaRegistry}/apis/ccompat/v7` },
    topicDefaults: { partitions: 3, replicationFactor: 1 },
    // the example connector file names the Docker Compose host; the local stack's PostgreSQL is here
    connectorOverrides: {
      'database.hostname': host,
      'database.port': String(ports.postgres),
      'database.user': database.user,
      'database.dbname': database.name,
    },
  };
}
