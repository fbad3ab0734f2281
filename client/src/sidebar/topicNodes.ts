import * as path from 'path';
import type { PlatformResult, TopicsResult, TopicUse, TopicView } from '../../../server/src/protocol';
import { emptyNode, errorNode, WARN_COLOR, type TreeNode } from './treeNode';
import { formatAge, formatCount, formatTime } from './format';

function fileName(uri: string): string {
  return path.posix.basename(decodeURIComponent(uri.replace(/^file:\/\//, '')));
}

/** "source of filters.yaml" / "← loan-events-filter, high-value-loans" */
function usesText(uses: TopicUse[]): string {
  const writers = uses
    .filter((u) => u.role === 'writes')
    .map((u) => u.filterId ?? '(unnamed filter)' + (u.enabled === false ? ' (disabled)' : ''));
  const parts: string[] = [];
  if (uses.some((u) => u.role === 'reads')) parts.push('source');
  if (uses.some((u) => u.role === 'dead-letters')) parts.push('dead letters');
  if (writers.length) parts.push(`← ${writers.join(', ')}`);
  return parts.join(' ');
}

function usesTooltip(uses: TopicUse[]): string[] {
  return uses.map((u) =>
    u.role === 'reads'
      ? `- read by the filters of \`${fileName(u.uri)}\` (its source topic)`
      : u.role === 'dead-letters'
        ? `- the dead-letter topic of \`${fileName(u.uri)}\`'s routing job: the records it could not read, each with a \`cdc-routing.dlq.reason\` header`
        : `- written by filter \`${u.filterId ?? '?'}\` of \`${fileName(u.uri)}\`${u.enabled === false ? ' (disabled)' : ''}`,
  );
}

export function topicNode(t: TopicView, now: number): TreeNode {
  const marks = usesText(t.uses);
  const last = t.lastMessageTime !== undefined ? formatAge(t.lastMessageTime, now) : 'empty';
  const description = [marks, `${formatCount(t.messageCount)} msgs`, `${t.partitions} p`, last]
    .filter(Boolean)
    .join(' · ');
  const tooltip = [
    `**${t.name}**`,
    '',
    `- partitions: ${t.partitions}, replication factor ${t.replicationFactor}`,
    `- messages: ${formatCount(t.messageCount)} (end minus start offsets)`,
    `- last message: ${t.lastMessageTime !== undefined ? `${formatTime(t.lastMessageTime)} (${last})` : 'none'}`,
    ...usesTooltip(t.uses),
  ].join('\n');
  const role = t.uses.some((u) => u.role === 'reads')
    ? 'source'
    : t.uses.some((u) => u.role === 'writes')
      ? 'output'
      : t.uses.length
        ? 'deadLetters'
        : 'other';
  const icon =
    role === 'source'
      ? 'arrow-right'
      : role === 'output'
        ? 'filter'
        : role === 'deadLetters'
          ? 'error'
          : 'list-unordered';
  return {
    id: `topics/${t.name}`,
    label: t.name,
    description,
    tooltip,
    icon: { id: icon },
    contextValue: `topic.${role}`,
    target: { kind: 'topic', name: t.name },
  };
}

/** A topic the filters name but the cluster lacks: a deploy creates it. */
function missingNode(m: TopicsResult['missing'][number]): TreeNode {
  return {
    id: `topics/${m.name}`,
    label: m.name,
    description: `not created yet · ${usesText(m.uses)}`,
    tooltip: [
      `**${m.name}** does not exist on the cluster yet`,
      '',
      ...usesTooltip(m.uses),
      '',
      'Run **CDC Routing: Deploy…** to create it.',
    ].join('\n'),
    icon: { id: 'warning', color: WARN_COLOR },
    contextValue: 'missingTopic',
    target: { kind: 'topic', name: m.name },
  };
}

export function topicNodes(result: PlatformResult<TopicsResult>, now: number): TreeNode[] {
  if (!result.ok) return [errorNode('topics', result.error)];
  const nodes = [
    ...result.value.topics.filter((t) => t.uses.length).map((t) => topicNode(t, now)),
    ...result.value.missing.map(missingNode),
    ...result.value.topics.filter((t) => !t.uses.length).map((t) => topicNode(t, now)),
  ];
  return nodes.length ? nodes : [emptyNode('topics', 'No topics', 'The cluster has no topics yet.')];
}
