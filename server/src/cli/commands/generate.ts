import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { createTwoFilesPatch } from 'diff';
import { SchemaCache, schemaFor } from '../../avro/schemaLocator';
import { parseFilters } from '../../model/parseFilters';
import { STARTUP_MODES, type GenerateSqlOptions, type StartupMode } from '../../sql/connectorOptions';
import { generateSql } from '../../sql/generateSql';
import { validateFilters } from '../../validation/validateFilters';
import { readBoundedText } from '../../files/boundedRead';
import { readFailure } from '../readFailure';
import { UsageError, type CliCommand, type CliIo } from '../cliCommand';
import { formatProblem } from '../problemFormat';

const DEFAULT_FILE = path.join('flink-jobs', 'filters.yaml');
const DEFAULT_OUT = 'routing-generated.sql';

/**
 * `cdc-routing generate`: writes the Flink SQL routing job of a filters file, or with `--check` verifies
 * that the committed script is what the filters generate today (CI), printing a unified diff when not.
 * Exit 0 ok, 1 problems (a filter refused or invalid, or --check found a difference), 2 usage or I/O error.
 */
export const generateCommand: CliCommand = {
  name: 'generate',
  usage:
    'cdc-routing generate [FILE] [--schema PATH] [--target flink|confluent-cloud] [--bootstrap-servers HOSTS] ' +
    '[--format json|avro-confluent] [--schema-registry-url URL] [--startup-mode group-offsets|earliest-offset|latest-offset] ' +
    '[--group-id ID] [-o OUT] [--check]',
  summary: `Generate the Flink SQL routing job from a filters file (default ${DEFAULT_FILE}, written to ${DEFAULT_OUT} beside it); --check compares instead of writing.`,
  // The promise rejects (never throws) on a usage error, as an async function would.
  run: (args, io) => new Promise<number>((resolve) => resolve(runGenerate(args, io))),
};

function runGenerate(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      target: { type: 'string', default: 'flink' },
      'bootstrap-servers': { type: 'string', default: 'localhost:9092' },
      format: { type: 'string', default: 'json' },
      'schema-registry-url': { type: 'string' },
      'startup-mode': { type: 'string', default: 'group-offsets' },
      'group-id': { type: 'string' },
      output: { type: 'string', short: 'o' },
      check: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 1) throw new UsageError('generate takes one filters file');
  if (values.target !== 'flink' && values.target !== 'confluent-cloud')
    throw new UsageError(`--target must be flink or confluent-cloud, not ${values.target}`);
  if (values.format !== 'json' && values.format !== 'avro-confluent')
    throw new UsageError(`--format must be json or avro-confluent, not ${values.format}`);
  if (!STARTUP_MODES.includes(values['startup-mode'] as StartupMode))
    throw new UsageError(`--startup-mode must be one of ${STARTUP_MODES.join(', ')}`);
  if (values.format === 'avro-confluent' && values.target === 'flink' && !values['schema-registry-url']) {
    throw new UsageError('--format avro-confluent needs --schema-registry-url');
  }
  const file = path.resolve(io.cwd, positionals[0] ?? DEFAULT_FILE);
  const out = path.resolve(io.cwd, values.output ?? path.join(path.dirname(file), DEFAULT_OUT));
  const rel = (p: string) => path.relative(io.cwd, p) || p;

  let text: string;
  try {
    text = readBoundedText(file);
  } catch (err) {
    io.err(`cdc-routing generate: ${readFailure(err)}`);
    return 2;
  }
  const doc = parseFilters(text);
  const schemaLoad = schemaFor(
    doc,
    file,
    new SchemaCache(),
    values.schema ? path.resolve(io.cwd, values.schema) : undefined,
  );
  if (!schemaLoad.ok) {
    // At source.schema when the file names its schema, as validate and the editor say it.
    const at = schemaLoad.declared;
    io.err(
      at
        ? formatProblem(rel(file), doc.lineCounter, {
            span: at,
            severity: 'error',
            message: schemaLoad.message,
            code: 'schema-missing',
          })
        : `cdc-routing generate: ${schemaLoad.message}`,
    );
    return 2;
  }
  const { problems, bound, schema } = validateFilters(doc, schemaLoad);
  const options: GenerateSqlOptions = {
    target: values.target,
    bootstrapServers: values['bootstrap-servers'],
    format: values.format,
    schemaRegistryUrl: values['schema-registry-url'],
    startupMode: values['startup-mode'] as StartupMode,
    groupId: values['group-id'],
  };
  // The header names the filters file relative to the script, so the bytes do not depend on the checkout path.
  const filtersFile = path.relative(path.dirname(out), file).split(path.sep).join('/');
  const result = generateSql({ doc, bound, schema: schema!, filtersFile, options });
  const all = [...problems, ...result.problems]
    .filter((p) => p.severity === 'error' || p.severity === 'warning')
    .sort((a, b) => a.span.start - b.span.start);
  for (const p of all) io.out(formatProblem(rel(file), doc.lineCounter, p));
  if (all.some((p) => p.severity === 'error')) {
    io.err(
      `cdc-routing generate: ${all.filter((p) => p.severity === 'error').length} error(s); ${rel(out)} not ${values.check ? 'checked' : 'written'}.`,
    );
    return 1;
  }

  if (values.check) {
    let current: string | undefined;
    try {
      current = fs.readFileSync(out, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        io.err(`cdc-routing generate: cannot read ${rel(out)}: ${(err as NodeJS.ErrnoException).code}`);
        return 2;
      }
    }
    if (current === result.sql) {
      io.err(`${rel(out)} is up to date (routing-hash ${result.hash}).`);
      return 0;
    }
    io.out(
      createTwoFilesPatch(
        rel(out),
        rel(out),
        current ?? '',
        result.sql,
        current === undefined ? 'missing' : 'committed',
        'generated',
      ).trimEnd(),
    );
    io.err(
      `cdc-routing generate: ${rel(out)} ${current === undefined ? 'is missing' : 'is out of date'}; run \`cdc-routing generate${positionals[0] ? ' ' + positionals[0] : ''}\` and commit it.`,
    );
    return 1;
  }
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, result.sql);
  } catch (err) {
    io.err(
      `cdc-routing generate: cannot write ${rel(out)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
    return 2;
  }
  io.err(`Wrote ${rel(out)}: ${result.filterLocations.length} route(s), routing-hash ${result.hash}.`);
  return 0;
}
