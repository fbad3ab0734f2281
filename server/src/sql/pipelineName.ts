/**
 * The name a generated routing job runs under (SET 'pipeline.name'): `cdc-routing <source topic> <file> <hash16>`.
 * The file is what tells two routing jobs of one topic apart (filters.yaml and filters-examples.yaml both read
 * raw-business-events), so a deploy replaces the job of the same file; the hash says whether its SQL changed.
 */
const HASH_LENGTH = 16;

/** The filters file as it appears in job names: its base name without .yaml/.yml, one token of [A-Za-z0-9._-]. */
export function jobFileLabel(filtersFile: string): string {
  const base = filtersFile.split(/[\\/]/).pop() ?? filtersFile;
  return base.replace(/\.ya?ml$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'filters';
}

export function routingJobName(sourceTopic: string, filtersFile: string, hash: string): string {
  return `cdc-routing ${sourceTopic} ${jobFileLabel(filtersFile)} ${hash.slice(0, HASH_LENGTH)}`;
}
