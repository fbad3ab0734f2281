import { SECRET_NAMES, secretEnvName, type Secrets } from '../protocol/platform';

/**
 * Connection profiles (`cdcRouting.profiles` in settings, `--profile` for the CLI). Settings hold only
 * addresses and user names; passwords and API keys are secrets (see SecretName) and come from VS Code's
 * SecretStorage (sent to the server in memory) or from environment variables (CLI).
 */
export interface ConnectionProfile {
  name: string;
  kafka?: {
    bootstrapServers: string[];
    sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string };
    /** TLS; `caFile` is a PEM file with the (corporate) CA chain that signed the brokers' certificates. */
    tls?: {
      enabled: boolean;
      caFile?: string;
      rejectUnauthorized?: boolean;
      /** Mutual TLS: PEM files of the client certificate (chain) and its unencrypted private key. */
      certFile?: string;
      keyFile?: string;
    };
  };
  connect?: { url: string; username?: string };
  flink?: {
    restUrl: string;
    sqlGatewayUrl?: string;
    /** Where stop-with-savepoint writes (Flink's state.savepoints.dir when absent). */
    savepointDir?: string;
    /** How long a newly deployed job must run without a restart before deploy reports it started (default 5). */
    startSettleSeconds?: number;
    /** Whether a deploy waits for the new job's first completed checkpoint before calling it healthy (default true). */
    awaitFirstCheckpoint?: boolean;
  };
  schemaRegistry?: { url: string; username?: string };
  confluentCloud?: {
    organizationId: string;
    environmentId: string;
    computePoolId: string;
    /** e.g. "us-east-1" */
    region: string;
    /** e.g. "aws" */
    provider: string;
    /** Kafka cluster id used as the statements' current database */
    kafkaClusterId?: string;
    /** Service account / principal the statements run as */
    principal?: string;
  };
  /** Output topics that deploy creates. */
  topicDefaults: { partitions: number; replicationFactor: number };
  /** Connector config keys a deploy sets on top of the workspace's connector JSON (e.g. the database host here). */
  connectorOverrides?: Record<string, string>;
}

// The secret names and their environment variables are the wire's: the client's SecretStorage uses them too.
export { SECRET_NAMES, secretEnvName, type SecretName, type Secrets } from '../protocol/platform';

/** Secrets for the CLI, read from the environment. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): Secrets {
  const secrets: Secrets = {};
  for (const name of SECRET_NAMES) {
    const value = env[secretEnvName(name)];
    if (value) secrets[name] = value;
  }
  return secrets;
}
