import {
  SERVICE_LABELS,
  type HealthResult,
  type PlatformResult,
  type ServiceHealth,
} from '../../../server/src/protocol';
import { ERROR_COLOR, errorNode, OK_COLOR, type TreeNode } from './treeNode';

/** One Pipeline line: health icon, version and latency; the error (what, where, why, hint) when down. */
export function serviceNode(h: ServiceHealth): TreeNode {
  const label = SERVICE_LABELS[h.service];
  const latency = h.latencyMs !== undefined ? `${Math.round(h.latencyMs)} ms` : undefined;
  if (h.ok) {
    const description = [h.version, latency, h.detail].filter(Boolean).join(' · ');
    const tooltip = [
      `**${label}** is up`,
      '',
      `where: \`${h.where}\``,
      h.version ? `version: ${h.version}` : '',
      latency ? `latency: ${latency}` : '',
      h.detail ?? '',
    ]
      .filter((l, i) => i < 2 || l)
      .join('\n\n');
    return {
      id: `pipeline/${h.service}`,
      label,
      description,
      tooltip,
      icon: { id: 'pass-filled', color: OK_COLOR },
      contextValue: 'service.ok',
      target: { kind: 'service', name: h.service },
    };
  }
  const e = h.error ?? { what: `check ${label}`, where: h.where, why: 'no answer' };
  const tooltip = [
    `**${label}** is down`,
    '',
    `${e.what} failed`,
    '',
    `where: \`${e.where}\``,
    '',
    `why: ${e.why}`,
    ...(e.hint ? ['', `next: ${e.hint}`] : []),
  ].join('\n');
  return {
    id: `pipeline/${h.service}`,
    label,
    description: `down — ${e.why}`,
    tooltip,
    icon: { id: 'error', color: ERROR_COLOR },
    contextValue: 'service.down',
    target: { kind: 'service', name: h.service },
  };
}

/**
 * No service of the profile answers: the Pipeline view is then empty and shows its welcome content instead
 * (package.json `viewsWelcome`, under the context key `cdcRouting.nothingReachable`): what to do next, as
 * buttons; each failed call, with where and why, is in the Output channel.
 */
export function nothingReachable(result: PlatformResult<HealthResult> | undefined): boolean {
  return !!result?.ok && result.value.services.length > 0 && result.value.services.every((s) => !s.ok);
}

export function pipelineNodes(result: PlatformResult<HealthResult>): TreeNode[] {
  if (!result.ok) return [errorNode('pipeline', result.error)];
  if (nothingReachable(result)) return [];
  return result.value.services.map(serviceNode);
}
