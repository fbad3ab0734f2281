import { parseArgs } from 'util';
import { createPlatform } from '../../platform/createPlatform';
import type { TailMessage } from '../../platform/kafka/kafkaTypes';
import { parseTailStart } from '../../platform/kafka/parseTailStart';
import { PlatformError } from '../../platform/platformError';
import { UsageError, type CliCommand } from '../cliCommand';
import { outputFormat, PLATFORM_OPTIONS } from '../platformArgs';
import { resolveProfile } from '../resolveProfile';

/**
 * `cdc-routing tail TOPIC`: prints a topic's records as they arrive (text, or one JSON object a line), reading
 * partitions directly — no consumer group is joined, nothing is committed. Stops after --max records or on
 * Ctrl-C. Exit 0 when it ends normally, 2 when the tail cannot start.
 */
export const tailCommand: CliCommand = {
  name: 'tail',
  usage:
    'cdc-routing tail TOPIC [--profile P] [--profiles-file FILE] [--from latest|beginning|<ISO time>|<offset>] [--partitions 0,2] [--max N] [--format text|json]',
  summary: 'Print the records of a topic as they arrive (Avro decoded through the registry), without a consumer group.',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...PLATFORM_OPTIONS,
        from: { type: 'string', default: 'latest' },
        partitions: { type: 'string' },
        max: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('tail takes one topic');
    const topic = positionals[0];
    const format = outputFormat(values.format);
    const start = parseTailStart(values.from);
    if ('error' in start) throw new UsageError(`--from: ${start.error}`);
    const max = values.max === undefined ? Infinity : Number(values.max);
    if (!(max > 0) || (values.max !== undefined && !/^\d+$/.test(values.max)))
      throw new UsageError(`--max must be a positive whole number, not ${values.max}`);
    const partitions =
      values.partitions === undefined ? undefined : values.partitions.split(',').map((p) => Number(p.trim()));
    if (partitions?.some((p) => !Number.isInteger(p) || p < 0))
      throw new UsageError(`--partitions must be partition numbers like 0,2, not ${values.partitions}`);

    const resolved = resolveProfile(io.cwd, io.env, {
      profile: values.profile,
      profilesFile: values['profiles-file'],
    });
    for (const p of resolved.problems) io.err(`warning: ${p}`);
    const platform = createPlatform(resolved.profile, resolved.secrets);
    try {
      if (!platform.kafka) {
        io.err(`cdc-routing tail: profile "${resolved.profile.name}" names no Kafka`);
        return 2;
      }
      const tail = await platform.kafka.tail({ topic, start, partitions });
      const print =
        format === 'json' ? (m: TailMessage) => io.out(JSON.stringify(m)) : (m: TailMessage) => io.out(textLine(m));
      let printed = 0;
      await new Promise<void>((done) => {
        const onInterrupt = () => done();
        process.once('SIGINT', onInterrupt);
        tail.onError((e) => io.err(`${e.message} (retrying)`));
        tail.onMessages((batch) => {
          for (const m of batch) {
            if (printed >= max) break;
            print(m);
            printed++;
          }
          if (printed >= max) {
            process.removeListener('SIGINT', onInterrupt);
            done();
          }
        });
      });
      await tail.stop();
      return 0;
    } catch (err) {
      io.err(`cdc-routing tail: ${err instanceof PlatformError ? err.message : (err as Error).message.split('\n')[0]}`);
      return 2;
    } finally {
      await platform.close();
    }
  },
};

function textLine(m: TailMessage): string {
  const headers = Object.keys(m.headers).length ? ` headers=${JSON.stringify(m.headers)}` : '';
  const schema = m.schemaId !== undefined ? ` schema=${m.schemaId}` : '';
  return `${new Date(m.timestamp).toISOString()} p${m.partition}@${m.offset} key=${m.key ?? '(null)'}${schema}${headers} ${m.value ?? '(null)'}`;
}
