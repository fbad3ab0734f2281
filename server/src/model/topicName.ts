/**
 * Kafka's rule for a topic name (org.apache.kafka.common.internals.Topic#validate): 1 to 249 characters of
 * [a-zA-Z0-9._-], and not "." or "..". The one rule for every topic a filters file names (source, outputs,
 * dead-letter topic): a `;` or `,` would make the Kafka connector read a list of topics (another team's too),
 * and a space breaks the job name deploy recognises its job by.
 */
export const TOPIC_MAX_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Why `name` is not a Kafka topic name (a sentence fragment after the key), or undefined when it is one. */
export function topicNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty: a Kafka topic name has 1 to 249 characters';
  if (name === '.' || name === '..') return `cannot be "${name}" (Kafka refuses it as a topic name)`;
  if (name.length > TOPIC_MAX_LENGTH)
    return `is ${name.length} characters long; Kafka topic names have at most ${TOPIC_MAX_LENGTH}`;
  if (!LEGAL.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9._-]/.test(c)))];
    const shown = bad.map((c) => (c === ' ' ? 'a space' : c === '\t' ? 'a tab' : JSON.stringify(c))).join(', ');
    const list = bad.includes(';') || bad.includes(',') ? ' (one topic per key: the connector would read a list)' : '';
    return `"${name}" is not a Kafka topic name: ${shown} not allowed${list}; use letters, digits, ".", "_" and "-"`;
  }
  return undefined;
}
