import { readFileSync } from 'node:fs';
import type { ConnectionProfile, Secrets } from '../platform/connectionProfile';
import { stringLiteral } from '../sql/sqlLiterals';
import { StepFailure } from './stepFailure';

/**
 * The Kafka client settings a routing job needs to reach the profile's Kafka the way the profile does (SASL
 * PLAIN / SCRAM, TLS with the profile's CA, a client certificate), as the Kafka connector's `properties.*`
 * options. The committed script never holds them: generate writes only the bootstrap servers, and deploy adds
 * these to the copy it submits (withKafkaSecurity), so the password exists only in memory and in what Flink keeps.
 */
export interface KafkaJobSecurity {
  options: [string, string][];
  /** Values to mask wherever text could show them (the JAAS line holds the password, a PEM key is a secret). */
  secrets: string[];
}

const LOGIN_MODULES = {
  plain: { mechanism: 'PLAIN', module: 'org.apache.kafka.common.security.plain.PlainLoginModule' },
  'scram-sha-256': { mechanism: 'SCRAM-SHA-256', module: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
  'scram-sha-512': { mechanism: 'SCRAM-SHA-512', module: 'org.apache.kafka.common.security.scram.ScramLoginModule' },
} as const;

/** The job's Kafka security options for a profile; none for a plaintext profile. Throws a StepFailure naming what to fix. */
export function kafkaJobSecurity(kafka: ConnectionProfile['kafka'], secrets: Secrets): KafkaJobSecurity {
  const options: [string, string][] = [];
  const masked: string[] = [];
  if (!kafka || (!kafka.sasl && !kafka.tls?.enabled)) return { options, secrets: masked };
  const tls = kafka.tls?.enabled === true;
  options.push(['properties.security.protocol', kafka.sasl ? (tls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : 'SSL']);
  if (kafka.sasl) {
    const password = secrets['kafka.password'];
    if (!password)
      throw new StepFailure(
        `the job cannot log in to Kafka as "${kafka.sasl.username}": the secret kafka.password is not set (CDC Routing: Set Secret…, or CDC_ROUTING_KAFKA_PASSWORD for the CLI)`,
      );
    const login = LOGIN_MODULES[kafka.sasl.mechanism];
    const jaas = `${login.module} required username=${jaasQuoted(kafka.sasl.username)} password=${jaasQuoted(password)};`;
    options.push(['properties.sasl.mechanism', login.mechanism], ['properties.sasl.jaas.config', jaas]);
    masked.push(password, jaas);
  }
  if (tls) {
    if (kafka.tls?.caFile) {
      options.push(
        ['properties.ssl.truststore.type', 'PEM'],
        ['properties.ssl.truststore.certificates', pemOneLine(readPem(kafka.tls.caFile, 'kafka.tls.caFile'))],
      );
    }
    if (kafka.tls?.certFile || kafka.tls?.keyFile) {
      if (!kafka.tls.certFile || !kafka.tls.keyFile)
        throw new StepFailure(
          'a client certificate needs both kafka.tls.certFile and kafka.tls.keyFile in the profile',
        );
      const key = pemOneLine(readPem(kafka.tls.keyFile, 'kafka.tls.keyFile'));
      options.push(
        ['properties.ssl.keystore.type', 'PEM'],
        ['properties.ssl.keystore.certificate.chain', pemOneLine(readPem(kafka.tls.certFile, 'kafka.tls.certFile'))],
        ['properties.ssl.keystore.key', key],
      );
      masked.push(key);
    }
    // Java's Kafka client has no "trust anything"; what it can skip is the host name check
    if (kafka.tls?.rejectUnauthorized === false) options.push(['properties.ssl.endpoint.identification.algorithm', '']);
  }
  return { options, secrets: masked };
}

/**
 * The script with the security options added to every Kafka table (source and sink): on the line of its
 * `properties.bootstrap.servers`, so every line keeps its number and Flink's line/column in an error still
 * point at the committed script.
 */
export function withKafkaSecurity(sql: string, options: [string, string][]): string {
  if (options.length === 0) return sql;
  const added = options.map(([k, v]) => `${stringLiteral(k)} = ${stringLiteral(v)}`).join(', ');
  let done = 0;
  const out = sql.replace(
    /^(\s*'properties\.bootstrap\.servers' = '(?:[^']|'')*')(,?)$/gm,
    (_, option: string, comma: string) => {
      done++;
      return `${option}, ${added}${comma}`;
    },
  );
  // a Kafka table left without them would connect unsecured and fail far from here: refuse instead
  const tables = (sql.match(/^\s*'connector' = '(?:upsert-)?kafka',?$/gm) ?? []).length;
  if (done !== tables)
    throw new StepFailure(
      `the script has ${tables} Kafka table(s) but ${done} bootstrap line(s) the security options could be added to; regenerate it with cdc-routing generate`,
    );
  return out;
}

/** A JAAS option value: double-quoted, with backslash and quote escaped (Kafka parses it with StreamTokenizer). */
function jaasQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** PEM on one line: Kafka's PEM parser ignores whitespace inside the blocks, and the script's lines stay put. */
function pemOneLine(pem: string): string {
  return pem.trim().replace(/\s*\r?\n\s*/g, ' ');
}

function readPem(file: string, key: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StepFailure(`${key} ${file} cannot be read (${code ?? (err as Error).message}): point it at a PEM file`);
  }
  if (!/-----BEGIN [A-Z ]+-----/.test(text)) throw new StepFailure(`${key} ${file} is not a PEM file`);
  return text;
}
