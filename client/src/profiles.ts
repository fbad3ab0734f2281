import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PlatformConfigureNotification, type PlatformConfigureParams } from '../../server/src/protocol';
import { profileChoices } from './deploy/profileChoice';
import type { ProfileSecrets } from './secrets';

/** The active profile (`cdcRouting.activeProfile`, `local` when unset). */
export function activeProfile(): string {
  return vscode.workspace.getConfiguration('cdcRouting').get<string>('activeProfile')?.trim() || 'local';
}

/** Sends the profiles setting, the active profile and every profile's secrets to the language server. */
export async function configurePlatform(client: LanguageClient, secrets: ProfileSecrets): Promise<void> {
  const config = vscode.workspace.getConfiguration('cdcRouting');
  const profiles = config.get<unknown>('profiles') ?? [];
  const names = profileChoices(profiles, activeProfile()).map((c) => c.name);
  const params: PlatformConfigureParams = {
    profiles,
    activeProfile: activeProfile(),
    secrets: await secrets.forProfiles(names),
  };
  await client.sendNotification(PlatformConfigureNotification, params);
}

/** `CDC Routing: Select Profile…`: writes cdcRouting.activeProfile (workspace when one is open). */
export function registerProfileCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('cdcRouting.selectProfile', async () => {
      const config = vscode.workspace.getConfiguration('cdcRouting');
      const choices = profileChoices(config.get('profiles'), activeProfile());
      const picked = await vscode.window.showQuickPick(
        choices.map((c) => ({
          label: c.name,
          description: c.active ? '(active)' : c.name === 'local' ? 'the local stack on this machine' : '',
        })),
        { placeHolder: 'Connection profile for the sidebar, the status bar and Deploy' },
      );
      if (!picked) return;
      const target = vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
      await config.update('activeProfile', picked.label, target);
    }),
  );
}
