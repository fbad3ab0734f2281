import * as assert from 'assert';
import { orderTopics, topicUses } from '../../../server/src/lsp/platformTopics';
import { parseFilters } from '../../../server/src/model/parseFilters';
import type { TopicInfo } from '../../../server/src/platform/kafka/kafkaTypes';

const FILTERS = `source:
  topic: raw-business-events
filters:
  - id: loans
    name: Loans
    consumerId: c1
    outputTopic: filtered-loan-events
    conditions: [{ field: eventHeader.eventName, operator: equals, value: LoanCreated }]
  - id: big-loans
    name: Big loans
    consumerId: c2
    outputTopic: filtered-loan-events
    enabled: false
    conditions: [{ field: eventHeader.eventName, operator: equals, value: LoanCreated }]
  - id: cars
    name: Cars
    consumerId: c3
    outputTopic: filtered-car-events
    conditions: [{ field: eventHeader.eventName, operator: equals, value: CarCreated }]
`;
const topic = (name: string, internal = false): TopicInfo => ({
  name,
  partitions: 3,
  replicationFactor: 1,
  messageCount: 0,
  internal,
});

describe('sidebar: which filters read and write which topics', () => {
  it('the source topic first, then output topics in file order with every filter writing them, then the rest by name; internal topics hidden', () => {
    const uri = 'file:///ws/filters.yaml';
    const uses = topicUses([{ uri, doc: parseFilters(FILTERS, uri) }]);
    const result = orderTopics(
      [
        topic('zeta'),
        topic('filtered-loan-events'),
        topic('__consumer_offsets', true),
        topic('alpha'),
        topic('raw-business-events'),
      ],
      uses,
    );
    assert.deepStrictEqual(
      result.topics.map((t) => t.name),
      ['raw-business-events', 'filtered-loan-events', 'alpha', 'zeta'],
    );
    assert.deepStrictEqual(
      result.topics[1].uses.map((u) => [u.filterId, u.enabled]),
      [
        ['loans', true],
        ['big-loans', false],
      ],
    );
    assert.deepStrictEqual(
      result.missing.map((m) => [m.name, m.uses[0].filterId ?? m.uses[0].role]),
      [
        ['filtered-car-events', 'cars'],
        ['raw-business-events.dlq', 'dead-letters'],
      ],
    );
  });

  it("the job's dead-letter topic comes after the outputs, with its message count", () => {
    const uri = 'file:///ws/filters.yaml';
    const uses = topicUses([{ uri, doc: parseFilters(FILTERS, uri) }]);
    const result = orderTopics(
      [
        topic('raw-business-events'),
        { ...topic('raw-business-events.dlq'), messageCount: 7 },
        topic('filtered-car-events'),
      ],
      uses,
    );
    assert.deepStrictEqual(
      result.topics.map((t) => [t.name, t.uses.map((u) => u.role).join(), t.messageCount]),
      [
        ['raw-business-events', 'reads', 0],
        ['filtered-car-events', 'writes', 0],
        ['raw-business-events.dlq', 'dead-letters', 7],
      ],
    );
  });
});
