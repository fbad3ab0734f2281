import { URI } from 'vscode-uri';
import { SchemaCache, schemaFor } from '../avro/schemaLocator';
import { sourceEncoding } from '../model/filterTypes';
import { forgetParses, parseFilters } from '../model/parseFilters';
import { validateFilters } from '../validation/validateFilters';
import { SampleIndex } from '../language/sampleIndex';
import { unseenValueHints } from '../language/unseenValueHints';
import { SampleCache } from '../samples/sampleCache';
import type { Analysis } from './analysis';

/**
 * The server's memory of open filters files: one analysis per document version, and the schema and
 * sample caches they share. Features read analyses from here instead of re-parsing.
 */
export class WorkspaceState {
  private readonly analyses = new Map<string, Analysis>();
  private readonly schemas = new SchemaCache();
  private readonly sampleIndexes = new WeakMap<object, SampleIndex>();
  /** Sample events by filters file: shared with the routing preview so both read the files once. */
  readonly samples = new SampleCache(() => this.samplePaths);
  /** Set by the client (`cdcRouting.samples`): sample files or folders, relative to the filters file. */
  samplePaths: string[] | undefined;
  private readonly listeners: ((a: Analysis) => void)[] = [];
  /** Set by the client (`cdcRouting.schemaPath`): a schema that overrides the file's own rule. */
  schemaOverride: string | undefined;

  analyze(uri: string, version: number, text: string): Analysis {
    const file = URI.parse(uri).fsPath;
    const doc = parseFilters(text, uri);
    let analysis: Analysis;
    try {
      const schemaLoad = schemaFor(doc, file, this.schemas, this.schemaOverride);
      const { problems, bound, schema } = validateFilters(doc, schemaLoad);
      // a text value no sample has but one nearly spelled so: a typo that would route nothing
      const hints = unseenValueHints(bound, this.samplesFor(file)?.index);
      const all = hints.length ? [...problems, ...hints].sort((a, b) => a.span.start - b.span.start) : problems;
      analysis = { uri, file, version, doc, schema, bound, problems: all };
    } catch (err) {
      // A bug in a check must not silence the editor: say so at the top of the file and keep serving.
      const message = `cdc-routing could not check this file (${(err as Error).message}); please report it with the file.`;
      analysis = {
        uri,
        file,
        version,
        doc,
        bound: { sourceTopic: '', encoding: sourceEncoding(doc), filters: [], rejected: [] },
        problems: [{ span: { start: 0, end: 0 }, severity: 'error', message, code: 'internal' }],
      };
    }
    this.analyses.set(uri, analysis);
    for (const l of this.listeners) l(analysis);
    return analysis;
  }

  get(uri: string): Analysis | undefined {
    return this.analyses.get(uri);
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    forgetParses(uri);
  }

  all(): Analysis[] {
    return [...this.analyses.values()];
  }

  onDidAnalyze(listener: (a: Analysis) => void): void {
    this.listeners.push(listener);
  }

  /** What the sample events of a filters file show (map keys, frequent values), for completion and hover. */
  samplesFor(file: string): { index: SampleIndex } | undefined {
    const set = this.samples.get(file);
    if (set.events.length === 0) return undefined;
    // The event list keeps its identity while the files are unchanged: index it once per version.
    let index = this.sampleIndexes.get(set.events);
    if (!index) this.sampleIndexes.set(set.events, (index = new SampleIndex(set.events.map((e) => e.event))));
    return { index };
  }
}
