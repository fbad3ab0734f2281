import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RequestParam } from 'vscode-languageclient/node';
import {
  ConnectorActionRequest,
  ConnectorCompareRequest,
  ConnectorConfigRequest,
  FlinkJobActionRequest,
  FlinkJobExceptionsRequest,
  ProduceSampleRequest,
  type ConnectorAction,
  type FlinkJobAction,
  type PlatformErrorInfo,
  type PlatformResult,
  type RequestType,
} from '../../../server/src/protocol';
import { isFiltersTextDocument } from '../filtersDocuments';
import { formatTime } from './format';
import { PlatformDocuments } from './platformDocuments';
import { requestPlatform } from './requestPlatform';
import type { SidebarRefresher } from './sidebarRefresher';
import type { TreeNode } from './treeNode';

/** A failure said in one line (what, where, why), the hint after it. */
export function showPlatformError(error: PlatformErrorInfo): void {
  void vscode.window.showErrorMessage(
    `CDC Routing: ${error.what} failed at ${error.where}: ${error.why}${error.hint ? ` — ${error.hint}` : ''}`,
  );
}

/** The filters file the user is looking at, whose samples and connector folder the actions use. */
function activeFiltersUri(): string | undefined {
  const isFilters = (d: vscode.TextDocument) => d.uri.scheme === 'file' && isFiltersTextDocument(d);
  const active = vscode.window.activeTextEditor?.document;
  if (active && isFilters(active)) return active.uri.toString();
  return vscode.window.visibleTextEditors
    .map((e) => e.document)
    .find(isFilters)
    ?.uri.toString();
}

const sortedJson = (config: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(config).sort(([a], [b]) => a.localeCompare(b))), null, 2) + '\n';

/** The item actions of the four views (their menus are in package.json, keyed by contextValue). */
export function registerSidebarCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  refresher: SidebarRefresher,
): void {
  const docs = new PlatformDocuments();
  const call = async <P, T>(
    title: string,
    type: RequestType<P, PlatformResult<T>, void>,
    params: RequestParam<P>,
    what: string,
  ): Promise<T | undefined> => {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `CDC Routing: ${title}` },
      () => requestPlatform(client, type, params, what),
    );
    if (!result.ok) {
      showPlatformError(result.error);
      return undefined;
    }
    return result.value;
  };
  const name = (node: TreeNode | undefined) => node?.target?.name;
  /** The item's name: `register` runs a command only for an item that has one. */
  const nameOf = (node: TreeNode) => node.target!.name;
  const register = (command: string, run: (node: TreeNode) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (node?: TreeNode) =>
        name(node)
          ? run(node!)
          : vscode.window.showInformationMessage('CDC Routing: run this from an item of the sidebar.'),
      ),
    );

  const connectorAction = (action: ConnectorAction, verb: string) => async (node: TreeNode) => {
    const done = await call(
      `${verb} ${name(node)}…`,
      ConnectorActionRequest,
      { name: nameOf(node), action },
      `${action} connector ${name(node)}`,
    );
    if (done)
      void vscode.window.showInformationMessage(
        `CDC Routing: ${verb.toLowerCase()} connector ${name(node)} requested.`,
      );
    await refresher.refresh('connectors');
  };

  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider('cdc-routing-platform', docs));
  register('cdcRouting.topic.tail', (node) => vscode.commands.executeCommand('cdcRouting.tailTopic', name(node)));
  register('cdcRouting.topic.copyName', async (node) => {
    await vscode.env.clipboard.writeText(name(node)!);
    vscode.window.setStatusBarMessage(`Copied ${name(node)}`, 3000);
  });
  register('cdcRouting.topic.produceSample', async (node) => {
    const sent = await call(
      `producing a sample event to ${name(node)}…`,
      ProduceSampleRequest,
      { topic: name(node), filtersUri: activeFiltersUri() },
      'produce a sample event',
    );
    if (sent)
      void vscode.window.showInformationMessage(
        `CDC Routing: produced ${sent.eventName ?? 'a sample event'} (${sent.sample}) to ${sent.topic}.`,
      );
    await refresher.refresh('topics');
  });

  register('cdcRouting.connector.restart', connectorAction('restart', 'Restart'));
  register('cdcRouting.connector.pause', connectorAction('pause', 'Pause'));
  register('cdcRouting.connector.resume', connectorAction('resume', 'Resume'));
  register('cdcRouting.connector.showConfig', async (node) => {
    const config = await call(
      `reading the config of ${name(node)}…`,
      ConnectorConfigRequest,
      { name: nameOf(node) },
      `read the config of connector ${name(node)}`,
    );
    if (!config) return;
    const uri = docs.put(`/connectors/${name(node)} (running).json`, sortedJson(config));
    await vscode.window.showTextDocument(uri, { preview: true });
  });
  register('cdcRouting.connector.compare', async (node) => {
    const cmp = await call(
      `comparing ${name(node)} with the workspace…`,
      ConnectorCompareRequest,
      {
        name: nameOf(node),
        filtersUri: activeFiltersUri(),
        workspaceFolder: activeFiltersUri() ? undefined : vscode.workspace.workspaceFolders?.[0]?.uri.toString(),
      },
      `compare connector ${name(node)}`,
    );
    if (!cmp) return;
    const left = docs.put(`/connectors/${cmp.name} (running).json`, sortedJson(cmp.running));
    const right = docs.put(`/workspace/${cmp.name} (workspace + profile overrides).json`, sortedJson(cmp.workspace));
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `${cmp.name}: running ↔ ${vscode.workspace.asRelativePath(cmp.workspaceFile)} + profile overrides`,
    );
  });

  register(
    'cdcRouting.flinkJob.openWebUi',
    (node) => node.target?.url && vscode.env.openExternal(vscode.Uri.parse(node.target.url)),
  );
  register('cdcRouting.flinkJob.showExceptions', async (node) => {
    const list = await call(
      `reading the exceptions of ${node.label}…`,
      FlinkJobExceptionsRequest,
      { id: nameOf(node) },
      `read the exceptions of Flink job ${name(node)}`,
    );
    if (!list) return;
    const text = list.length
      ? list.map((e) => `── ${formatTime(e.time)} ──\n${e.text}\n`).join('\n')
      : `No exceptions recorded for ${node.label} (${name(node)}).\n`;
    await vscode.window.showTextDocument(docs.put(`/flink-jobs/${name(node)}/exceptions.log`, text), { preview: true });
  });
  const jobAction = (action: FlinkJobAction) => async (node: TreeNode) => {
    const question =
      action === 'cancel'
        ? `Cancel Flink job "${node.label}"? It stops without a savepoint; its state is lost.`
        : `Stop Flink job "${node.label}" with a savepoint? It stops consuming until it is started again.`;
    const confirm = action === 'cancel' ? 'Cancel Job' : 'Stop with Savepoint';
    if ((await vscode.window.showWarningMessage(question, { modal: true }, confirm)) !== confirm) return;
    const title = action === 'cancel' ? `cancelling ${node.label}…` : `stopping ${node.label} with a savepoint…`;
    const result = await call(
      title,
      FlinkJobActionRequest,
      { id: nameOf(node), action },
      `${action} Flink job ${name(node)}`,
    );
    if (result)
      void vscode.window.showInformationMessage(
        result.savepointPath
          ? `CDC Routing: ${node.label} stopped; savepoint at ${result.savepointPath}`
          : `CDC Routing: ${node.label} cancelled.`,
      );
    await refresher.refresh('flinkJobs');
  };
  register('cdcRouting.flinkJob.stopWithSavepoint', jobAction('stopWithSavepoint'));
  register('cdcRouting.flinkJob.cancel', jobAction('cancel'));
}
