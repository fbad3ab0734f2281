import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { checkFilterTests } from '../../filterTests/checkFilterTests';
import { junitReport } from '../../filterTests/junitReport';
import { openFilterTests, type FilterTestContext } from '../../filterTests/openFilterTests';
import { runFilterTests, type CaseResult } from '../../filterTests/runFilterTests';
import { readFailure } from '../readFailure';
import { UsageError, type CliCommand, type CliIo } from '../cliCommand';
import { formatProblem } from '../problemFormat';

export const DEFAULT_TEST_FILE = path.join('flink-jobs', 'filters.test.yaml');

/** `cdc-routing test`: runs filter test files with the routing evaluator. */
export const testCommand: CliCommand = {
  name: 'test',
  usage: 'cdc-routing test [FILES…] [--junit OUT.xml] [--now ISO-8601]',
  summary: `Run filter tests (default ${DEFAULT_TEST_FILE}); exit 0 all pass, 1 failing cases or errors in the test file, 2 usage or I/O error.`,
  // The promise rejects (never throws) on a usage error, as an async function would.
  run: (args, io) => new Promise<number>((resolve) => resolve(runTest(args, io))),
};

function runTest(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { junit: { type: 'string' }, now: { type: 'string' } },
  });
  let now: (() => number) | undefined;
  if (values.now !== undefined) {
    const millis = Date.parse(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || !Number.isFinite(millis))
      throw new UsageError(`--now must be an ISO-8601 instant like 2026-11-24T00:00:00Z, not ${values.now}`);
    now = () => millis;
  }
  const files = (positionals.length ? positionals : [DEFAULT_TEST_FILE]).map((f) => path.resolve(io.cwd, f));
  const suites: { file: string; results: CaseResult[]; fatal?: string }[] = [];
  let failing = 0;
  let fileErrors = 0;
  for (const file of files) {
    const rel = path.relative(io.cwd, file) || file;
    if (!fs.existsSync(file)) {
      io.err(
        `cdc-routing test: ${rel} not found${positionals.length ? '' : ' (the default; name the test file to run)'}`,
      );
      return 2;
    }
    let ctx: FilterTestContext;
    try {
      ctx = openFilterTests(file);
    } catch (err) {
      io.err(`cdc-routing test: ${readFailure(err)}`);
      return 2;
    }
    const syntax = ctx.doc.problems.filter((p) => p.code === 'yaml-syntax');
    if (syntax.length > 0) {
      for (const p of syntax) io.err(formatProblem(rel, ctx.doc.lineCounter, { ...p }));
      return 2;
    }
    if (ctx.fatal) {
      io.err(
        ctx.fatalSpan
          ? formatProblem(rel, ctx.doc.lineCounter, {
              span: ctx.fatalSpan,
              severity: 'error',
              message: ctx.fatal,
              code: 'test-filters',
            })
          : `cdc-routing test: ${rel}: ${ctx.fatal}`,
      );
      return 2;
    }
    // Diagnostics of the test file (unknown topics, events that do not fit the schema…): errors fail the run.
    for (const p of checkFilterTests(ctx)) {
      if (p.severity !== 'error' && p.severity !== 'warning') continue;
      io.err(formatProblem(rel, ctx.doc.lineCounter, p));
      if (p.severity === 'error') fileErrors++;
    }
    const results = runFilterTests(ctx, { now });
    suites.push({ file: rel, results });
    io.out(`${rel} (testing ${path.relative(io.cwd, ctx.filtersFile)})`);
    for (const r of results) {
      const mark = r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : '!';
      io.out(`  ${mark} ${r.name}${r.status === 'passed' ? '' : `  (${rel}:${r.line})`}`);
      if (r.status === 'passed') continue;
      failing++;
      for (const m of r.messages) io.out(`      ${m}`);
      io.out(
        `      expected: ${r.expected.routedTo ? `routedTo [${r.expected.routedTo.join(', ')}]` : ''}${r.expected.notRoutedTo ? ` notRoutedTo [${r.expected.notRoutedTo.join(', ')}]` : ''}`
          .replace(': ', ': ')
          .trimEnd(),
      );
      io.out(`      actual:   routed to [${r.actual.join(', ')}]${r.eventSource ? `  (event: ${r.eventSource})` : ''}`);
    }
  }
  const all = suites.flatMap((s) => s.results);
  const passed = all.filter((r) => r.status === 'passed').length;
  io.out(
    `\n${passed} passed, ${all.length - passed} failing, ${all.length} case(s) in ${suites.length} file(s)${fileErrors ? `; ${fileErrors} error(s) in the test file(s)` : ''}.`,
  );
  if (values.junit) {
    const out = path.resolve(io.cwd, values.junit);
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, junitReport(suites));
    } catch (err) {
      io.err(`cdc-routing test: cannot write ${values.junit}: ${(err as Error).message}`);
      return 2;
    }
    io.err(`JUnit report written to ${path.relative(io.cwd, out)}`);
  }
  return failing > 0 || fileErrors > 0 ? 1 : 0;
}
