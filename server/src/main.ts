import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer';

/** Entry point of the language server process (stdio, IPC or socket, as the client chooses). */
export function runServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  startLanguageServer(connection);
  connection.listen();
}

if (require.main === module) runServer();
