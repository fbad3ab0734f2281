import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { activeProfile, configurePlatform, registerProfileCommands } from '../profiles';
import { ProfileSecrets, registerSecretCommands } from '../secrets';
import { HealthStatusBar } from '../statusBar';
import { nothingReachable } from './pipelineNodes';
import { registerSidebarCommands } from './sidebarCommands';
import { SidebarRefresher } from './sidebarRefresher';
import type { ViewKey } from './sidebarViews';

const intervalSeconds = () =>
  Math.max(2, vscode.workspace.getConfiguration('cdcRouting').get<number>('refreshIntervalSeconds') ?? 10);

/** The CDC Routing view container, the status bar item, and profile/secret commands, all fed by the server. */
export async function registerSidebar(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  const secrets = new ProfileSecrets(context.secrets);
  const refresher = new SidebarRefresher(client, intervalSeconds());
  const statusBar = new HealthStatusBar(activeProfile());
  refresher.onHealth((r) => {
    statusBar.show(activeProfile(), r);
    void vscode.commands.executeCommand('setContext', 'cdcRouting.nothingReachable', nothingReachable(r));
  });
  context.subscriptions.push(refresher, statusBar, ...refresher.createViews());

  const reconfigure = async () => {
    await configurePlatform(client, secrets);
    statusBar.show(activeProfile(), undefined);
    await refresher.refresh();
  };
  registerProfileCommands(context);
  registerSecretCommands(context, secrets, activeProfile);
  registerSidebarCommands(context, client, refresher);
  context.subscriptions.push(
    // The local stack's guide, shipped in the VSIX: what it is and how to start it (it comes with the repository).
    vscode.commands.registerCommand('cdcRouting.showLocalStackGuide', () =>
      vscode.commands.executeCommand(
        'markdown.showPreview',
        vscode.Uri.joinPath(context.extensionUri, 'docs', 'local-stack.md'),
      ),
    ),
  );
  const refreshCommand = (command: string, key?: ViewKey) =>
    vscode.commands.registerCommand(command, () => refresher.refresh(key));
  context.subscriptions.push(
    refreshCommand('cdcRouting.refreshSidebar'),
    refreshCommand('cdcRouting.pipeline.refresh', 'pipeline'),
    refreshCommand('cdcRouting.topics.refresh', 'topics'),
    refreshCommand('cdcRouting.connectors.refresh', 'connectors'),
    refreshCommand('cdcRouting.flinkJobs.refresh', 'flinkJobs'),
    secrets.onDidChange(() => void reconfigure()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cdcRouting.refreshIntervalSeconds')) refresher.setIntervalSeconds(intervalSeconds());
      if (e.affectsConfiguration('cdcRouting.profiles') || e.affectsConfiguration('cdcRouting.activeProfile'))
        void reconfigure();
    }),
    // a restarted server has forgotten profiles and secrets
    client.onDidChangeState((e) => e.newState === State.Running && void reconfigure()),
  );
  await configurePlatform(client, secrets);
  refresher.start();
}
