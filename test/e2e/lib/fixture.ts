// Reads the throwaway workspace copy on disk (untouched by typing: autoSave is off) so scenarios
// derive lines, columns and expected ids from the example instead of hard-coding them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export interface Place {
  /** 1-based, as the editor shows it. */
  line: number;
  /** 1-based column of the first character of `needle`. */
  column: number;
}

/** Where `needle` first occurs in `file`, after the first line containing `after` if given. */
export function find(folder: string, file: string, needle: string, after?: string): Place {
  const lines = fs.readFileSync(path.join(folder, file), 'utf8').split('\n');
  let from = 0;
  if (after !== undefined) {
    from = lines.findIndex((line) => line.includes(after));
    if (from < 0) throw new Error(`"${after}" is not in ${file}`);
  }
  for (let index = from; index < lines.length; index += 1) {
    const column = lines[index].indexOf(needle);
    if (column >= 0) return { line: index + 1, column: column + 1 };
  }
  throw new Error(`"${needle}" is not in ${file}${after === undefined ? '' : ` after "${after}"`}`);
}

/** The filter ids of a filters.yaml, in file order. */
export function filterIds(folder: string, file: string): string[] {
  const document = parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { filters?: { id?: string }[] };
  return (document.filters ?? []).map((filter) => String(filter.id));
}

/**
 * The language mode the status bar should show for a file named `fileName`: the first alias of the
 * language the extension's manifest contributes for that file name, or `fallback` (the editor's
 * own language for it) when the manifest contributes none.
 */
export function expectedLanguageMode(fileName: string, fallback: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes?: {
      languages?: { id: string; aliases?: string[]; filenamePatterns?: string[]; filenames?: string[] }[];
    };
  };
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    ).test(fileName);
  const language = manifest.contributes?.languages?.find(
    (candidate) => (candidate.filenames ?? []).includes(fileName) || (candidate.filenamePatterns ?? []).some(matches),
  );
  return language ? (language.aliases?.[0] ?? language.id) : fallback;
}

/** Names of the top-level fields of an Avro record schema (.avsc) in the workspace. */
export function avroTopLevelFields(folder: string, file: string): string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { fields?: { name: string }[] };
  return (schema.fields ?? []).map((field) => field.name);
}
