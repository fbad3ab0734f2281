/**
 * Which files are routing rules and which are their tests: the one definition that the server, the CLI and
 * the client use. package.json cannot import it; its literal copies (activationEvents, the default of
 * `cdcRouting.files`, yamlValidation) are checked against it by test/unit/protocol/filtersFiles.test.ts.
 *
 * - a filters file is named `filters*.yaml` or `filters*.yml`: filters.yaml, filters-examples.yaml, filters.loans.yml;
 * - a filter test file is such a name ending in `.test.yaml` / `.test.yml`: filters.test.yaml, filters-loans.test.yml.
 *   It is not a filters file.
 * - an open document of any other name is a filters file by its content (`isFiltersDocument`): the language server
 *   answers any LSP client (Neovim, Helix…) for `routes.yaml` as for `filters.yaml`. The CLI and the workspace scan
 *   (deploy) still go by name: they would otherwise have to read every YAML file of a folder.
 */

/** The names of both kinds (a base name, not a path). */
export const FILTERS_FAMILY_NAME = /^filters.*\.ya?ml$/;
/** How a name of that family says it is a test file. */
export const TEST_FILE_SUFFIX = /\.test\.ya?ml$/;

/** Globs (VS Code's syntax) of every filters and filter test file in a workspace: the documents the server owns. */
export const FILTERS_FAMILY_GLOBS: readonly string[] = ['**/filters*.yaml', '**/filters*.yml'];
/** The default of the client's `cdcRouting.files` setting: the same files as `FILTERS_FAMILY_GLOBS`, in one glob. */
export const FILES_SETTING_DEFAULT: readonly string[] = ['**/filters*.{yaml,yml}'];
/** Glob of the filter test files in a workspace. */
export const FILTER_TEST_FILES_GLOB = '**/filters*.test.{yaml,yml}';

/** `filters.yaml`, `filters-examples.yaml`, `filters.loans.yml`; not `filters.test.yaml`. */
export function isFiltersFileName(name: string): boolean {
  return FILTERS_FAMILY_NAME.test(name) && !TEST_FILE_SUFFIX.test(name);
}

/** `filters.test.yaml`, `filters-loans.test.yml`. */
export function isFilterTestFileName(name: string): boolean {
  return FILTERS_FAMILY_NAME.test(name) && TEST_FILE_SUFFIX.test(name);
}

/** A filters file, given as a path (either separator) or a URI. */
export function isFiltersFile(pathOrUri: string): boolean {
  return isFiltersFileName(baseName(pathOrUri));
}

/** A filter test file, given as a path (either separator) or a URI. */
export function isFilterTestFile(pathOrUri: string): boolean {
  return isFilterTestFileName(baseName(pathOrUri));
}

/** What the server knows of an open document. */
export interface OpenDocument {
  uri: string;
  /** The client's language id (`yaml` from VS Code and Neovim); may be absent or another editor's own. */
  languageId?: string;
  text: string;
}

/**
 * A filters file by name, or any YAML document whose top level has a `filters:` key holding a list (block or
 * flow) or, while it is being written, nothing yet. A filter test file's `filters: ./filters.yaml` is a scalar,
 * so it never counts. The check reads lines, not a parse: it runs on every change of every YAML document a
 * client sends.
 */
export function isFiltersDocument(doc: OpenDocument): boolean {
  if (isFilterTestFile(doc.uri)) return false;
  if (isFiltersFile(doc.uri)) return true;
  const yaml = doc.languageId === 'yaml' || /\.ya?ml$/i.test(baseName(doc.uri));
  return yaml && hasTopLevelFiltersList(doc.text);
}

/** A top-level `filters:` key (column 0) followed by `[`, by a `-` item on a later line, or by no value at all. */
export function hasTopLevelFiltersList(text: string): boolean {
  const key = /^(?:filters|"filters"|'filters')[ \t]*:(?=[ \t\r]|$)(.*)$/m.exec(text);
  if (!key) return false;
  const rest = key[1].replace(/(^|[ \t])#.*$/, '').trim();
  if (rest !== '') return rest.startsWith('[');
  // The value is on the following lines: the first one that is neither blank nor a comment decides. Read lazily,
  // line by line: a long file is not split for the one line that decides.
  let keyLine = true;
  for (const [line] of text.slice(key.index + key[0].length).matchAll(/^.*$/gm)) {
    if (keyLine) {
      keyLine = false; // the end of the key's own line, already read
      continue;
    }
    if (/^[ \t]*(#.*)?$/.test(line)) continue;
    if (/^[ \t]*-(?:[ \t]|$)/.test(line)) return true;
    // another top-level key or document marker: `filters:` is empty (a file being written); anything else is
    // an indented mapping or scalar, not a list of rules
    return !/^[ \t]/.test(line);
  }
  return true;
}

/** The last segment of a path or URI (a URI's query and fragment left out, its escapes decoded). */
export function baseName(pathOrUri: string): string {
  let s = pathOrUri;
  const isUri = /^[a-z][a-z0-9+.-]+:/i.test(s) && !/^[a-z]:[\\/]/i.test(s);
  if (isUri) s = s.replace(/[?#].*$/s, '');
  const name = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'), isUri ? s.indexOf(':') : -1) + 1);
  if (!isUri) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
