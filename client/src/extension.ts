import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('CDC Routing', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  await client.start();
  context.subscriptions.push(
    vscode.commands.registerCommand('cdcRouting.showOutput', () => output.show()),
    vscode.commands.registerCommand('cdcRouting.restartServer', async () => {
      await client?.restart();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
