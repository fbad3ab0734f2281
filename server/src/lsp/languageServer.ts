import { setMaxFileBytes } from '../files/boundedRead';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentSymbol,
  InsertTextFormat,
  InsertTextMode,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { complete, type CompletionKind } from '../language/completion';
import { fieldDefinition } from '../language/definition';
import { hover } from '../language/hover';
import { outline, type OutlineItem } from '../language/symbols';
import type { Span } from '../model/span';
import { isFiltersDocument, type InitializationOptions } from '../protocol';
import type { Problem, Severity } from '../validation/diagnostic';
import type { Analysis } from './analysis';
import { rangeInText, toRange } from './positions';
import { WorkspaceState } from './workspaceState';

/** A feature that adds CodeLenses (SQL, routing counts) without owning the LSP handler. */
export type CodeLensContributor = (
  analysis: Analysis,
) => { span: Span; title: string; command?: string; args?: unknown[] }[];

/** Documents other than filters files that get diagnostics (e.g. filters.test.yaml). */
export interface DocumentChecker {
  matches(uri: string): boolean;
  problems(uri: string, text: string): Problem[];
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  state: WorkspaceState;
  codeLenses: CodeLensContributor[];
  checkers: DocumentChecker[];
  /** Slower checks (e.g. what the SQL generator refuses): published shortly after the fast diagnostics. */
  lateProblems: ((analysis: Analysis) => Problem[])[];
  /** The current analysis of an open filters file (re-analysed when the document moved on). A function property
   * (no `this`): main.ts hands it on to the features as it is. */
  analysisOf: (uri: string) => Analysis | undefined;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const completionKinds: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  snippet: CompletionItemKind.Snippet,
  field: CompletionItemKind.Field,
  operator: CompletionItemKind.Operator,
  enum: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
};

export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  return {
    range: toRange(doc, p.span),
    severity: severities[p.severity],
    message: p.message,
    code: p.code,
    source: 'cdc-routing',
    tags: p.unnecessary ? [DiagnosticTag.Unnecessary] : undefined,
    data: p.fix,
  };
}

/** Wires the language features of filters files onto a connection; returns the context for more features. */
export function startLanguageServer(connection: Connection): ServerContext {
  const documents = new TextDocuments(TextDocument);
  const state = new WorkspaceState();
  // Content decides (protocol/filtersFiles.ts), once per document version.
  const kinds = new Map<string, { version: number; filters: boolean }>();
  const isFilters = (doc: TextDocument): boolean => {
    const known = kinds.get(doc.uri);
    if (known?.version === doc.version) return known.filters;
    const filters = isFiltersDocument({ uri: doc.uri, languageId: doc.languageId, text: doc.getText() });
    kinds.set(doc.uri, { version: doc.version, filters });
    return filters;
  };
  const analysisOf = (uri: string): Analysis | undefined => {
    const doc = documents.get(uri);
    if (!doc || !isFilters(doc)) return undefined;
    const cached = state.get(uri);
    return cached && cached.version === doc.version ? cached : state.analyze(uri, doc.version, doc.getText());
  };
  const ctx: ServerContext = {
    connection,
    documents,
    state,
    codeLenses: [],
    checkers: [],
    lateProblems: [],
    analysisOf,
  };

  let lensRefresh = false;
  const lensesShown = new Set<string>();
  connection.onInitialize((params) => {
    const options = params.initializationOptions as InitializationOptions | undefined;
    state.schemaOverride = options?.schemaPath || undefined;
    setMaxFileBytes(options?.maxFileBytes);
    state.samplePaths = options?.samples?.length ? options.samples : undefined;
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', ':', ' ', '[', ','], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'cdc-routing', version: '0.1.0' },
    };
  });

  documents.onDidChangeContent((e) => {
    const checker = ctx.checkers.find((c) => c.matches(e.document.uri));
    if (checker) {
      const problems = checker.problems(e.document.uri, e.document.getText());
      void connection.sendDiagnostics({
        uri: e.document.uri,
        version: e.document.version,
        diagnostics: problems.map((p) => toDiagnostic(e.document, p)),
      });
      return;
    }
    if (!isFilters(e.document)) {
      // It stopped being a filters file (its `filters:` list was cut out): take back what was shown for it.
      if (state.get(e.document.uri)) {
        state.forget(e.document.uri);
        void connection.sendDiagnostics({ uri: e.document.uri, version: e.document.version, diagnostics: [] });
      }
      return;
    }
    const analysis = state.analyze(e.document.uri, e.document.version, e.document.getText());
    void connection.sendDiagnostics({
      uri: e.document.uri,
      version: e.document.version,
      diagnostics: analysis.problems.map((p) => toDiagnostic(e.document, p)),
    });
    scheduleLate(e.document);
  });

  // The late checks run once typing pauses, and publish again only when they found something.
  const lateTimers = new Map<string, NodeJS.Timeout>();
  const scheduleLate = (document: TextDocument) => {
    clearTimeout(lateTimers.get(document.uri));
    lateTimers.set(
      document.uri,
      setTimeout(() => {
        lateTimers.delete(document.uri);
        const analysis = state.get(document.uri);
        const current = documents.get(document.uri);
        if (!analysis || !current || current.version !== analysis.version) return;
        const late = ctx.lateProblems.flatMap((check) => {
          try {
            return check(analysis);
          } catch (err) {
            connection.console.error(`late check failed: ${(err as Error).message}`);
            return [];
          }
        });
        if (late.length === 0) return;
        const all = [...analysis.problems, ...late].sort((a, b) => a.span.start - b.span.start);
        void connection.sendDiagnostics({
          uri: current.uri,
          version: current.version,
          diagnostics: all.map((p) => toDiagnostic(current, p)),
        });
      }, 150),
    );
  };
  // The editor may ask for lenses before the first analysis has its samples; ask it once more after it.
  state.onDidAnalyze((a) => {
    if (!lensRefresh || lensesShown.has(a.uri)) return;
    lensesShown.add(a.uri);
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });
  documents.onDidClose((e) => {
    lensesShown.delete(e.document.uri);
    kinds.delete(e.document.uri);
    state.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    const analysis = analysisOf(params.textDocument.uri);
    if (!doc || !analysis) return [];
    // Completion reads the live text: the analysis may lag a keystroke behind, the schema does not.
    const offset = doc.offsetAt(params.position);
    const samples = state.samplesFor(analysis.file)?.index;
    return complete({ doc: { ...analysis.doc, text: doc.getText() }, offset, schema: analysis.schema, samples }).map(
      (p): CompletionItem => ({
        label: p.label,
        kind: completionKinds[p.kind],
        detail: p.detail,
        documentation: p.documentation ? { kind: 'markdown', value: p.documentation } : undefined,
        sortText: p.sortText,
        filterText: p.label,
        insertTextFormat: p.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        // A snippet whose lines carry their full indentation: the editor must not add the current line's again.
        insertTextMode: p.absoluteIndent ? InsertTextMode.asIs : undefined,
        textEdit: { range: toRange(doc, p.replace), newText: p.insertText },
        command: p.retrigger ? { title: 'more', command: 'editor.action.triggerSuggest' } : undefined,
      }),
    );
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    const analysis = analysisOf(params.textDocument.uri);
    if (!doc || !analysis) return null;
    const info = hover(
      analysis.doc,
      doc.offsetAt(params.position),
      analysis.schema,
      state.samplesFor(analysis.file)?.index,
    );
    return info ? { contents: { kind: 'markdown', value: info.markdown }, range: toRange(doc, info.span) } : null;
  });

  connection.onDefinition((params) => {
    const doc = documents.get(params.textDocument.uri);
    const analysis = analysisOf(params.textDocument.uri);
    if (!doc || !analysis) return null;
    const target = fieldDefinition(analysis.doc, doc.offsetAt(params.position), analysis.schema);
    return target ? { uri: URI.file(target.file).toString(), range: rangeInText(target.text, target.span) } : null;
  });

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    const analysis = analysisOf(params.textDocument.uri);
    if (!doc || !analysis) return [];
    const convert = (item: OutlineItem): DocumentSymbol => ({
      name: item.name,
      detail: item.detail,
      kind: item.kind === 'filter' ? SymbolKind.Object : item.kind === 'source' ? SymbolKind.Module : SymbolKind.Field,
      range: toRange(doc, item.span),
      selectionRange: toRange(doc, item.selection),
      children: item.children.map(convert),
    });
    return outline(analysis.doc).map(convert);
  });

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const fix = d.data as Problem['fix'] | undefined;
      const doc = documents.get(params.textDocument.uri);
      if (!fix || !doc) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [params.textDocument.uri]: [{ range: toRange(doc, fix.span), newText: fix.newText }] } },
      });
    }
    return actions;
  });

  connection.onCodeLens((params) => {
    const doc = documents.get(params.textDocument.uri);
    const analysis = analysisOf(params.textDocument.uri);
    if (!doc || !analysis) return [];
    const lenses: CodeLens[] = [];
    for (const contribute of ctx.codeLenses) {
      for (const l of contribute(analysis)) {
        lenses.push({
          range: toRange(doc, l.span),
          command: { title: l.title, command: l.command ?? '', arguments: l.args },
        });
      }
    }
    return lenses;
  });

  documents.listen(connection);
  return ctx;
}
