import { SERVICE_LABELS, type PlatformErrorInfo } from '../../../server/src/protocol';

/**
 * A sidebar item, built without vscode so the building is unit-tested; the tree provider turns it into a
 * TreeItem. `contextValue` selects the item's context menu (package.json menus match on it).
 */
export interface TreeNode {
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip: string;
  /** A codicon id, with an optional theme color id (e.g. testing.iconPassed). */
  icon: { id: string; color?: string };
  contextValue: string;
  children?: TreeNode[];
  expanded?: boolean;
  /** What the item's actions act on: a topic name, connector name, job id… */
  target?: { kind: 'topic' | 'connector' | 'task' | 'flinkJob' | 'service' | 'error'; name: string; url?: string };
}

export const OK_COLOR = 'testing.iconPassed';
export const ERROR_COLOR = 'testing.iconFailed';
export const WARN_COLOR = 'list.warningForeground';

/** The one node a view shows when its service cannot be reached: what, where, why; the hint on hover. */
export function errorNode(view: string, error: PlatformErrorInfo): TreeNode {
  const service = error.service ? SERVICE_LABELS[error.service] : 'Profile';
  const lines = [`**${service}: ${error.what} failed**`, '', `where: \`${error.where}\``, '', `why: ${error.why}`];
  if (error.hint) lines.push('', `next: ${error.hint}`);
  return {
    id: `${view}/error`,
    label: `${service}: ${error.why}`,
    description: error.where,
    tooltip: lines.join('\n'),
    icon: { id: 'error', color: ERROR_COLOR },
    contextValue: 'error',
    target: { kind: 'error', name: error.what },
  };
}

/** A view with nothing to list says so (an empty tree would look like it is still loading). */
export function emptyNode(view: string, label: string, tooltip: string): TreeNode {
  return { id: `${view}/empty`, label, tooltip, icon: { id: 'info' }, contextValue: 'empty' };
}
