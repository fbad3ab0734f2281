import type { FlinkJob, FlinkJobsResult, PlatformResult } from '../../../server/src/protocol';
import { emptyNode, ERROR_COLOR, errorNode, OK_COLOR, WARN_COLOR, type TreeNode } from './treeNode';
import { fenced, firstLine, formatAge, formatDuration, formatTime } from './format';

function jobIcon(state: string): TreeNode['icon'] {
  if (state === 'RUNNING') return { id: 'pass-filled', color: OK_COLOR };
  if (state === 'FAILED' || state === 'FAILING') return { id: 'error', color: ERROR_COLOR };
  if (state === 'FINISHED' || state === 'CANCELED') return { id: 'circle-slash' };
  return { id: 'sync', color: WARN_COLOR };
}

/** Jobs that can still be stopped or cancelled (their context menu offers it). */
const LIVE = new Set(['RUNNING', 'RESTARTING', 'CREATED', 'INITIALIZING', 'RECONCILING', 'FAILING']);

export function flinkJobNode(job: FlinkJob, webUiUrl: string | undefined, now: number): TreeNode {
  const live = LIVE.has(job.state);
  const uptime = formatDuration(live ? now - job.startTime : job.durationMs);
  const cp = job.lastCheckpoint;
  const description = [
    job.state,
    `${live ? 'up' : 'ran'} ${uptime}`,
    job.restarts ? `${job.restarts} restart${job.restarts === 1 ? '' : 's'}` : '',
    cp ? `checkpoint ${formatAge(cp.time, now)}` : '',
    job.lastException ? `⚠ ${firstLine(job.lastException.text, 60)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = [
    `**${job.name}**: ${job.state}`,
    '',
    `- id: \`${job.id}\``,
    `- started: ${formatTime(job.startTime)}`,
    `- ${live ? 'uptime' : 'ran for'}: ${uptime}`,
    `- restarts: ${job.restarts ?? 0}`,
    `- last checkpoint: ${cp ? `#${cp.id} ${cp.status} at ${formatTime(cp.time)}${cp.externalPath ? ` → \`${cp.externalPath}\`` : ''}` : 'none'}`,
  ];
  if (job.lastException)
    lines.push(
      '',
      `**Last exception** (${formatTime(job.lastException.time)})`,
      '',
      fenced(job.lastException.text.split('\n').slice(0, 15).join('\n')),
    );
  return {
    id: `flinkJobs/${job.id}`,
    label: job.name,
    description,
    tooltip: lines.join('\n'),
    icon: jobIcon(job.state),
    contextValue: live ? 'flinkJob.running' : 'flinkJob.ended',
    target: { kind: 'flinkJob', name: job.id, url: webUiUrl },
  };
}

export function flinkJobNodes(result: PlatformResult<FlinkJobsResult>, now: number): TreeNode[] {
  if (!result.ok) return [errorNode('flinkJobs', result.error)];
  if (!result.value.jobs.length)
    return [
      emptyNode(
        'flinkJobs',
        'No Flink jobs',
        'The Flink cluster runs no job. Submit the routing job with **CDC Routing: Deploy…**.',
      ),
    ];
  return result.value.jobs.map((j) => flinkJobNode(j, result.value.jobUrls[j.id] ?? result.value.webUiUrl, now));
}
