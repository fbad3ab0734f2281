import * as fs from 'fs';
import * as path from 'path';
import { FileReadError, readBoundedText, tryReadBoundedText } from '../files/boundedRead';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { SampleProblem } from '../protocol/routingPreview';
import { deadLetterReasonOfText } from './deadLetterReason';

/** One sample event and where it came from (1-based line), so every result can point back at it. */
export interface SampleEvent {
  file: string;
  line: number;
  event: Record<string, unknown>;
}

// A line or file that could not be read: reported with file and line, and skipped — never silently. The routing
// preview lists them, so the type is the wire's.
export type { SampleProblem };

export interface SampleSet {
  events: SampleEvent[];
  problems: SampleProblem[];
  /** The files read, in order. */
  files: string[];
}

const isEventObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON Lines: one event per line; blank lines and lines starting with // are skipped. */
export function parseJsonLines(text: string, file: string): SampleSet {
  const events: SampleEvent[] = [];
  const problems: SampleProblem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('//')) continue;
    // A line is one record value: one the routing job could not read is where it would go, not a broken file.
    try {
      const value: unknown = JSON.parse(line);
      if (isEventObject(value)) events.push({ file, line: i + 1, event: value });
      else
        problems.push(
          deadLetter(
            file,
            i + 1,
            'not a JSON object',
            `found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
          ),
        );
    } catch (err) {
      problems.push(deadLetter(file, i + 1, deadLetterReasonOfText(line) ?? 'not JSON', (err as Error).message));
    }
  }
  return { events, problems, files: [file] };
}

/** A sample the routing job would dead-letter: the reason in the job's words, then what the parser said. */
export function deadLetter(file: string, line: number, reason: string, detail?: string): SampleProblem {
  return {
    file,
    line,
    message: `would go to the dead-letter topic because ${reason}${detail ? ` (${detail})` : ''}`,
    deadLetterReason: reason,
  };
}

/** A .json file: one event object, or an array of events (each keeps its own line). */
export function parseJsonFile(text: string, file: string): SampleSet {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: SampleProblem[] = [];
  const events: SampleEvent[] = [];
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return {
      events,
      problems: [
        { file, line: lineCounter.linePos(e.pos[0]).line, message: `not valid JSON: ${e.message.split('\n')[0]}` },
      ],
      files: [file],
    };
  }
  const root = doc.contents;
  const items = isSeq(root) ? root.items : [root];
  for (const item of items) {
    const node = item as { range?: [number, number]; toJSON?: () => unknown } | null;
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    const value = node && typeof node.toJSON === 'function' ? node.toJSON() : null;
    if (isEventObject(value)) events.push({ file, line, event: value });
    else problems.push({ file, line, message: 'expected a JSON object (an event)' });
  }
  return { events, problems, files: [file] };
}

function parseSamples(text: string, file: string): SampleSet {
  return file.endsWith('.json') ? parseJsonFile(text, file) : parseJsonLines(text, file);
}

/** Reads sample files or directories (their *.jsonl and *.json, sorted). Unreadable files are problems, not exceptions. */
export function loadSamples(paths: string[]): SampleSet {
  const all: SampleSet = { events: [], problems: [], files: [] };
  for (const p of paths) {
    let files: string[];
    try {
      files = fs.statSync(p).isDirectory()
        ? fs
            .readdirSync(p)
            .filter((f) => /\.(jsonl|ndjson|json)$/.test(f))
            .sort()
            .map((f) => path.join(p, f))
        : [p];
    } catch {
      const read = tryReadBoundedText(p);
      all.problems.push({
        file: p,
        line: 0,
        message: read.ok ? 'sample file or folder not found' : read.error.message,
      });
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = readBoundedText(file);
      } catch (err) {
        const message = err instanceof FileReadError ? err.message : `cannot read: ${(err as Error).message}`;
        all.problems.push({ file, line: 0, message });
        continue;
      }
      const set = parseSamples(text, file);
      all.events.push(...set.events);
      all.problems.push(...set.problems);
      all.files.push(file);
    }
  }
  return all;
}

/**
 * Where the samples of a filters file are by default: the nearest `samples/` folder beside the file or
 * in a folder above it (examples/cdc-streaming/samples for examples/cdc-streaming/flink-jobs/filters.yaml).
 * `configured` (the setting `cdcRouting.samples`, relative to the filters file) wins when given.
 */
export function samplePathsFor(filtersFile: string, configured?: string[]): string[] {
  if (configured && configured.length > 0) return configured.map((p) => path.resolve(path.dirname(filtersFile), p));
  let dir = path.dirname(path.resolve(filtersFile));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = path.join(dir, 'samples');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) return [candidate];
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return [];
}
