import * as path from 'path';
import { parseArgs } from 'util';
import { SchemaCache, schemaFor } from '../../avro/schemaLocator';
import { parseFilters } from '../../model/parseFilters';
import { loadSamples, samplePathsFor } from '../../samples/loadSamples';
import { sampleEncodingProblem } from '../../samples/sampleEncoding';
import { validateFilters } from '../../validation/validateFilters';
import { readBoundedText } from '../../files/boundedRead';
import { readFailure } from '../readFailure';
import { UsageError, type CliCommand, type CliIo } from '../cliCommand';
import { findFiltersFiles } from '../../workspace/findFiltersFiles';
import { formatProblem, problemJson } from '../problemFormat';

export const validateCommand: CliCommand = {
  name: 'validate',
  usage: 'cdc-routing validate [FILES…] [--schema PATH] [--format text|json]',
  summary: 'Check filters files against their Avro schema (exit 0 clean, 1 problems, 2 usage or I/O error).',
  // The promise rejects (never throws) on a usage error, as an async function would.
  run: (args, io) => new Promise<number>((resolve) => resolve(runValidate(args, io))),
};

function runValidate(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { schema: { type: 'string' }, format: { type: 'string', default: 'text' } },
  });
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`--format must be text or json, not ${values.format}`);
  const files = positionals.length ? positionals.map((f) => path.resolve(io.cwd, f)) : findFiltersFiles(io.cwd);
  if (files.length === 0) throw new UsageError(`no filters*.yaml found under ${io.cwd}; name the files to check`);
  const cache = new SchemaCache();
  const report: object[] = [];
  let problemsFound = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readBoundedText(file);
    } catch (err) {
      io.err(`cdc-routing validate: ${readFailure(err)}`);
      return 2;
    }
    const doc = parseFilters(text);
    const { problems, schema } = validateFilters(
      doc,
      schemaFor(doc, file, cache, values.schema ? path.resolve(io.cwd, values.schema) : undefined),
    );
    // The samples stand for the topic: timestamps written otherwise than source.timestamps says fail the job.
    const samples = schema && loadSamples(samplePathsFor(file));
    const encoding = samples && sampleEncodingProblem(doc, schema, samples.events, (f) => path.relative(io.cwd, f));
    if (encoding) problems.push(encoding);
    const shown = problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
    problemsFound += shown.length;
    const rel = path.relative(io.cwd, file) || file;
    for (const p of shown) {
      if (values.format === 'text') io.out(formatProblem(rel, doc.lineCounter, p));
      else report.push(problemJson(rel, doc.lineCounter, p));
    }
  }
  if (values.format === 'json')
    io.out(JSON.stringify({ files: files.map((f) => path.relative(io.cwd, f)), problems: report }, null, 2));
  else
    io.err(
      problemsFound === 0
        ? `${files.length} file(s) checked, no problems.`
        : `${problemsFound} problem(s) in ${files.length} file(s).`,
    );
  return problemsFound === 0 ? 0 : 1;
}
