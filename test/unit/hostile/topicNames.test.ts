import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { topicNameProblem } from '../../../server/src/model/topicName';
import { filtersYaml, lineOf, makeWorkspace, runGuarded } from './guardedCli';

describe('topic names follow Kafka’s rule everywhere', () => {
  it('accepts what Kafka accepts and says what is wrong with the rest', () => {
    for (const ok of ['raw-business-events', 'a', 'x.y_z-1', 'A'.repeat(249), '...'])
      assert.strictEqual(topicNameProblem(ok), undefined, ok);
    assert.match(
      topicNameProblem('raw;other')!,
      /";" not allowed \(one topic per key: the connector would read a list\)/,
    );
    assert.match(topicNameProblem('a,b')!, /"," not allowed/);
    assert.match(topicNameProblem('out topic')!, /a space not allowed/);
    assert.match(topicNameProblem('tab\there')!, /a tab not allowed/);
    assert.match(topicNameProblem('ünïcode')!, /"ü", "ï" not allowed/);
    assert.match(topicNameProblem('.')!, /cannot be "\."/);
    assert.match(topicNameProblem('..')!, /cannot be "\.\."/);
    assert.match(topicNameProblem('A'.repeat(250))!, /is 250 characters long; Kafka topic names have at most 249/);
    assert.match(topicNameProblem('')!, /is empty/);
  });

  let ws: string;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  const cases: { o: Parameters<typeof filtersYaml>[0]; at: string; said: RegExp }[] = [
    {
      o: { topic: 'raw-business-events;other-team-topic' },
      at: 'topic: raw-business-events;',
      said: /source\.topic "raw-business-events;other-team-topic" is not a Kafka topic name: ";" not allowed/,
    },
    { o: { topic: '"raw business events"' }, at: 'topic: "raw business', said: /source\.topic .* a space not allowed/ },
    { o: { topic: '".."' }, at: 'topic: ".."', said: /source\.topic cannot be "\.\."/ },
    { o: { topic: '""' }, at: 'topic: ""', said: /source\.topic is empty/ },
    { o: { outputTopic: 'out topic' }, at: 'outputTopic: out topic', said: /outputTopic of filter #1 .* a space/ },
    { o: { outputTopic: '.' }, at: 'outputTopic: .', said: /outputTopic of filter #1 cannot be "\."/ },
    { o: { outputTopic: 'a,b' }, at: 'outputTopic: a,b', said: /outputTopic of filter #1 "a,b" .* "," not allowed/ },
  ];
  for (const c of cases) {
    it(`validate and generate refuse ${c.at}, once, at the value`, () => {
      const text = filtersYaml(c.o);
      fs.writeFileSync(path.join(ws, 'filters.yaml'), text);
      const at = new RegExp(`^filters\\.yaml:${lineOf(text, c.at)}:\\d+ error ${c.said.source}`, 'm');
      const v = runGuarded(['validate', 'filters.yaml'], ws);
      assert.strictEqual(v.code, 1, v.stdout + v.stderr);
      assert.match(v.stdout, at);
      assert.strictEqual(v.stdout.trim().split('\n').length, 1, `one problem, not a shape error too:\n${v.stdout}`);
      const g = runGuarded(['generate', 'filters.yaml'], ws);
      assert.strictEqual(g.code, 1, g.stdout + g.stderr);
      assert.match(g.stdout + g.stderr, at);
    });
  }
});
