import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { jobFailureCause } from '../../../server/src/platform/flink/jobFailureCause';

// `/jobs/<id>/exceptions` bodies: missing-topic and kafka-auth recorded from Flink 1.20 on the local stack (a job
// reading a topic that does not exist; one whose SCRAM password is wrong on the SASL_SSL listener). Out of
// memory and no free slots cannot be provoked cheaply there: those bodies are written in the same shape, with
// the exception lines Flink 1.20 throws for them.
function traces(name: string): string[] {
  const body = JSON.parse(fs.readFileSync(path.join(__dirname, 'flinkExceptions', `${name}.json`), 'utf8')) as {
    'root-exception'?: string;
    exceptionHistory?: { entries?: { stacktrace?: string }[] };
  };
  const entries = body.exceptionHistory?.entries ?? [];
  return entries.length ? entries.map((e) => e.stacktrace ?? '') : [body['root-exception'] ?? ''];
}

describe("why a job did not start, from Flink's exception history", () => {
  it('a heap exhausted: out of memory, quoting the OutOfMemoryError', () => {
    const cause = jobFailureCause(traces('out-of-memory'))!;
    assert.equal(cause.kind, 'outOfMemory');
    assert.equal(cause.summary, 'out of memory');
    assert.equal(cause.flinkLine, 'java.lang.OutOfMemoryError: Java heap space');
    assert.match(cause.hint, /taskmanager\.memory\.process\.size/);
  });

  it('managed memory that could not be allocated, wrapped twice: out of memory, quoting the innermost line', () => {
    const cause = jobFailureCause(traces('managed-memory'))!;
    assert.equal(cause.kind, 'outOfMemory');
    assert.equal(
      cause.flinkLine,
      'org.apache.flink.runtime.memory.MemoryAllocationException: Could not allocate 64 pages',
    );
  });

  it('no free slots: says so, quoting NoResourceAvailableException (not mistaken for memory)', () => {
    const cause = jobFailureCause(traces('no-task-slots'))!;
    assert.equal(cause.kind, 'noTaskSlots');
    assert.equal(cause.summary, 'no free task slots');
    assert.match(cause.flinkLine, /NoResourceAvailableException: Could not acquire the minimum required resources\.$/);
  });

  it('a source topic that does not exist: missing topic, quoting UnknownTopicOrPartitionException', () => {
    const cause = jobFailureCause(traces('missing-topic'))!;
    assert.equal(cause.kind, 'missingTopic');
    assert.equal(
      cause.flinkLine,
      'org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.',
    );
  });

  it('a wrong SASL password: Kafka authentication failed, quoting the SaslAuthenticationException', () => {
    const cause = jobFailureCause(traces('kafka-auth'))!;
    assert.equal(cause.kind, 'kafkaAuthentication');
    assert.equal(cause.summary, 'Kafka authentication failed');
    assert.equal(
      cause.flinkLine,
      'org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
    );
  });

  it('an SSL handshake refused (untrusted CA): Kafka authentication failed', () => {
    const trace = [
      'org.apache.flink.util.FlinkRuntimeException: Failed to list subscribed topic partitions due to ',
      '\tat org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumerator.checkPartitionChanges(KafkaSourceEnumerator.java:234)',
      'Caused by: org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake failed',
      'Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target',
      '\t... 10 more',
    ].join('\n');
    const cause = jobFailureCause([trace])!;
    assert.equal(cause.kind, 'kafkaAuthentication');
    assert.equal(
      cause.flinkLine,
      'javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target',
    );
  });

  it('anything else: the root cause as Flink words it; no exceptions: no cause', () => {
    const cause = jobFailureCause([
      'java.lang.RuntimeException: wrapper\n\tat x.y(Z.java:1)\nCaused by: java.lang.IllegalStateException: the real reason\n\t... 3 more',
    ])!;
    assert.equal(cause.kind, 'other');
    assert.equal(cause.flinkLine, 'the real reason');
    assert.equal(jobFailureCause([]), undefined);
    assert.equal(jobFailureCause(['  ']), undefined);
  });
});
