// Invariant: platform calls never throw into the editor. Each is bounded in time (`bounded`) and answered as data
// (`asResult`: what, where, why, hint), so a dead or hanging service is a node the user can read and act on, and
// never blocks the views of the others.

import type { ConnectionProfile } from '../platform/connectionProfile';
import { PlatformError, SERVICE_LABELS, type ServiceName } from '../platform/platformError';
import { redactSecrets } from '../platform/redactSecrets';
import type { PlatformErrorInfo, PlatformResult } from '../protocol';

/** Where a service of a profile is reached, for messages (addresses only: profiles hold no credentials). */
export function serviceWhere(profile: ConnectionProfile, service: ServiceName): string {
  switch (service) {
    case 'kafka':
      return profile.kafka?.bootstrapServers.join(',') ?? '(no Kafka in the profile)';
    case 'connect':
      return profile.connect?.url ?? '(no Kafka Connect in the profile)';
    case 'flink':
      return profile.flink?.restUrl ?? '(no Flink in the profile)';
    case 'sqlGateway':
      return profile.flink?.sqlGatewayUrl ?? '(no SQL Gateway in the profile)';
    case 'schemaRegistry':
      return profile.schemaRegistry?.url ?? '(no Schema Registry in the profile)';
    case 'confluentCloud':
      return profile.confluentCloud
        ? `Confluent Cloud ${profile.confluentCloud.provider}/${profile.confluentCloud.region}`
        : '(no Confluent Cloud in the profile)';
  }
}

/** Any failure as the user should see it: a PlatformError's parts, or the message of anything else (never a stack). */
export function errorInfo(
  err: unknown,
  fallback: { service?: ServiceName; what: string; where: string },
  secrets: string[],
): PlatformErrorInfo {
  const clean = (s: string) => redactSecrets(s, secrets);
  if (err instanceof ProfileProblem)
    return { service: fallback.service, what: err.what, where: err.where, why: clean(err.why), hint: err.hint };
  if (err instanceof PlatformError) {
    return {
      service: err.service,
      what: clean(err.what),
      where: clean(err.where),
      why: clean(err.why),
      hint: err.hint && clean(err.hint),
    };
  }
  const why = err instanceof Error ? err.message : String(err);
  return {
    service: fallback.service,
    what: fallback.what,
    where: clean(fallback.where),
    why: clean(why.split('\n')[0]),
  };
}

/** A request no service could answer because the profile itself is wrong (unknown name, service not configured). */
export class ProfileProblem extends Error {
  constructor(
    readonly what: string,
    readonly where: string,
    readonly why: string,
    readonly hint?: string,
  ) {
    super(`${what} failed at ${where}: ${why}`);
  }
}

export class CallTimeout extends PlatformError {}

/** Runs one call to a service with a time bound; a slow or dead service becomes a PlatformError, never a hang. */
export function bounded<T>(
  work: Promise<T>,
  ms: number,
  service: ServiceName,
  what: string,
  where: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CallTimeout(
            service,
            what,
            where,
            `no answer within ${Math.round(ms / 1000)} s`,
            `check that ${SERVICE_LABELS[service]} is running and reachable from this machine`,
          ),
        ),
      ms,
    );
  });
  // the losing promise may still reject later: keep that from surfacing as an unhandled rejection
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** `work` as a PlatformResult: failures (thrown, timed out) become data with what/where/why/hint. */
export async function asResult<T>(
  work: () => Promise<T>,
  fallback: { service?: ServiceName; what: string; where: string },
  secrets: () => string[],
): Promise<PlatformResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    return { ok: false, error: errorInfo(err, fallback, secrets()) };
  }
}
