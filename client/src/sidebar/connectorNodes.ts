import type { ConnectorsResult, ConnectorStatus, PlatformResult, TaskStatus } from '../../../server/src/protocol';
import { emptyNode, ERROR_COLOR, errorNode, OK_COLOR, WARN_COLOR, type TreeNode } from './treeNode';
import { fenced, firstLine } from './format';

/** State → icon: running green, paused/unassigned yellow, failed red. */
function stateIcon(state: string): TreeNode['icon'] {
  switch (state) {
    case 'RUNNING':
      return { id: 'pass-filled', color: OK_COLOR };
    case 'FAILED':
      return { id: 'error', color: ERROR_COLOR };
    case 'PAUSED':
    case 'STOPPED':
      return { id: 'debug-pause', color: WARN_COLOR };
    default:
      return { id: 'circle-outline', color: WARN_COLOR };
  }
}

function traceTooltip(head: string, trace: string | undefined): string {
  return trace ? `${head}\n\n**Failure trace**\n\n${fenced(trace)}` : head;
}

function taskNode(connector: string, t: TaskStatus): TreeNode {
  return {
    id: `connectors/${connector}/task/${t.id}`,
    label: `task ${t.id}`,
    description: [t.state, t.workerId, t.trace ? firstLine(t.trace, 80) : ''].filter(Boolean).join(' · '),
    tooltip: traceTooltip(`**${connector}** task ${t.id}: ${t.state}\n\nworker: \`${t.workerId}\``, t.trace),
    icon: stateIcon(t.state),
    contextValue: `task.${t.state.toLowerCase()}`,
    target: { kind: 'task', name: connector },
  };
}

export function connectorNode(c: ConnectorStatus): TreeNode {
  const failedTasks = c.tasks.filter((t) => t.state === 'FAILED').length;
  // a RUNNING connector with a failed task is not healthy: show the worse of the two
  const shownState = c.state === 'RUNNING' && failedTasks ? 'FAILED' : c.state;
  const description = [
    c.state,
    c.workerId,
    `${c.tasks.length} task${c.tasks.length === 1 ? '' : 's'}${failedTasks ? ` (${failedTasks} failed)` : ''}`,
  ].join(' · ');
  const head = [
    `**${c.name}** (${c.type}): ${c.state}`,
    '',
    `worker: \`${c.workerId}\``,
    '',
    `class: \`${c.config['connector.class'] ?? '?'}\``,
    '',
    ...c.tasks.map((t) => `- task ${t.id}: ${t.state} on \`${t.workerId}\``),
  ].join('\n');
  return {
    id: `connectors/${c.name}`,
    label: c.name,
    description,
    tooltip: traceTooltip(head, c.trace ?? c.tasks.find((t) => t.trace)?.trace),
    icon: stateIcon(shownState),
    contextValue: `connector.${c.state.toLowerCase()}`,
    children: c.tasks.map((t) => taskNode(c.name, t)),
    expanded: failedTasks > 0,
    target: { kind: 'connector', name: c.name },
  };
}

export function connectorNodes(result: PlatformResult<ConnectorsResult>): TreeNode[] {
  if (!result.ok) return [errorNode('connectors', result.error)];
  if (!result.value.connectors.length)
    return [
      emptyNode(
        'connectors',
        'No connectors',
        'Kafka Connect runs no connector. Deploy one with **CDC Routing: Deploy…**.',
      ),
    ];
  return result.value.connectors.map(connectorNode);
}
