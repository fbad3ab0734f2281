import type { ConnectClient } from './connect/connectTypes';
import type { ConfluentCloudFlinkClient } from './confluentCloud/cloudTypes';
import type { ConnectionProfile } from './connectionProfile';
import type { FlinkRestClient, SqlGatewayClient } from './flink/flinkTypes';
import type { KafkaPlatform } from './kafka/kafkaTypes';
import type { SchemaRegistryClient } from './registry/registryTypes';

/**
 * The clients of one connection profile (built by createPlatform in createPlatform.ts). A service the
 * profile does not name is absent. Used by the LSP platform features, deploy and the CLI alike.
 */
export interface Platform {
  profile: ConnectionProfile;
  kafka?: KafkaPlatform;
  connect?: ConnectClient;
  flink?: FlinkRestClient;
  sqlGateway?: SqlGatewayClient;
  schemaRegistry?: SchemaRegistryClient;
  confluentCloud?: ConfluentCloudFlinkClient;
  close(): Promise<void>;
}
