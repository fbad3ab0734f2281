import { PlatformError } from '../platformError';
import { redactSecrets } from '../redactSecrets';

/**
 * A kafkajs failure as a PlatformError: the innermost cause (kafkajs wraps socket errors in retry errors),
 * said plainly, with a hint for the usual causes. Secrets are masked in case a broker echoes one.
 */
export function kafkaFailure(err: unknown, what: string, where: string, secrets: string[] = []): PlatformError {
  if (err instanceof PlatformError) return err;
  const root = rootCause(err);
  const why = redactSecrets(describe(root), secrets);
  return new PlatformError('kafka', what, where, why, hintFor(root, why));
}

function rootCause(err: unknown): Error {
  let e = err as Error & { originalError?: Error; cause?: Error };
  for (let i = 0; i < 10 && e; i++) {
    const next = e.originalError ?? (e.cause instanceof Error ? e.cause : undefined);
    if (!next) break;
    e = next as typeof e;
  }
  return e instanceof Error ? e : new Error(String(err));
}

function describe(e: Error): string {
  const type = (e as { type?: string }).type;
  const message = e.message.replace(/^Connection error: /, '').trim();
  if (e.name === 'KafkaJSProtocolError' && type && !message.toUpperCase().includes(type)) return `${message} (${type})`;
  return message || e.name;
}

function hintFor(e: Error, why: string): string | undefined {
  const text = `${e.name} ${why}`;
  // TLS first: kafkajs reports a failed handshake as a KafkaJSConnectionError, which the reachability hint would
  // misread as "is Kafka running?" when the broker answered and its certificate was the problem.
  if (/altnames|does not match certificate|ERR_TLS_CERT_ALTNAME/i.test(text)) {
    return "the broker's certificate does not name this host: use a bootstrap address its certificate lists";
  }
  if (/certificate|self[- ]signed|CERT_|unable to verify|unable to get (local )?issuer/i.test(text)) {
    return "the broker's certificate is not signed by a CA this machine trusts: set kafka.tls.caFile of the profile to the PEM file of the CA that signed it";
  }
  if (/before secure TLS connection was established|wrong version number|packet length too long/i.test(text)) {
    return 'the broker did not answer the TLS handshake: is this a TLS listener? check the port, or turn off kafka.tls in the profile';
  }
  if (/Closed connection|KafkaJSConnectionClosed/i.test(text)) {
    return 'the broker closed the connection: if its listener needs TLS or SASL, set kafka.tls / kafka.sasl in the profile; otherwise is Kafka running and reachable?';
  }
  if (
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|timed? ?out|Connection (timeout|closed)|KafkaJSConnection/i.test(
      text,
    )
  ) {
    return 'is Kafka running and reachable? check the bootstrap servers of the profile (the "local" profile is the local stack: see its guide, docs/local-stack.md)';
  }
  if (/SASL|authenticat/i.test(text)) return 'check the SASL mechanism, user name and the secret kafka.password';
  if (/SSL|TLS/i.test(text)) {
    return "set kafka.tls.caFile of the profile to the PEM file of the CA that signed the brokers' certificates";
  }
  if (/UNKNOWN_TOPIC_OR_PARTITION|does not host this topic/i.test(text))
    return 'check the topic name (cdc-routing lists topics in the sidebar)';
  if (/AUTHORIZATION/i.test(text)) return 'the user lacks an ACL for this operation';
  return undefined;
}
