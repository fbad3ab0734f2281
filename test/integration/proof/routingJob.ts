import * as fs from 'fs';
import * as path from 'path';
import { SchemaCache, schemaFor } from '../../../server/src/avro/schemaLocator';
import type { BoundDocument, BoundFilter } from '../../../server/src/binding/boundTypes';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';
import type { Router } from '../../../server/src/routing/routeTypes';
import type { GenerateSqlOptions } from '../../../server/src/sql/connectorOptions';
import { generateSql } from '../../../server/src/sql/generateSql';
import { validateFilters } from '../../../server/src/validation/validateFilters';

/** One filters file made ready for the proof: what the editor binds, the SQL the CLI would generate, and the evaluator. */
export interface RoutingJob {
  /** Short name used in group ids, logs and reports. */
  name: string;
  filtersFile: string;
  sourceTopic: string;
  bound: BoundDocument;
  /** Enabled filters, in file order: what the generated job routes. */
  filters: BoundFilter[];
  /** Output topics of `enabled: false` filters: nothing may arrive there. */
  disabledTopics: string[];
  sql: string;
  /** Source consumer group of the generated job: its committed offsets tell how far Flink has read. */
  groupId: string;
  router: (now: () => number) => Router;
}

export interface RoutingJobOptions {
  name: string;
  /** The filters file on disk, or its text plus the folder its relative schema path starts from. */
  filtersFile: string;
  text?: string;
  bootstrapServers: string;
  groupId: string;
}

/** Parses, validates, binds and generates exactly as `cdc-routing generate --target flink --format json` does. */
export function prepareRoutingJob(o: RoutingJobOptions): RoutingJob {
  const text = o.text ?? fs.readFileSync(o.filtersFile, 'utf8');
  const doc = parseFilters(text);
  const load = schemaFor(doc, o.filtersFile, new SchemaCache());
  const { problems, bound, schema } = validateFilters(doc, load);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !schema)
    throw new Error(`${o.filtersFile}: ${errors.map((p) => p.message).join('; ') || 'no schema'}`);
  const options: GenerateSqlOptions = {
    target: 'flink',
    format: 'json',
    bootstrapServers: o.bootstrapServers,
    // the generator's default: the proof commits the group's offsets to the end of the topic before the job
    // starts, so the job reads exactly the events of this run
    startupMode: 'group-offsets',
    groupId: o.groupId,
  };
  const generated = generateSql({ doc, bound, schema, filtersFile: path.basename(o.filtersFile), options });
  const sqlErrors = generated.problems.filter((p) => p.severity === 'error');
  if (sqlErrors.length > 0)
    throw new Error(`${o.filtersFile}: the generator refused: ${sqlErrors.map((p) => p.message).join('; ')}`);
  return {
    name: o.name,
    filtersFile: o.filtersFile,
    sourceTopic: bound.sourceTopic,
    bound,
    filters: bound.filters.filter((f) => f.enabled),
    disabledTopics: bound.filters.filter((f) => !f.enabled).map((f) => f.outputTopic),
    sql: generated.sql,
    groupId: o.groupId,
    router: (now) => compileRouting(bound, { now }),
  };
}
