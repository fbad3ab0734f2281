import type { Platform } from './platform';
import { PlatformError, SERVICE_LABELS, type ServiceHealth, type ServiceName } from './platformError';

export const HEALTH_TIMEOUT_MS = 5_000;

/**
 * The health of every service the platform's profile names, asked in parallel, each bounded by its own
 * timeout. Never rejects: a service that fails or does not answer in time is an entry with ok: false and
 * the error said the PlatformError way (what, where, why, hint).
 */
export async function checkHealth(platform: Platform, timeoutMs = HEALTH_TIMEOUT_MS): Promise<ServiceHealth[]> {
  const checks: [ServiceName, (() => Promise<ServiceHealth>) | undefined, string][] = [
    [
      'kafka',
      platform.kafka && (() => platform.kafka!.health()),
      platform.profile.kafka?.bootstrapServers.join(',') ?? '',
    ],
    ['connect', platform.connect && (() => platform.connect!.health()), platform.profile.connect?.url ?? ''],
    ['flink', platform.flink && (() => platform.flink!.health()), platform.profile.flink?.restUrl ?? ''],
    [
      'sqlGateway',
      platform.sqlGateway && (() => platform.sqlGateway!.health()),
      platform.profile.flink?.sqlGatewayUrl ?? '',
    ],
    [
      'schemaRegistry',
      platform.schemaRegistry && (() => platform.schemaRegistry!.health()),
      platform.profile.schemaRegistry?.url ?? '',
    ],
    [
      'confluentCloud',
      platform.confluentCloud && (() => platform.confluentCloud!.health()),
      platform.profile.confluentCloud
        ? `Confluent Cloud ${platform.profile.confluentCloud.provider}/${platform.profile.confluentCloud.region}`
        : '',
    ],
  ];
  return Promise.all(
    checks
      .filter(([, check]) => check !== undefined)
      .map(([service, check, where]) => bounded(service, check!, where, timeoutMs)),
  );
}

async function bounded(
  service: ServiceName,
  check: () => Promise<ServiceHealth>,
  where: string,
  timeoutMs: number,
): Promise<ServiceHealth> {
  const started = Date.now();
  const what = `check ${SERVICE_LABELS[service]}`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PlatformError(
            service,
            what,
            where,
            `no answer within ${timeoutMs} ms`,
            "is the service running? check the profile's URL",
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (err) {
    const e =
      err instanceof PlatformError
        ? err
        : new PlatformError(service, what, where, (err instanceof Error ? err.message : String(err)).split('\n')[0]);
    return {
      service,
      where: e.where || where,
      ok: false,
      latencyMs: Date.now() - started,
      error: { what: e.what, where: e.where || where, why: e.why, hint: e.hint },
    };
  } finally {
    clearTimeout(timer);
  }
}
