import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../cli/runCli';

/** A CLI run may take this long and this much heap; a hang or a memory blow-up fails the case instead of the machine. */
export const TIME_LIMIT_MS = 15_000;
export const HEAP_LIMIT_MB = 256;

export interface GuardedRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `cdc-routing <args>` in cwd under the time and heap guards, asserting it neither hung nor crashed. */
export function runGuarded(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): GuardedRun {
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_LIMIT_MB}`, path.join(REPO, 'bin/cdc-routing.js'), ...args],
    { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: TIME_LIMIT_MS, killSignal: 'SIGKILL' },
  );
  const ms = Date.now() - started;
  const all = `${r.stdout}\n${r.stderr}`;
  assert.ok(r.signal === null, `cdc-routing ${args.join(' ')} did not finish in ${TIME_LIMIT_MS} ms (${r.signal})`);
  assert.doesNotMatch(all, /heap out of memory|FATAL ERROR|Maximum call stack|^\s+at .*\(.*:\d+:\d+\)$/m, all);
  assert.doesNotMatch(all, /Cannot read properties|is not a function|Invalid time value|undefined \(reading/, all);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms };
}

/** A throw-away workspace: schemas/raw-event.avsc with one field of each kind the cases need, and filters.yaml. */
export const SCHEMA = {
  type: 'record',
  name: 'RawEvent',
  namespace: 'hostile',
  fields: [
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'amount', type: 'double' },
    { name: 'count', type: 'long' },
    { name: 'name', type: 'string' },
  ],
};

export function makeWorkspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-hostile-'));
  fs.mkdirSync(path.join(ws, 'schemas'));
  fs.writeFileSync(path.join(ws, 'schemas/raw-event.avsc'), JSON.stringify(SCHEMA, null, 2));
  return ws;
}

/** A filters file with one filter; `source`, `filter` and `conditions` are YAML lines to splice in. */
export function filtersYaml(
  o: { source?: string[]; filter?: string[]; conditions?: string[]; topic?: string; outputTopic?: string } = {},
): string {
  return [
    'source:',
    `  topic: ${o.topic ?? 'raw-business-events'}`,
    ...(o.source ?? []).map((l) => `  ${l}`),
    'filters:',
    '  - id: f1',
    '    name: F1',
    '    consumerId: c1',
    `    outputTopic: ${o.outputTopic ?? 'filtered-f1'}`,
    ...(o.filter ?? []).map((l) => `    ${l}`),
    '    conditions:',
    ...(o.conditions ?? ['- field: name', '  operator: equals', '  value: x']).map((l) => `      ${l}`),
    '',
  ].join('\n');
}

/** The line (1-based) of the first line of text containing needle. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in the file`);
  return i + 1;
}
