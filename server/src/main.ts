import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer';
import { filterTestProblems, isFilterTestFile, registerRouting, routingCodeLenses } from './lsp/routingFeature';
import { sqlCodeLenses, sqlRefusalProblems } from './lsp/sqlLensFeature';
import { registerSqlPreview } from './lsp/sqlPreviewFeature';

/** Entry point of the language server process (stdio, IPC or socket, as the client chooses). */
export function runServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const ctx = startLanguageServer(connection);
  const openText = (uri: string) => ctx.documents.get(uri)?.getText();

  const sql = registerSqlPreview(connection, ctx.analysisOf);
  ctx.state.onDidAnalyze((a) => sql.analysisChanged(a.uri));
  ctx.codeLenses.push(sqlCodeLenses);
  ctx.lateProblems.push(sqlRefusalProblems);

  registerRouting(connection, ctx.analysisOf, { openText, samples: ctx.state.samples });
  ctx.codeLenses.push(routingCodeLenses);
  ctx.checkers.push({ matches: isFilterTestFile, problems: (uri, text) => filterTestProblems(uri, text, openText) });

  connection.listen();
}

if (require.main === module) runServer();
