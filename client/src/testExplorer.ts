import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  FILTER_TEST_FILES_GLOB,
  FilterTestCasesRequest,
  isFilterTestFile,
  RunFilterTestsRequest,
  type FilterTestCases,
  type FilterTestRun,
} from '../../server/src/protocol';

/**
 * Filter tests in the Test Explorer: one item per filters*.test.yaml, one child per case at its line.
 * The language server lists a file's cases (from the text the editor has) and runs them with the same
 * semantics as `cdc-routing test`.
 */
export function registerFilterTests(context: vscode.ExtensionContext, client: LanguageClient): vscode.TestController {
  const controller = vscode.tests.createTestController('cdcRoutingFilterTests', 'CDC Routing filter tests');
  context.subscriptions.push(controller);

  // The latest listing asked for each file: an answer to an older one (or for a deleted file) is dropped.
  const asked = new Map<string, number>();
  let asks = 0;
  const refreshFile = async (uri: vscode.Uri, text: string) => {
    const id = uri.toString();
    const ask = ++asks;
    asked.set(id, ask);
    let listing: FilterTestCases;
    try {
      listing = await client.sendRequest(FilterTestCasesRequest, { uri: id, text });
    } catch {
      return; // the server is not running (restarting): the items stay as they are
    }
    if (asked.get(id) !== ask) return;
    let fileItem = controller.items.get(id);
    if (!fileItem) {
      fileItem = controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
      controller.items.add(fileItem);
    }
    const children: vscode.TestItem[] = [];
    const seen = new Set<string>();
    for (const c of listing.cases) {
      let caseId = `${id}#${c.name}`;
      if (seen.has(caseId)) caseId += `@${c.line}`;
      seen.add(caseId);
      const item = controller.createTestItem(caseId, c.name, uri);
      item.range = new vscode.Range(c.line, 0, c.line, 0);
      children.push(item);
    }
    fileItem.children.replace(children);
  };

  const readFile = async (uri: vscode.Uri) => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  };

  const discover = async () => {
    for (const uri of await vscode.workspace.findFiles(FILTER_TEST_FILES_GLOB, '**/node_modules/**'))
      await refreshFile(uri, await readFile(uri));
  };
  controller.resolveHandler = async (item) => {
    if (!item) await discover();
  };
  // Discover at once: "Run All Tests" may come before the Testing view has ever been opened.
  const discovered = discover();
  controller.refreshHandler = async () => {
    controller.items.replace([]);
    await controller.resolveHandler!(undefined);
  };

  const watcher = vscode.workspace.createFileSystemWatcher(FILTER_TEST_FILES_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(async (uri) => refreshFile(uri, await readFile(uri))),
    watcher.onDidChange(async (uri) => refreshFile(uri, await readFile(uri))),
    watcher.onDidDelete((uri) => {
      asked.delete(uri.toString());
      controller.items.delete(uri.toString());
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isFilterTestFile(e.document.uri.fsPath)) void refreshFile(e.document.uri, e.document.getText());
    }),
  );

  const run = async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    await discovered;
    if (controller.items.size === 0) await discover();
    const testRun = controller.createTestRun(request);
    // Group the requested items by file: the server runs a whole file at once.
    const byFile = new Map<string, { file: vscode.TestItem; cases: Set<string> | undefined }>();
    const queue = request.include ?? [...iterate(controller.items)];
    for (const item of queue) {
      const fileId = item.id.split('#')[0];
      const file = controller.items.get(fileId);
      if (!file) continue;
      const entry = byFile.get(fileId) ?? { file, cases: new Set<string>() };
      if (item.id === fileId) entry.cases = undefined;
      else entry.cases?.add(item.id);
      byFile.set(fileId, entry);
    }
    for (const { file, cases } of byFile.values()) {
      if (token.isCancellationRequested) break;
      const items = [...iterate(file.children)]
        .filter((c) => !cases || cases.has(c.id))
        .filter((c) => !request.exclude?.includes(c));
      items.forEach((i) => testRun.started(i));
      let result: FilterTestRun;
      try {
        result = await client.sendRequest(RunFilterTestsRequest, {
          uri: file.id,
        });
      } catch (err) {
        for (const i of items)
          testRun.errored(
            i,
            new vscode.TestMessage(`The language server could not run the tests: ${(err as Error).message}`),
          );
        continue;
      }
      for (const item of items) {
        const line = item.range?.start.line;
        const r =
          result.results.find((x) => x.name === item.label && x.line === line) ??
          result.results.find((x) => x.name === item.label);
        if (!r) {
          testRun.skipped(item);
          continue;
        }
        if (r.status === 'passed') {
          testRun.passed(item, r.millis);
          continue;
        }
        const expected = [
          r.expected.routedTo ? `routedTo: [${r.expected.routedTo.join(', ')}]` : '',
          r.expected.notRoutedTo ? `notRoutedTo: [${r.expected.notRoutedTo.join(', ')}]` : '',
        ]
          .filter(Boolean)
          .join('\n');
        const message = vscode.TestMessage.diff(r.messages.join('\n'), expected, `routed to: [${r.actual.join(', ')}]`);
        message.location = new vscode.Location(file.uri!, new vscode.Position(r.line, 0));
        if (r.status === 'failed') testRun.failed(item, message, r.millis);
        else testRun.errored(item, new vscode.TestMessage(r.messages.join('\n') || result.fatal || 'error'), r.millis);
      }
    }
    testRun.end();
  };
  controller.createRunProfile('Run filter tests', vscode.TestRunProfileKind.Run, run, true);
  return controller;
}

function* iterate(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
  const items: vscode.TestItem[] = [];
  collection.forEach((i) => items.push(i));
  yield* items;
}
