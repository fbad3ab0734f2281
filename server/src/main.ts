// Invariant: nothing under server/ imports `vscode`. Everything the editor shows is computed on this side, so the
// CLI and any LSP client (Neovim, Helix, Zed…) get the same answers and the VS Code client only displays them.
// test/unit/architecture/importRules.test.ts and eslint check it (layers.json).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createPlatform } from './platform/createPlatform';
import { resolveProfiles } from './platform/profileSettings';
import { registerDeploy } from './lsp/deployFeature';
import { startLanguageServer } from './lsp/languageServer';
import { registerPlatform } from './lsp/platformFeature';
import { registerPlatformLog } from './lsp/platformLog';
import { PlatformSession } from './lsp/platformSession';
import { filterTestProblems, registerRouting, routingCodeLenses } from './lsp/routingFeature';
import { sampleEncodingProblems } from './lsp/sampleEncodingFeature';
import { registerTail } from './lsp/tailFeature';
import { sqlCodeLenses, sqlRefusalProblems } from './lsp/sqlLensFeature';
import { registerSqlPreview } from './lsp/sqlPreviewFeature';
import { isFilterTestFile } from './protocol';

/** Entry point of the language server process (stdio, IPC or socket, as the client chooses). */
export function runServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const ctx = startLanguageServer(connection);
  const openText = (uri: string) => ctx.documents.get(uri)?.getText();

  const sql = registerSqlPreview(connection, ctx.analysisOf);
  ctx.state.onDidAnalyze((a) => sql.analysisChanged(a.uri));
  ctx.codeLenses.push(sqlCodeLenses);
  ctx.lateProblems.push(sqlRefusalProblems);
  ctx.lateProblems.push(sampleEncodingProblems(ctx.state.samples));

  registerRouting(connection, ctx.analysisOf, { openText, samples: ctx.state.samples });
  ctx.codeLenses.push(routingCodeLenses);
  ctx.checkers.push({ matches: isFilterTestFile, problems: (uri, text) => filterTestProblems(uri, text, openText) });

  // the platform (sidebar, tail, deploy): one session of profiles, secrets and clients for all features
  registerPlatformLog(connection);
  const session = new PlatformSession({ resolveProfiles: (raw) => resolveProfiles(raw), createPlatform });
  const platform = (name?: string) => session.platform(name);
  const openFilters = () => ctx.documents.all().flatMap((d) => ctx.analysisOf(d.uri) ?? []);
  registerPlatform(connection, { session, openFilters, analysisOf: ctx.analysisOf, samples: ctx.state.samples });
  registerDeploy(connection, { platform, secrets: (name?: string) => session.secretsOf(name) });
  registerTail(connection, { platform: () => session.platform(), analysisOf: ctx.analysisOf });
  connection.onShutdown(() => session.close());

  connection.listen();
}
