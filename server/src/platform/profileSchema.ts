/**
 * JSON Schema of the `cdcRouting.profiles` setting: an array of connection profiles (ConnectionProfile in
 * connectionProfile.ts, minus the secrets, which never live in settings). profileSettings.ts validates with
 * it; the VS Code settings contribution is generated from it.
 */
const url = (description: string) => ({ type: 'string', pattern: '^https?://[^\\s]+$', description });
const userName = {
  type: 'string',
  minLength: 1,
  description:
    'User name for HTTP basic authentication; the password is the secret of this service (CDC Routing: Set Secret…).',
};

export const PROFILES_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'CDC Routing connection profiles',
  type: 'array',
  items: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
        description:
          'Profile name, e.g. "staging"; chosen with --profile in the CLI. A profile named "local" replaces the built-in one.',
      },
      kafka: {
        type: 'object',
        required: ['bootstrapServers'],
        additionalProperties: false,
        properties: {
          bootstrapServers: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', pattern: '^[^\\s:/]+:\\d{1,5}$' },
            description: 'host:port of one or more brokers.',
          },
          sasl: {
            type: 'object',
            required: ['mechanism', 'username'],
            additionalProperties: false,
            properties: {
              mechanism: { enum: ['plain', 'scram-sha-256', 'scram-sha-512'] },
              username: {
                type: 'string',
                minLength: 1,
                description: 'SASL user; the password is the secret kafka.password.',
              },
            },
          },
          tls: {
            type: 'object',
            required: ['enabled'],
            additionalProperties: false,
            properties: {
              enabled: { type: 'boolean' },
              caFile: {
                type: 'string',
                minLength: 1,
                description: "PEM file with the CA chain that signed the brokers' certificates (e.g. a corporate CA).",
              },
              rejectUnauthorized: { type: 'boolean', description: "Verify the brokers' certificates (default true)." },
              certFile: {
                type: 'string',
                minLength: 1,
                description: 'PEM file with the client certificate (chain), for brokers that require mutual TLS.',
              },
              keyFile: {
                type: 'string',
                minLength: 1,
                description: "PEM file with the client certificate's private key (unencrypted), for mutual TLS.",
              },
            },
          },
        },
      },
      connect: {
        type: 'object',
        required: ['url'],
        additionalProperties: false,
        properties: { url: url('Kafka Connect REST URL, e.g. http://connect:8083'), username: userName },
      },
      flink: {
        type: 'object',
        required: ['restUrl'],
        additionalProperties: false,
        properties: {
          restUrl: url('Flink REST (JobManager) URL, e.g. http://flink:8081'),
          sqlGatewayUrl: url('Flink SQL Gateway URL, e.g. http://sql-gateway:8083'),
          savepointDir: {
            type: 'string',
            minLength: 1,
            description: "Where stop-with-savepoint writes (default: Flink's state.savepoints.dir).",
          },
          startSettleSeconds: {
            type: 'number',
            minimum: 0,
            description:
              'How long a newly deployed job must run without a restart before deploy reports it started (default 5).',
          },
          awaitFirstCheckpoint: {
            type: 'boolean',
            description:
              "Whether deploy waits for the new job's first completed checkpoint before calling it healthy (default true; skipped for a job without checkpointing).",
          },
        },
      },
      schemaRegistry: {
        type: 'object',
        required: ['url'],
        additionalProperties: false,
        properties: { url: url('Schema Registry URL (Confluent API), e.g. http://registry:8081'), username: userName },
      },
      confluentCloud: {
        type: 'object',
        required: ['organizationId', 'environmentId', 'computePoolId', 'region', 'provider'],
        additionalProperties: false,
        properties: {
          organizationId: { type: 'string', minLength: 1 },
          environmentId: { type: 'string', pattern: '^env-', description: 'e.g. env-a1b2c3' },
          computePoolId: { type: 'string', pattern: '^lfcp-', description: 'e.g. lfcp-8m03rm' },
          region: { type: 'string', minLength: 1, description: 'e.g. us-east-1' },
          provider: { enum: ['aws', 'gcp', 'azure'] },
          kafkaClusterId: {
            type: 'string',
            pattern: '^lkc-',
            description: "Kafka cluster used as the statements' current database, e.g. lkc-a1b2c3",
          },
          principal: {
            type: 'string',
            minLength: 1,
            description: 'Service account (sa-…) or user the statements run as.',
          },
        },
      },
      topicDefaults: {
        type: 'object',
        required: ['partitions', 'replicationFactor'],
        additionalProperties: false,
        description: 'Partitions and replication factor of the output topics deploy creates (default 3 and 3).',
        properties: {
          partitions: { type: 'integer', minimum: 1 },
          replicationFactor: { type: 'integer', minimum: 1 },
        },
      },
      connectorOverrides: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description:
          "Connector config keys deploy sets on top of the workspace's connector JSON (e.g. database.hostname). No passwords: use the secret connector.databasePassword.",
      },
    },
  },
} as const;

/** Output topics of a profile that does not say: replicated, as any shared cluster needs. */
export const DEFAULT_TOPIC_DEFAULTS = { partitions: 3, replicationFactor: 3 };
