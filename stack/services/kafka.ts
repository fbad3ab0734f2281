import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ensureJars, classpathOf } from '../jarCache';
import { describeBroker, describeSecuredBroker, ensureTopics } from '../kafkaAdmin';
import { FILTERED_TOPICS, RAW_TOPIC } from '../endpoints';
import { spawnService } from '../processes';
import type { ServiceContext, StackService } from '../service';
import { waitUntilServing } from '../startup';
import { writeRendered } from '../templates';
import { ensureKafkaTls } from '../tls';
import { KAFKA_SASL_USER, ensureKafkaSaslPassword, ensureScramUser, kafkaSecurityOf } from '../kafkaSasl';
import { spawnSync } from 'child_process';

const NAME = 'kafka';

function bootstrap(ctx: ServiceContext): string {
  return `${ctx.config.host}:${ctx.config.ports.kafka}`;
}

/** A KRaft cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints). */
function newClusterId(): string {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function kafkaLog4j(ctx: ServiceContext): string {
  return path.join(ctx.config.repoDir, 'stack', 'conf', 'kafka-log4j.properties');
}

export const kafkaService: StackService = {
  name: NAME,
  stopSignal: 'SIGTERM',
  ports: (ctx) => [ctx.config.ports.kafka, ctx.config.ports.kafkaController, ctx.config.ports.kafkaSaslSsl],

  async start(ctx) {
    const { config, layout } = ctx;
    const jars = await ensureJars(config, 'kafka', layout.logFile('maven'));
    const classpath = classpathOf(jars);
    const dataDir = layout.serviceData(NAME);
    const serverProperties = path.join(layout.serviceConf(NAME), 'server.properties');
    const tls = ensureKafkaTls(config.stackDir, config.host);
    writeRendered(path.join(config.repoDir, 'stack', 'conf', 'kafka-server.properties'), serverProperties, {
      host: config.host,
      port: config.ports.kafka,
      controllerPort: config.ports.kafkaController,
      dataDir,
      saslSslPort: config.ports.kafkaSaslSsl,
      saslUser: KAFKA_SASL_USER,
      saslPassword: ensureKafkaSaslPassword(config.stackDir),
      keystoreFile: tls.keystoreFile,
      keystorePassword: fs.readFileSync(tls.keystorePasswordFile, 'utf8').trim(),
    });
    fs.chmodSync(serverProperties, 0o600);
    const log4j = `-Dlog4j.configuration=file:${kafkaLog4j(ctx)}`;

    // meta.properties is the storage tool's last write: without it the log dir is unformatted or half-formatted.
    if (!fs.existsSync(path.join(dataDir, 'meta.properties'))) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const format = spawnSync(
        config.javaBin,
        [
          '-cp',
          classpath,
          log4j,
          'kafka.tools.StorageTool',
          'format',
          '-t',
          newClusterId(),
          '-c',
          serverProperties,
          '--ignore-formatted',
        ],
        { encoding: 'utf8' },
      );
      if (format.status !== 0)
        throw new Error(
          `formatting Kafka storage in ${dataDir} failed: ${(format.stderr || format.stdout || String(format.error)).trim().slice(-2000)}`,
        );
    }

    const record = spawnService({
      service: NAME,
      command: config.javaBin,
      args: [
        '-Xms128m',
        '-Xmx512m',
        '-XX:+UseSerialGC',
        '-Djava.awt.headless=true',
        log4j,
        `-Dkafka.logs.dir=${layout.logsDir}`,
        '-cp',
        classpath,
        'kafka.Kafka',
        serverProperties,
      ],
      cwd: layout.serviceConf(NAME),
      logFile: layout.logFile(NAME),
      pidFile: layout.pidFile(NAME),
    });
    await waitUntilServing(
      NAME,
      record,
      layout.logFile(NAME),
      async () => (await describeBroker(bootstrap(ctx))).brokers === 1,
      90_000,
    );
    await ensureTopics(bootstrap(ctx), [RAW_TOPIC, ...FILTERED_TOPICS], 3);
    ensureScramUser({
      javaBin: config.javaBin,
      classpath,
      repoDir: config.repoDir,
      bootstrap: bootstrap(ctx),
      stackDir: config.stackDir,
      dataDir,
    });
  },

  async probe(ctx) {
    let cluster: Awaited<ReturnType<typeof describeBroker>>;
    try {
      cluster = await describeBroker(bootstrap(ctx));
    } catch (err) {
      return { ok: false, detail: `no answer from ${bootstrap(ctx)}: ${(err as Error).message}` };
    }
    const plain = `KRaft cluster ${cluster.clusterId}, ${cluster.brokers} broker, controller ${cluster.controller}`;
    const security = kafkaSecurityOf(ctx.config.stackDir, ctx.config.host, ctx.config.ports.kafkaSaslSsl);
    try {
      await describeSecuredBroker(security);
      return {
        ok: cluster.brokers === 1,
        detail: `${plain}; SASL_SSL ${security.bootstrap} answers (SCRAM user ${security.username}, the stack's CA)`,
      };
    } catch (err) {
      return {
        ok: false,
        detail: `${plain}; but the SASL_SSL listener ${security.bootstrap} does not answer as it should: ${(err as Error).message}`,
      };
    }
  },
};
