import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerDeployCommand } from './deploy/deployCommand';
import { trackFiltersFiles } from './filtersDocuments';
import { createLanguageClient } from './languageClient';
import { registerMessageViewer } from './messageViewer/messageViewerPanel';
import { registerRoutingPreview } from './routingPreview';
import { registerSidebar } from './sidebar/registerSidebar';
import { registerSqlPreview } from './sqlPreview';
import { registerFilterTests } from './testExplorer';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('CDC Routing', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  context.subscriptions.push(
    vscode.commands.registerCommand('cdcRouting.showOutput', () => output.show()),
    vscode.commands.registerCommand('cdcRouting.restartServer', async () => {
      await client?.restart();
    }),
  );
  trackFiltersFiles(context, () => void client?.restart());
  await client.start();
  registerSqlPreview(context, client);
  registerRoutingPreview(context, client);
  registerFilterTests(context, client);
  registerDeployCommand(context, client);
  registerMessageViewer(context, client);
  await registerSidebar(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
