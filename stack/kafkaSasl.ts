import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ensureSecretFile, kafkaSecurityDir, kafkaTlsFiles } from './tls';

/** The SASL user of the local Kafka's SASL_SSL listener (SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN, one password). */
export const KAFKA_SASL_USER = 'cdc_routing';

/** Everything a client needs for the SASL_SSL listener; the password stays in its file. */
export interface KafkaSecurity {
  /** host:port of the SASL_SSL listener. */
  bootstrap: string;
  mechanisms: ('scram-sha-256' | 'scram-sha-512' | 'plain')[];
  username: string;
  /** A file holding only the password (0600, random per stack dir). */
  passwordFile: string;
  /** The PEM certificate of the CA that signed the broker's certificate. */
  caFile: string;
}

function kafkaSaslPasswordFile(stackDir: string): string {
  return path.join(kafkaSecurityDir(stackDir), 'sasl.password');
}

export function kafkaSecurityOf(stackDir: string, host: string, saslSslPort: number): KafkaSecurity {
  return {
    bootstrap: `${host}:${saslSslPort}`,
    mechanisms: ['scram-sha-256', 'scram-sha-512', 'plain'],
    username: KAFKA_SASL_USER,
    passwordFile: kafkaSaslPasswordFile(stackDir),
    caFile: kafkaTlsFiles(stackDir).caFile,
  };
}

export function ensureKafkaSaslPassword(stackDir: string): string {
  return ensureSecretFile(kafkaSaslPasswordFile(stackDir));
}

const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];

/**
 * Creates (or updates) the SCRAM-SHA-256 and SCRAM-SHA-512 credentials through the broker's admin API: kafkajs cannot, so Kafka's own
 * ConfigCommand runs once per data dir and password (a marker in the data dir holds the password's hash). The
 * password goes through a 0600 file, never the command line, where `ps` would show it.
 */
export function ensureScramUser(opts: {
  javaBin: string;
  classpath: string;
  repoDir: string;
  bootstrap: string;
  stackDir: string;
  dataDir: string;
}): void {
  const password = ensureKafkaSaslPassword(opts.stackDir);
  const marker = path.join(opts.dataDir, 'cdc-routing-scram-user');
  const digest = crypto
    .createHash('sha256')
    .update(`${KAFKA_SASL_USER}\n${password}\n${SCRAM_MECHANISMS.join(',')}`)
    .digest('hex');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === digest) return;
  const configFile = path.join(kafkaSecurityDir(opts.stackDir), 'scram-user.properties');
  // One run per mechanism: the broker refuses to alter a user's credential twice in one request.
  for (const mechanism of SCRAM_MECHANISMS) {
    // a properties file: the key is the mechanism, the value what --add-config would hold between the brackets
    fs.writeFileSync(configFile, `${mechanism}=iterations=8192,password=${password}\n`, { mode: 0o600 });
    try {
      const run = spawnSync(
        opts.javaBin,
        [
          '-cp',
          opts.classpath,
          `-Dlog4j.configuration=file:${path.join(opts.repoDir, 'stack', 'conf', 'kafka-tools-log4j.properties')}`,
          'kafka.admin.ConfigCommand',
          '--bootstrap-server',
          opts.bootstrap,
          '--alter',
          '--entity-type',
          'users',
          '--entity-name',
          KAFKA_SASL_USER,
          '--add-config-file',
          configFile,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (run.status !== 0) {
        const out = `${run.stderr ?? ''}${run.stdout ?? ''}`.split(password).join('***').trim().slice(-1500);
        throw new Error(
          `creating the ${mechanism} credential of ${KAFKA_SASL_USER} on ${opts.bootstrap} failed: ${out || String(run.error)}`,
        );
      }
    } finally {
      fs.rmSync(configFile, { force: true });
    }
  }
  fs.writeFileSync(marker, `${digest}\n`);
}
