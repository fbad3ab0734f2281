import type { StackConfig } from './config';

/** How clients reach a running local stack: what tests, the sidebar and the CLI pass to their platform clients. */
export interface StackEndpoints {
  kafkaBootstrap: string;
  connectUrl: string;
  flinkRestUrl: string;
  sqlGatewayUrl: string;
  /** Confluent-compatible Schema Registry API (Apicurio Registry's ccompat v7). */
  schemaRegistryUrl: string;
  postgres: { host: string; port: number; database: string; user: string; password: string };
  /** Topic Debezium writes the raw business events to. */
  rawTopic: string;
}

export const RAW_TOPIC = 'raw-business-events';
/** The consumer topics of the example workspace, created up front so a Flink job can write to them at once. */
export const FILTERED_TOPICS = [
  'filtered-loan-events',
  'filtered-service-events',
  'filtered-car-events',
  'filtered-high-value-loans',
];

export function stackEndpoints(config: StackConfig): StackEndpoints {
  const h = config.host;
  return {
    kafkaBootstrap: `${h}:${config.ports.kafka}`,
    connectUrl: `http://${h}:${config.ports.connect}`,
    flinkRestUrl: `http://${h}:${config.ports.flinkRest}`,
    sqlGatewayUrl: `http://${h}:${config.ports.sqlGateway}`,
    schemaRegistryUrl: `http://${h}:${config.ports.schemaRegistry}/apis/ccompat/v7`,
    postgres: {
      host: h,
      port: config.ports.postgres,
      database: config.database.name,
      user: config.database.user,
      password: config.database.password,
    },
    rawTopic: RAW_TOPIC,
  };
}
