import type { FiltersDocument } from '../model/filterTypes';
import { deadLetterTopic, sourceTopic } from '../model/filterTypes';
import type { TopicInfo } from '../platform/kafka/kafkaTypes';
import type { TopicUse, TopicsResult, TopicView } from '../protocol';

/** Which topics the filters files read (their source) and write (each filter's outputTopic, then the job's
 * dead-letter topic), in file order. */
export function topicUses(files: { uri: string; doc: FiltersDocument }[]): Map<string, TopicUse[]> {
  const uses = new Map<string, TopicUse[]>();
  const add = (topic: string, use: TopicUse) => {
    const list = uses.get(topic) ?? [];
    list.push(use);
    uses.set(topic, list);
  };
  for (const { uri, doc } of files) add(sourceTopic(doc), { uri, role: 'reads' });
  for (const { uri, doc } of files) {
    for (const rule of doc.filters) {
      const topic = rule.outputTopic?.value;
      if (typeof topic === 'string' && topic)
        add(topic, { uri, role: 'writes', filterId: rule.id?.value, enabled: rule.enabled });
    }
  }
  for (const { uri, doc } of files) add(deadLetterTopic(doc), { uri, role: 'dead-letters' });
  return uses;
}

/**
 * The Topics view's order: the topics the filters files use first (sources, then outputs, as the files name
 * them), then the others by name. Internal topics (__consumer_offsets…) are left out; used topics the
 * cluster lacks are listed apart, so the view can say "not created yet".
 */
export function orderTopics(topics: TopicInfo[], uses: Map<string, TopicUse[]>): TopicsResult {
  const byName = new Map(topics.map((t) => [t.name, t]));
  const used: TopicView[] = [];
  const missing: TopicsResult['missing'] = [];
  for (const [name, u] of uses) {
    const info = byName.get(name);
    if (info) used.push({ ...info, uses: u });
    else missing.push({ name, uses: u });
  }
  const rest = topics
    .filter((t) => !uses.has(t.name) && !t.internal)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({ ...t, uses: [] }));
  return { topics: [...used, ...rest], missing };
}
