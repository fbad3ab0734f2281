import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { type InitializationOptions } from '../../server/src/protocol';
import { filtersSelector, readFilesSetting } from './filtersDocuments';

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
  readFilesSetting();
  const clientOptions: LanguageClientOptions = {
    // The files `cdcRouting.files` selects (routing rules and their tests); the server reads their content.
    documentSelector: filtersSelector,
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
