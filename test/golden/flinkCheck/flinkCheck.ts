/**
 * Runs a generated routing script in an embedded Apache Flink (the local stack's jars, streaming mode)
 * over the example sample events, and compares what every route emits with the routing evaluator's
 * answer, event by event. The "one semantics" proof without Kafka: only the connectors are swapped
 * (filesystem JSON source with the script's own format options, `print` sinks, and the event uuid as the
 * de-duplication key in place of the Kafka (partition, offset)).
 *
 *   node --import tsx test/golden/flinkCheck/flinkCheck.ts [FILTERS.yaml]   (default: filters-examples.yaml)
 *
 * Needs a JDK (javac, java 11+) and the Flink jars: FLINK_LIB, else the stack's jar cache
 * (`npm run stack:up` fetches it). Exit 0 when Flink and the evaluator agree, 1 when not, 2 when it cannot run.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';
import { generateSql } from '../../../server/src/sql/generateSql';
import { jarDir } from '../../../stack/jarCache';
import { resolveStackConfig } from '../../../stack/config';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE = path.join(ROOT, 'examples/cdc-streaming');

function flinkLib(): string {
  const dir = process.env.FLINK_LIB ?? jarDir(resolveStackConfig(), 'flink');
  if (!fs.existsSync(dir) || !fs.readdirSync(dir).some((f) => f.startsWith('flink-table-planner'))) {
    throw new Error(`no Flink jars in ${dir}: set FLINK_LIB or run \`npm run stack:up\` once`);
  }
  return dir;
}

/** The generated script with its Kafka connectors swapped for a file source and print sinks. */
function localScript(sql: string, samplesFile: string): string {
  let out = sql.replace(/`_routing_partition` INT METADATA FROM 'partition' VIRTUAL/, '`_routing_partition` AS 0');
  out = out.replace(
    /`_routing_offset` BIGINT METADATA FROM 'offset' VIRTUAL/,
    '`_routing_offset` AS CAST(HASH_CODE(`eventHeader`.`uuid`) AS BIGINT)',
  );
  out = out.replace(
    /`_routing_timestamp` TIMESTAMP_LTZ\(3\) METADATA FROM 'timestamp' VIRTUAL/,
    '`_routing_timestamp` AS CAST(NULL AS TIMESTAMP_LTZ(3))',
  );
  out = out.replace(
    /`_routing_headers` MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL/,
    '`_routing_headers` AS CAST(NULL AS MAP<STRING, BYTES>)',
  );
  out = out.replace(
    /(CREATE TABLE `[^`]+` \((?:\n {2}.*)+\n\) WITH \()(?:\n {2}.*)+\n\);/,
    (_m, head: string) =>
      `${head}\n  'connector' = 'filesystem',\n  'path' = '${samplesFile.replace(/'/g, "''")}',\n  'format' = 'cdc-routing-json',\n  'cdc-routing-json.error-column' = '_routing_error',\n  'cdc-routing-json.raw-column' = '_routing_raw',\n  'cdc-routing-json.timestamp-format.standard' = 'ISO-8601',\n  'cdc-routing-json.fail-on-missing-field' = 'false'\n);`,
  );
  // The sinks (the routed events' and the dead letters'): their writable Kafka metadata become plain columns of a
  // print table.
  return out.replace(
    /(CREATE TABLE `(routed|dead_letters)` \((?:\n {2}.*)+\n\) WITH \()(?:\n {2}.*)+\n\);/g,
    (_m, head: string, name: string) =>
      `${head.replace(/ METADATA FROM '\w+'/g, '')}\n  'connector' = 'print',\n  'print-identifier' = '${name}'\n);`,
  );
}

function main(args: string[]): number {
  const filtersFile = path.resolve(args[0] ?? path.join(EXAMPLE, 'flink-jobs/filters-examples.yaml'));
  const samplesFile = path.join(EXAMPLE, 'samples/raw-events.jsonl');
  const schemaFile = path.join(EXAMPLE, 'schemas/raw-event.avsc');
  let lib: string;
  try {
    lib = flinkLib();
    execFileSync('javac', ['-version'], { stdio: 'ignore' });
  } catch (err) {
    console.error(`flink-check: ${(err as Error).message}`);
    return 2;
  }
  const doc = parseFilters(fs.readFileSync(filtersFile, 'utf8'));
  const schema = loadAvroSchema(fs.readFileSync(schemaFile, 'utf8'), schemaFile);
  const { bound } = bindFilters(doc, schema);
  const generated = generateSql({
    doc,
    bound,
    schema,
    filtersFile: path.basename(filtersFile),
    options: { target: 'flink', bootstrapServers: 'unused:9092', format: 'json' },
  });
  if (generated.problems.length) {
    console.error(`flink-check: generation refused filters: ${generated.problems.map((p) => p.message).join('; ')}`);
    return 2;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdcr-flink-check-'));
  try {
    const script = path.join(work, 'routing-local.sql');
    fs.writeFileSync(script, localScript(generated.sql, samplesFile));
    const classes = path.join(work, 'classes');
    const cp = `${path.join(lib, '*')}`;
    // The functions and the cdc-routing-json format, with the service file that makes the format discoverable.
    const flinkDir = path.join(ROOT, 'server/flink');
    const functions = fs
      .readdirSync(path.join(flinkDir, 'dev/cdcrouting/flink'))
      .filter((f) => f.endsWith('.java'))
      .map((f) => path.join(flinkDir, 'dev/cdcrouting/flink', f));
    execFileSync('javac', ['-cp', cp, '-d', classes, path.join(__dirname, 'SqlCheck.java'), ...functions], {
      stdio: 'inherit',
    });
    fs.cpSync(path.join(flinkDir, 'META-INF'), path.join(classes, 'META-INF'), { recursive: true });
    const log4j = path.join(work, 'log4j2.properties');
    fs.writeFileSync(
      log4j,
      'rootLogger.level = ERROR\nrootLogger.appenderRef.console.ref = C\nappender.console.type = Console\nappender.console.name = C\nappender.console.layout.type = PatternLayout\nappender.console.layout.pattern = %m%n\n',
    );
    const started = Date.now();
    const run = spawnSync(
      'java',
      [
        '-Xmx768m',
        '-cp',
        `${classes}${path.delimiter}${cp}`,
        `-Dlog4j.configurationFile=${log4j}`,
        'SqlCheck',
        'run',
        script,
      ],
      { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    const failed = output.split('\n').filter((l) => l.startsWith('FAIL'));
    if (run.status !== 0 || failed.length) {
      console.error(
        `flink-check: Flink failed:\n${output
          .split('\n')
          .filter((l) => /^(FAIL| {2})/.test(l))
          .slice(0, 20)
          .join('\n')}`,
      );
      return 1;
    }
    // Rows look like `filtered_x:1> +I[+I[<uuid>, …], …, +I[<filterId>, <consumerId>, <routedAt>]]`.
    const flink: string[] = [];
    for (const line of output.split('\n')) {
      if (!line.includes('> +I[')) continue;
      const uuid = /> \+I\[\+I\[([0-9a-f-]{36}),/.exec(line)?.[1];
      const filterId = /\+I\[([^,[\]]+), [^,[\]]+, [^,[\]]+\]\]$/.exec(line)?.[1];
      if (uuid && filterId) flink.push(`${filterId} ${uuid}`);
    }
    // The evaluator at the time Flink ran (withinLast compares with processing time).
    const now = Date.now();
    const router = compileRouting(bound, { now: () => now });
    const events = fs
      .readFileSync(samplesFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { eventHeader: { uuid: string } });
    const expected = new Set<string>();
    for (const e of events)
      for (const f of router.filters) if (f.matches(e, now)) expected.add(`${f.filter.id} ${e.eventHeader.uuid}`);
    const got = new Set(flink);
    const extra = [...got].filter((k) => !expected.has(k));
    const missing = [...expected].filter((k) => !got.has(k));
    const duplicates = flink.length - got.size;
    // The samples are all readable: none may reach the dead-letter sink.
    const deadLetters = output.split('\n').filter((l) => /^dead_letters(:\d+)?> /.test(l));
    for (const l of deadLetters.slice(0, 5)) console.log(`  dead letter: ${l.slice(0, 200)}`);
    console.log(
      `flink-check: ${path.relative(ROOT, filtersFile)}: ${router.filters.length} routes, ${events.length} events, Flink ${flink.length} routings ` +
        `(${Math.round((Date.now() - started) / 1000)} s), evaluator ${expected.size}; only in Flink ${extra.length}, only in the evaluator ${missing.length}, duplicates ${duplicates}`,
    );
    for (const k of extra.slice(0, 20)) console.log(`  only in Flink:     ${k}`);
    for (const k of missing.slice(0, 20)) console.log(`  only in evaluator: ${k}`);
    return extra.length === 0 && missing.length === 0 && duplicates === 0 && deadLetters.length === 0 ? 0 : 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
