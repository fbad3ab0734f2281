import { causeMessages, flinkRootCause } from './flinkErrorText';

/**
 * Why a Flink job did not start, read from the stack traces of its exception history (`/jobs/<id>/exceptions`).
 * Flink wraps the cause in several layers ("Recovery is suppressed by …", "Source coordinator failed …"), so the
 * whole trace is searched for the exception that names the cause, and that exception's own line is quoted: the
 * user sees Flink's words, not a guess.
 */
export type JobFailureKind = 'outOfMemory' | 'kafkaAuthentication' | 'missingTopic' | 'noTaskSlots' | 'other';

export interface JobFailureCause {
  kind: JobFailureKind;
  /** What it means, in words ("out of memory", "Kafka authentication failed"). */
  summary: string;
  /** Flink's own line for it: `ClassName: message` of the innermost exception that names the cause (first line). */
  flinkLine: string;
  /** What to do next. */
  hint: string;
}

interface Rule {
  kind: Exclude<JobFailureKind, 'other'>;
  summary: string;
  /** Matched against each cause of the trace as `ClassName: message`. */
  pattern: RegExp;
  hint: string;
}

// Order matters: a job whose sink cannot authenticate may also report a missing topic's metadata timeout, and an
// out-of-memory error can surface while a slot is being allocated; the more specific cause wins.
const RULES: Rule[] = [
  {
    kind: 'outOfMemory',
    summary: 'out of memory',
    pattern:
      /OutOfMemoryError|Java heap space|Metaspace|Direct buffer memory|Could not allocate (?!the required slot)|Insufficient number of network buffers|exceeds? the (?:memory )?limit/i,
    hint: "give the TaskManager (or JobManager) more memory (taskmanager.memory.process.size, or the job's parallelism lower), then deploy again",
  },
  {
    kind: 'kafkaAuthentication',
    summary: 'Kafka authentication failed',
    pattern:
      /SaslAuthenticationException|SslAuthenticationException|AuthenticationException|SSL handshake failed|SSLHandshakeException|PKIX path building failed|TopicAuthorizationException|GroupAuthorizationException/i,
    hint: "check the profile's Kafka security settings and secret (the job connects with them); Kafka's broker log says which side refused",
  },
  {
    kind: 'missingTopic',
    summary: 'a Kafka topic the job reads or writes does not exist',
    pattern: /UnknownTopicOrPartitionException|Topic .+ not present in metadata|does not host this topic-partition/i,
    hint: 'create the topic (cdc-routing plan names the command) or fix the topic in filters.yaml, then deploy again',
  },
  {
    kind: 'noTaskSlots',
    summary: 'no free task slots',
    pattern:
      /NoResourceAvailableException|Could not acquire the minimum required resources|Slot request bulk is not fulfillable/i,
    hint: 'free task slots (stop a job) or add TaskManagers / taskmanager.numberOfTaskSlots, then deploy again',
  },
];

/** The cause of a failed start from the job's exception traces (newest first); undefined when there are none. */
export function jobFailureCause(traces: string[]): JobFailureCause | undefined {
  const texts = traces.filter((t) => t.trim() !== '');
  if (texts.length === 0) return undefined;
  for (const rule of RULES) {
    for (const text of texts) {
      // the innermost matching cause is Flink's own line for it (wrappers repeat it with less);
      // a wrapper may carry its cause's class in its message only: the raw lines (not the frames) are the fallback
      const line =
        causeLines(text)
          .reverse()
          .find((l) => rule.pattern.test(l)) ??
        text
          .split('\n')
          .map((l) => l.trim().replace(/^Caused by: /, ''))
          .find((l) => !l.startsWith('at ') && rule.pattern.test(l));
      if (line) return { kind: rule.kind, summary: rule.summary, flinkLine: line, hint: rule.hint };
    }
  }
  return {
    kind: 'other',
    summary: 'the job failed',
    flinkLine: flinkRootCause(texts[0]).split('\n')[0],
    hint: 'see the job in the Flink Web UI (Exceptions tab)',
  };
}

/** Every exception of the trace as its first line, `ClassName: message`, outermost first. */
function causeLines(trace: string): string[] {
  const causes = causeMessages(trace);
  if (causes.length === 0) return [trace.trim().split('\n')[0]];
  return causes.map((c) => (c.message ? `${c.className}: ${c.message.split('\n')[0]}` : c.className));
}
