import { SERVICE_LABELS, type HealthResult, type PlatformResult } from '../../../server/src/protocol';

export interface HealthSummary {
  /** Status bar text with a codicon: "$(pass) local: 5/5", "$(error) local: Kafka down". */
  text: string;
  tooltip: string;
  ok: boolean;
}

/** The status bar's one-line verdict on the active profile. */
export function healthSummary(profile: string, result: PlatformResult<HealthResult> | undefined): HealthSummary {
  if (!result)
    return {
      text: `$(sync~spin) ${profile}`,
      tooltip: `CDC Routing: checking the services of profile "${profile}"…`,
      ok: true,
    };
  if (!result.ok)
    return {
      text: `$(error) ${profile}: ${result.error.why}`,
      tooltip: `CDC Routing: ${result.error.what} failed at ${result.error.where}: ${result.error.why}`,
      ok: false,
    };
  const { services } = result.value;
  const down = services.filter((s) => !s.ok);
  const lines = services.map(
    (s) =>
      `${s.ok ? '✓' : '✗'} ${SERVICE_LABELS[s.service]} — ${s.ok ? [s.version, s.latencyMs !== undefined ? `${Math.round(s.latencyMs)} ms` : ''].filter(Boolean).join(', ') || 'up' : (s.error?.why ?? 'down')}`,
  );
  const tooltip = [
    `CDC Routing — profile "${result.value.profile}"`,
    ...lines,
    '',
    'Click to show the Pipeline view',
  ].join('\n');
  if (services.length === 0)
    return {
      text: `$(circle-slash) ${profile}: no services`,
      tooltip: `The profile "${profile}" names no services.`,
      ok: false,
    };
  if (down.length === 0)
    return { text: `$(pass) ${profile}: ${services.length}/${services.length}`, tooltip, ok: true };
  const names = down.map((s) => SERVICE_LABELS[s.service]);
  const what = names.length <= 2 ? `${names.join(', ')} down` : `${down.length} of ${services.length} down`;
  return { text: `$(error) ${profile}: ${what}`, tooltip, ok: false };
}
