import type { FiltersDocument } from '../model/filterTypes';
import type { Problem } from '../model/problem';
import type { Located } from '../model/span';
import { topicNameProblem } from '../model/topicName';

/** Every topic a filters file names, checked by Kafka's rule at its value. */
export function topicProblems(doc: FiltersDocument): Problem[] {
  const named: [string, Located<string> | undefined][] = [
    ['source.topic', doc.source?.topic],
    ['source.deadLetterTopic', doc.source?.deadLetterTopic],
    ...doc.filters.map((f, i): [string, Located<string> | undefined] => [
      `outputTopic of filter #${i + 1}`,
      f.outputTopic,
    ]),
  ];
  const problems: Problem[] = [];
  for (const [key, topic] of named) {
    if (!topic || typeof topic.value !== 'string') continue;
    const why = topicNameProblem(topic.value);
    if (why) problems.push({ span: topic.span, severity: 'error', message: `${key} ${why}.`, code: 'topic-name' });
  }
  return problems;
}
