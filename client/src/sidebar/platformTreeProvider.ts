import * as vscode from 'vscode';
import type { TreeNode } from './treeNode';

/** Renders TreeNodes (built by the pure *Nodes modules) for one view; the refresher replaces them. */
export class PlatformTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes: TreeNode[];

  constructor(view: string) {
    // a placeholder until the first answer, which every request bounds in time
    this.nodes = [
      {
        id: `${view}/loading`,
        label: 'Loading…',
        tooltip: 'Asking the platform…',
        icon: { id: 'loading~spin' },
        contextValue: 'loading',
      },
    ];
  }

  setNodes(nodes: TreeNode[]): void {
    this.nodes = nodes;
    this.changed.fire(undefined);
  }

  current(): readonly TreeNode[] {
    return this.nodes;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    return element ? (element.children ?? []) : this.nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.children?.length
      ? node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    const tooltip = new vscode.MarkdownString(node.tooltip);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(
      node.icon.id,
      node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
    );
    item.contextValue = node.contextValue;
    return item;
  }
}
