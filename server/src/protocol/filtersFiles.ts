/**
 * Which files are routing rules and which are their tests: the one definition that the server, the CLI and
 * the client use. package.json cannot import it; its literal copies (the editor/title `when` clauses,
 * activationEvents, yamlValidation) are checked against it by test/unit/protocol/filtersFiles.test.ts.
 *
 * - a filters file is named `filters*.yaml` or `filters*.yml`: filters.yaml, filters-examples.yaml, filters.loans.yml;
 * - a filter test file is such a name ending in `.test.yaml` / `.test.yml`: filters.test.yaml, filters-loans.test.yml.
 *   It is not a filters file.
 */

/** The names of both kinds (a base name, not a path). */
export const FILTERS_FAMILY_NAME = /^filters.*\.ya?ml$/;
/** How a name of that family says it is a test file. */
export const TEST_FILE_SUFFIX = /\.test\.ya?ml$/;

/** Globs (VS Code's syntax) of every filters and filter test file in a workspace: the documents the server owns. */
export const FILTERS_FAMILY_GLOBS: readonly string[] = ['**/filters*.yaml', '**/filters*.yml'];
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
