import { observeCall, type CallAnswer } from '../callLog';
import type { KafkaPlatform } from './kafkaTypes';

/**
 * A Kafka client whose every operation is recorded in the platform call log (callLog.ts): health, topic listing
 * and creation, produce, the start of a tail (the fetches of a running tail are not: they are many per second).
 */
export function observedKafka(kafka: KafkaPlatform, where: string, secrets: string[]): KafkaPlatform {
  const observe = <T>(
    what: string,
    request: string | undefined,
    work: () => Promise<T>,
    answer?: (v: T) => CallAnswer,
  ) => observeCall({ service: 'kafka', what, where, request }, secrets, work, answer);
  return {
    // a health check answers a down broker as data
    health: () =>
      observe(
        'check health',
        undefined,
        () => kafka.health(),
        (h) => ({ failed: h.ok ? undefined : (h.error?.why ?? 'down') }),
      ),
    listTopics: () => observe('list topics', undefined, () => kafka.listTopics()),
    createTopics: (specs) =>
      observe('create topics', `topics ${specs.map((s) => s.name).join(',')}`, () => kafka.createTopics(specs)),
    produce: (topic, messages) =>
      observe('produce', `${messages.length} message(s) to ${topic}`, () => kafka.produce(topic, messages)),
    tail: (options) => observe('start a tail', `topic ${options.topic}`, () => kafka.tail(options)),
    close: () => kafka.close(),
  };
}
