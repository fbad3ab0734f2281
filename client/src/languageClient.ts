import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { FILTERS_FAMILY_GLOBS, type InitializationOptions } from '../../server/src/protocol';

/** Files the language server owns: routing rules and their tests, wherever they are in the workspace. */
export const FILTERS_SELECTOR: DocumentSelector = FILTERS_FAMILY_GLOBS.map((pattern) => ({
  scheme: 'file',
  language: 'yaml',
  pattern,
}));

/** Starts the language server as its own Node process: Kafka sockets and heavy work never run in the extension host. */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const config = vscode.workspace.getConfiguration('cdcRouting');
  const clientOptions: LanguageClientOptions = {
    documentSelector: FILTERS_SELECTOR,
    outputChannel: output,
    initializationOptions: {
      schemaPath: config.get<string>('schemaPath') || undefined,
      samples: config.get<string[]>('samples') ?? [],
      maxFileBytes: config.get<number>('maxFileBytes'),
    } satisfies InitializationOptions,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{avsc,jsonl}') },
  };
  return new LanguageClient('cdcRouting', 'CDC Routing', serverOptions, clientOptions);
}
