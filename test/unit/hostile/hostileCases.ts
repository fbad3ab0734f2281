import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { filtersYaml } from './guardedCli';

/**
 * Malformed and hostile filters files, one kind per row: what the file holds, and either the text on the line of
 * the located error with its words, or a clean accept. Run through the CLI (hostileInputs.test.ts here) and the
 * language server over stdio (test/lsp/hostileInputs.test.ts).
 */
export interface HostileCase {
  kind: string;
  /** The filters file's text, or a function making what the path is (a FIFO, a link) and returning its YAML. */
  text: string | ((ws: string) => string);
  /** Text on the line the error is at ('' = the file itself: the CLI names it without a line). */
  at?: string;
  said?: RegExp;
  /** true: no error (exit 0). */
  accept?: boolean;
}

const cond = (field: string, operator: string, value: string) =>
  filtersYaml({ conditions: [`- field: ${field}`, `  operator: ${operator}`, `  value: ${value}`] });
const condValues = (field: string, operator: string, values: string) =>
  filtersYaml({ conditions: [`- field: ${field}`, `  operator: ${operator}`, `  values: ${values}`] });
const withSchema = (schema: (ws: string) => string) => (ws: string) =>
  filtersYaml({ source: [`schema: ${schema(ws)}`] });
const link = (ws: string, from: string, to: string) => fs.symlinkSync(path.join(ws, to), path.join(ws, from));

export const CASES: HostileCase[] = [
  { kind: 'a plain valid file', text: filtersYaml(), accept: true },
  // bounded reads
  {
    kind: 'schema is /dev/zero',
    text: withSchema(() => '/dev/zero'),
    at: 'schema: /dev/zero',
    said: /character device/,
  },
  { kind: 'schema is /dev/null', text: withSchema(() => '/dev/null'), at: 'schema:', said: /character device/ },
  {
    kind: 'schema is a FIFO',
    text: withSchema((ws) => {
      assert.strictEqual(spawnSync('mkfifo', [path.join(ws, 'pipe.avsc')]).status, 0);
      return 'pipe.avsc';
    }),
    at: 'schema: pipe.avsc',
    said: /FIFO \(named pipe\)/,
  },
  { kind: 'schema is a folder', text: withSchema(() => 'schemas'), at: 'schema: schemas', said: /is a directory/ },
  {
    kind: 'schema is a symlink loop',
    text: withSchema((ws) => {
      link(ws, 'loop-a.avsc', 'loop-b.avsc');
      link(ws, 'loop-b.avsc', 'loop-a.avsc');
      return 'loop-a.avsc';
    }),
    at: 'schema: loop-a.avsc',
    said: /symlink loop/,
  },
  {
    kind: 'schema is a dangling link',
    text: withSchema((ws) => (link(ws, 'gone.avsc', 'nowhere.avsc'), 'gone.avsc')),
    at: 'schema: gone.avsc',
    said: /not found/,
  },
  {
    kind: 'schema path goes through a file',
    text: withSchema(() => 'schemas/raw-event.avsc/x.avsc'),
    at: 'schema: schemas/raw-event.avsc/x',
    said: /not found/,
  },
  {
    kind: 'schema is not UTF-8',
    text: withSchema((ws) => {
      fs.writeFileSync(path.join(ws, 'latin1.avsc'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
      return 'latin1.avsc';
    }),
    at: 'schema: latin1.avsc',
    said: /is not UTF-8: byte 0xe9 at line 1/,
  },
  {
    kind: 'filters file not UTF-8',
    text: (ws) => {
      fs.writeFileSync(path.join(ws, 'bytes.yaml'), Buffer.from([0x66, 0x3a, 0x20, 0xff, 0x0a]));
      return filtersYaml();
    },
    at: '',
    said: /bytes\.yaml is not UTF-8: byte 0xff at line 1 \(byte offset 3\)/,
  },
  // bounded values
  {
    kind: 'withinLast 1e20 days',
    text: cond('ts', 'withinLast', '"99999999999999999999d"'),
    at: '99999999999999999999d',
    said: /longer than Flink's INTERVAL can hold/,
  },
  {
    kind: 'withinLast 1000000d',
    text: cond('ts', 'withinLast', '"1000000d"'),
    at: '1000000d',
    said: /at most 999999d/,
  },
  { kind: 'withinLast 999999d', text: cond('ts', 'withinLast', '"999999d"'), accept: true },
  { kind: 'withinLast 0d', text: cond('ts', 'withinLast', '"0d"'), at: '"0d"', said: /takes a duration like 30m/ },
  { kind: 'withinLast -5m', text: cond('ts', 'withinLast', '"-5m"'), at: '"-5m"', said: /takes a duration/ },
  { kind: 'withinLast 5 weeks', text: cond('ts', 'withinLast', '"5w"'), at: '"5w"', said: /units ms, s, m, h, d/ },
  { kind: 'withinLast a number', text: cond('ts', 'withinLast', '30'), at: 'value: 30', said: /takes a duration/ },
  {
    kind: 'Feb 30',
    text: cond('ts', 'greaterThan', '"2026-02-30T00:00:00Z"'),
    at: '2026-02-30',
    said: /2026-02 has no day 30/,
  },
  { kind: 'Feb 29 in a leap year', text: cond('ts', 'greaterThan', '"2028-02-29T00:00:00Z"'), accept: true },
  {
    kind: 'Feb 29 of 1900',
    text: cond('day', 'equals', '"1900-02-29"'),
    at: '1900-02-29',
    said: /1900-02 has no day 29/,
  },
  { kind: 'month 00', text: cond('day', 'equals', '"2026-00-10"'), at: '2026-00-10', said: /month 00 does not exist/ },
  {
    kind: 'April 31',
    text: cond('day', 'equals', '"2026-04-31"'),
    at: '2026-04-31',
    said: /has no day 31 \(it has 30 days\)/,
  },
  {
    kind: 'hour 25',
    text: cond('ts', 'lessThan', '"2026-01-01T25:00:00Z"'),
    at: 'T25',
    said: /hour 25 does not exist/,
  },
  { kind: 'minute 61', text: cond('ts', 'lessThan', '"2026-01-01T10:61:00Z"'), at: '10:61', said: /minute 61/ },
  { kind: 'leap second', text: cond('ts', 'lessThan', '"2026-12-31T23:59:60Z"'), at: '23:59:60', said: /second 60/ },
  {
    kind: 'offset +19:00',
    text: cond('ts', 'lessThan', '"2026-01-01T10:00:00+19:00"'),
    at: '+19:00',
    said: /zone offset/,
  },
  {
    kind: 'timestamp without zone',
    text: cond('ts', 'lessThan', '"2026-01-01T10:00:00"'),
    at: 'T10:00:00"',
    said: /ISO-8601 with a zone/,
  },
  { kind: '1e400', text: cond('amount', 'greaterThan', '1e400'), at: '1e400', said: /number out of range/ },
  { kind: '-1e400', text: cond('amount', 'greaterThan', '-1e400'), at: '-1e400', said: /number out of range/ },
  { kind: '.inf', text: cond('amount', 'greaterThan', '.inf'), at: '.inf', said: /number out of range/ },
  { kind: '.NaN', text: cond('amount', 'greaterThan', '.NaN'), at: '.NaN', said: /not a number \(NaN\)/ },
  { kind: '.nan in a between', text: condValues('count', 'between', '[1, .nan]'), at: '.nan', said: /not a number/ },
  // topic names
  {
    kind: 'source.topic as a list',
    text: filtersYaml({ topic: 'raw-business-events;other-team-topic' }),
    at: 'other-team-topic',
    said: /";" not allowed/,
  },
  { kind: 'source.topic with a comma', text: filtersYaml({ topic: 'a,b' }), at: 'topic: a,b', said: /"," not allowed/ },
  {
    kind: 'source.topic with a space',
    text: filtersYaml({ topic: '"raw events"' }),
    at: 'raw events',
    said: /a space not allowed/,
  },
  { kind: 'source.topic ..', text: filtersYaml({ topic: '".."' }), at: 'topic: ".."', said: /cannot be "\.\."/ },
  {
    kind: 'source.topic 250 long',
    text: filtersYaml({ topic: 't'.repeat(250) }),
    at: 'topic: ttt',
    said: /250 characters long/,
  },
  { kind: 'source.topic 249 long', text: filtersYaml({ topic: 't'.repeat(249) }), accept: true },
  { kind: 'source.topic unicode', text: filtersYaml({ topic: 'événements' }), at: 'topic: é', said: /"é" not allowed/ },
  {
    kind: 'outputTopic with a space',
    text: filtersYaml({ outputTopic: 'out topic' }),
    at: 'outputTopic: out',
    said: /a space not allowed/,
  },
  { kind: 'outputTopic .', text: filtersYaml({ outputTopic: '.' }), at: 'outputTopic: .', said: /cannot be "\."/ },
  {
    kind: 'outputTopic with a slash',
    text: filtersYaml({ outputTopic: 'a/b' }),
    at: 'outputTopic: a/b',
    said: /"\/" not allowed/,
  },
  // structure and meaning
  { kind: 'an empty file', text: '', at: '', said: /The file is empty: expected "filters:"/ },
  { kind: 'only a comment', text: '# nothing here\n', at: '# nothing', said: /The file is empty/ },
  { kind: 'filters: null', text: 'filters: null\n', at: 'filters: null', said: /"filters" must be array/ },
  { kind: 'filters as a map', text: 'filters: {a: 1}\n', at: 'filters: {a', said: /"filters" must be array/ },
  {
    kind: 'a key written twice',
    text: filtersYaml({ conditions: ['- field: name', '  field: name', '  operator: equals', '  value: x'] }),
    at: '  field: name',
    said: /Map keys must be unique/,
  },
  {
    kind: 'an unknown operator',
    text: cond('name', 'sortof', 'x'),
    at: 'operator: sortof',
    said: /Unknown operator "sortof"/,
  },
  { kind: 'an unknown field', text: cond('nmae', 'equals', 'x'), at: 'field: nmae', said: /Unknown field "nmae"/ },
  {
    kind: 'in with no values',
    text: condValues('name', 'in', '[]'),
    at: 'values: []',
    said: /needs at least one value/,
  },
  { kind: 'between with one value', text: condValues('count', 'between', '[1]'), at: 'values: [1]', said: /between/ },
  { kind: 'an unclosed regex group', text: cond('name', 'matches', '"("'), at: 'value: "("', said: /Unclosed group/ },
  {
    kind: 'a billion laughs (aliases)',
    text: `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nfilters: []\n`,
    at: 'a: &a',
    said: /resource exhaustion/,
  },
  {
    kind: 'a duplicate filter id',
    text:
      filtersYaml() +
      filtersYaml().split('filters:\n')[1].replace('name: F1', 'name: F2').replace('filtered-f1', 'filtered-f2'),
    at: '',
    said: /:12:\d+ error Duplicate filter id "f1" \(first used on line 4\)/,
  },
  { kind: 'a byte-order mark', text: `\uFEFF${filtersYaml()}`, accept: true },
  { kind: 'CRLF line ends', text: filtersYaml().replace(/\n/g, '\r\n'), accept: true },
  { kind: 'a 1 MB value', text: cond('name', 'equals', `"${'x'.repeat(1_000_000)}"`), accept: true },
  { kind: 'a number for a text field', text: cond('name', 'equals', '12'), at: 'value: 12', said: /quote the value/ },
  {
    kind: 'text for a number field',
    text: cond('amount', 'equals', '"12"'),
    at: 'value: "12"',
    said: /remove the quotes/,
  },
  { kind: 'source.schema empty', text: filtersYaml({ source: ['schema: ""'] }), at: 'schema: ""', said: /./ },
  {
    kind: 'an unknown key in source',
    text: filtersYaml({ source: ['topics: x'] }),
    at: 'topics: x',
    said: /Unknown key "topics"/,
  },
  // messages
  {
    kind: 'a NUL byte',
    text: `${filtersYaml()}\0\n`,
    at: '\0',
    said: /A control character \(U\+0000\) is here: a YAML file holds printable text only/,
  },
  { kind: 'an escape character', text: filtersYaml().replace('F1', 'F\x1b[31m1'), at: 'F\x1b', said: /U\+001B/ },
  {
    kind: 'tab indentation',
    text: filtersYaml().replace('  topic:', '\ttopic:'),
    at: '\ttopic',
    said: /indented with a tab: YAML indents with spaces only/,
  },
  {
    kind: 'two YAML documents',
    text: `${filtersYaml()}---\n${filtersYaml()}`,
    at: '---',
    said: /A second YAML document starts here \(---\): a filters file is one document/,
  },
  {
    kind: '10,000-deep flow nesting',
    text: filtersYaml({ conditions: [`- ${'['.repeat(10_000)}${']'.repeat(10_000)}`] }),
    at: '[[[',
    said: /Nesting is too deep here to check/,
  },
];
