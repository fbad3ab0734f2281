// Invariant: when Flink cannot express a condition exactly, the generator refuses the filter with a problem; it
// never emits SQL that means something else. A job that quietly differs from the preview and the filter tests
// would route real events wrongly while every check is green.

import { createHash } from 'crypto';
import type { AvroSchemaModel } from '../avro/avroTypes';
import type { BoundCondition, BoundDocument, BoundFilter } from '../binding/boundTypes';
import { deadLetterTopic, passesHeaders, type FilterRule, type FiltersDocument } from '../model/filterTypes';
import type { Span } from '../model/span';
import type { Problem } from '../model/problem';
import { avroConfluentBlockers, flinkType, type UnmappableType } from './avroToFlinkType';
import { arrayRef, type RefScope } from './columnRef';
import { predicateSql } from './conditionSql';
import { sinkOptions, sourceOptions, withClause, type GenerateSqlOptions } from './connectorOptions';
import { encodingOptionProblems } from './encodingOptions';
import { epochReading } from '../binding/epochEncoding';
import type { SourceEncoding } from '../model/filterTypes';
import { commentSafe, quoteIdentifier as q, stringLiteral } from './sqlLiterals';
import { TableNamer } from './tableNames';
import { routingJobName } from './pipelineName';
import {
  deadLetterInsertLines,
  deadLetterSinkLines,
  deadLetterSourceColumns,
  deadLetterTopicProblem,
  readRowsOnly,
  withDeadLetterFormat,
  type DeadLetterPlan,
} from './deadLetter';
import { candidateBlocks, routeComment, routeParts, type RouteCandidate } from './routeCandidates';
import { cheapestFirst } from './predicateCost';

export type { GenerateSqlOptions } from './connectorOptions';

export interface GenerateSqlInput {
  doc: FiltersDocument;
  bound: BoundDocument;
  schema: AvroSchemaModel;
  /** How the header names the filters file (e.g. `flink-jobs/filters.yaml`); written as given. */
  filtersFile: string;
  options: GenerateSqlOptions;
}

export interface GenerateSqlResult {
  sql: string;
  /** Filters refused (Flink SQL cannot express them exactly) and option or schema problems. */
  problems: Problem[];
  /** 0-based line of each generated filter's INSERT in `sql`, in file order. */
  filterLocations: { filterId: string; line: number }[];
  /** sha256 of the filters text, the schema text and the generated statements: what the deploy step
   * compares with the running job's (the flink target also puts it in the job name). */
  hash: string;
  /** The topic the job writes the records it cannot read to (deadLetter.ts); absent when it has no such path. */
  deadLetterTopic?: string;
}

const FILTER_METADATA = 'filterMetadata';
const FILTER_METADATA_TYPE =
  'ROW<`filterId` STRING NOT NULL, `consumerId` STRING NOT NULL, `routedAt` TIMESTAMP_LTZ(3) NOT NULL> NOT NULL';
/**
 * Flink 1.20's avro-confluent format cannot write TIMESTAMP_LTZ ("Unsupported to derive Schema"): Avro sinks carry
 * routedAt as TIMESTAMP(3) (Avro timestamp-millis), the UTC wall-clock of the instant, the session's time zone
 * being set to UTC for it (docs/flink-sql-findings.md).
 */
const AVRO_FILTER_METADATA_TYPE =
  'ROW<`filterId` STRING NOT NULL, `consumerId` STRING NOT NULL, `routedAt` TIMESTAMP(3) NOT NULL> NOT NULL';
/** The array rule's per-record de-duplication (server/flink/…/FirstRouteOfRecord.java). */
const FIRST_ROUTE_FUNCTION = 'cdc_routing_first_route';
const FIRST_ROUTE_CLASS = 'dev.cdcrouting.flink.FirstRouteOfRecord';
/**
 * The most enabled filters one routing job holds. Measured in an embedded Flink 1.20 (768 MB heap): 3,000 filters
 * planned, compiled and routed the 269 sample events in 42 s; 10,000 ran out of heap while compiling. Beyond it
 * the generator refuses, rather than the deploy failing in the JobManager.
 */
export const MAX_FILTERS_PER_JOB = 3000;
/**
 * The length (in characters) above which Flink's code splitter cuts a generated method. Measured on the local stack
 * at 1,000 filters: with Flink's default of 4,000 a third of the TaskManager's samples were in interpreted generated
 * methods (the JIT skips methods above 8,000 bytes of bytecode); with 1,000 almost none, and the job used 1.6× less
 * CPU per event (docs/sql-generation.md).
 */
const GENERATED_CODE_MAX_LENGTH = 1000;
/** The base name of the one sink table (made unique against the source's table name). */
const ROUTED_TABLE = 'routed';
/** The base name of the dead-letter sink table. */
const DEAD_LETTER_TABLE = 'dead_letters';

/**
 * Generates the Flink SQL routing job of a filters file: deterministic (same input, same bytes), filters in file
 * order. Self-managed Flink: the source read once and one INSERT into one sink for every filter and output topic
 * (the topic is a column), the source key and headers kept; its cost grows with the filters' predicates only.
 * Confluent Cloud: one INSERT per output topic. A filter whose meaning Flink SQL cannot reproduce exactly is left
 * out with a problem at its span.
 */
export function generateSql(input: GenerateSqlInput): GenerateSqlResult {
  const { doc, bound, schema, options } = input;
  const cc = options.target === 'confluent-cloud';
  const problems: Problem[] = [];
  const anchor: Span = doc.source?.span ?? { start: 0, end: 0 };
  const tables = new TableNamer(cc);
  const sourceTable = tables.name(bound.sourceTopic);
  const topFields = schema.root.fields;
  const taken = new Set(topFields.map((f) => f.name.toLowerCase()));
  const fresh = (base: string) => {
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${n}`;
    taken.add(name.toLowerCase());
    return name;
  };
  const blockNames: string[] = [];
  const hidden = {
    alias: fresh('s'),
    key: fresh('_routing_key'),
    headers: fresh('_routing_headers'),
    partition: fresh('_routing_partition'),
    offset: fresh('_routing_offset'),
    topic: fresh('_routing_topic'),
    routeAlias: fresh('r'),
    error: fresh('_routing_error'),
    raw: fresh('_routing_raw'),
    timestamp: fresh('_routing_timestamp'),
    deadLetterHeaders: fresh('_routing_dlq_headers'),
    block: (n: number) => (blockNames[n] ??= fresh(`c${n}`)),
  };
  const unmappable: UnmappableType[] = [];
  const epoch = bound.encoding.timestamps === 'epoch-millis';
  const columns = topFields.map(
    (f) => `${q(f.name)} ${flinkType(f.type, f.nullable, f.name, unmappable, undefined, epoch)}`,
  );
  problems.push(...encodingOptionProblems(doc, bound.encoding, options));
  if (!cc) {
    for (const u of unmappable) {
      problems.push({
        span: doc.source?.schema?.span ?? anchor,
        severity: 'error',
        code: 'sql-type',
        message: `Cannot declare the source table: ${u.path} is ${u.reason}.`,
      });
    }
  }
  if (topFields.some((f) => f.name === FILTER_METADATA)) {
    problems.push({
      span: doc.source?.schema?.span ?? anchor,
      severity: 'error',
      code: 'sql-type',
      message: `The source schema already has a top-level field "${FILTER_METADATA}", the column the routed events add.`,
    });
  }
  if (!cc && options.format === 'avro-confluent' && !options.schemaRegistryUrl) {
    problems.push({
      span: anchor,
      severity: 'error',
      code: 'sql-options',
      message:
        'Format avro-confluent needs a Schema Registry URL (--schema-registry-url or cdcRouting.sql.schemaRegistryUrl).',
    });
  }
  if (!cc && options.format === 'avro-confluent') {
    const blockers = avroConfluentBlockers(schema.root);
    if (blockers.length > 0) {
      problems.push({
        span: doc.source?.schema?.span ?? anchor,
        severity: 'error',
        code: 'sql-format',
        message: `Format avro-confluent cannot read this schema exactly in Flink 1.20 (no TIMESTAMP_LTZ, enums do not resolve as STRING): ${blockers.slice(0, 5).join(', ')}${blockers.length > 5 ? ` and ${blockers.length - 5} more` : ''}. Use format json.`,
      });
    }
  }
  if (!cc && !options.bootstrapServers) {
    problems.push({
      span: anchor,
      severity: 'error',
      code: 'sql-options',
      message: 'No Kafka bootstrap servers (--bootstrap-servers or cdcRouting.sql.bootstrapServers).',
    });
  }
  const filtersSha = sha256(doc.text);
  const schemaSha = sha256(schema.text);
  const header = (routingHash: string) => headerLines(input, filtersSha, schemaSha, routingHash);
  if (problems.some((p) => p.severity === 'error')) {
    const body = ['-- Not generated: ' + problems.map((p) => commentSafe(p.message)).join(' / '), ''];
    const hash = sha256(`${filtersSha}\n${schemaSha}\n${body.join('\n')}`);
    return { sql: [...header(hash), ...body].join('\n'), problems, filterLocations: [], hash };
  }

  const avroSinks = !cc && options.format === 'avro-confluent';
  const boundByRule = new Map<FilterRule, BoundFilter>(bound.filters.map((f) => [f.rule, f]));
  const rejected = new Map<FilterRule, string>(bound.rejected.map((r) => [r.rule, r.reason]));
  // Every array the file's filters step into gets one LEFT JOIN UNNEST, shared by all of them.
  const elementJoins = new ElementJoins(fresh);
  const routes: PlannedRoute[] = [];
  const leftOut: string[] = [];
  for (const rule of doc.filters) {
    const label = rule.id?.value ?? `#${rule.index + 1}`;
    const f = boundByRule.get(rule);
    if (!f) {
      leftOut.push(
        `-- ${commentSafe(label)}: not generated, the filter has errors (${commentSafe(rejected.get(rule) ?? 'see the problems')}).`,
      );
      continue;
    }
    if (!f.enabled) {
      leftOut.push(`-- ${commentSafe(label)}: disabled (enabled: false), not deployed.`);
      continue;
    }
    const predicates = filterPredicates(f, cc, hidden.alias, elementJoins, problems, bound.encoding);
    if (!predicates) {
      leftOut.push(`-- ${commentSafe(label)}: not generated, Flink SQL cannot express it exactly (see the problems).`);
      continue;
    }
    routes.push({ filter: f, label, predicates: predicates.sql, throughArray: predicates.throughArray });
  }

  if (routes.length > MAX_FILTERS_PER_JOB) {
    problems.push({
      span: doc.filtersSpan ?? anchor,
      severity: 'error',
      code: 'sql-limit',
      message: `${routes.length.toLocaleString('en-US')} enabled filters: one routing job holds at most ${MAX_FILTERS_PER_JOB.toLocaleString('en-US')} (beyond that Flink runs out of memory compiling it). Split them over several filters files of the same source topic: each is its own job.`,
    });
    const body = ['-- Not generated: ' + commentSafe(problems[problems.length - 1].message), ''];
    const hash = sha256(`${filtersSha}\n${schemaSha}\n${body.join('\n')}`);
    return { sql: [...header(hash), ...body].join('\n'), problems, filterLocations: [], hash };
  }
  // The json source reads through cdc-routing-json, which hands unreadable records to the dead-letter sink
  // (deadLetter.ts); Avro sources and Confluent Cloud (which cannot load the format) have no dead-letter path.
  const deadLetters: DeadLetterPlan | undefined =
    !cc && options.format === 'json' && routes.length > 0
      ? {
          topic: deadLetterTopic(doc),
          columns: {
            error: hidden.error,
            raw: hidden.raw,
            partition: hidden.partition,
            offset: hidden.offset,
            timestamp: hidden.timestamp,
          },
          hasPartitionOffset: routes.some((r) => r.throughArray),
        }
      : undefined;
  const dlqClash =
    deadLetters &&
    deadLetterTopicProblem(
      deadLetters.topic,
      bound.sourceTopic,
      routes.map((r) => r.filter.outputTopic),
      doc.source?.deadLetterTopic,
      anchor,
    );
  if (dlqClash) {
    problems.push(dlqClash);
    const body = ['-- Not generated: ' + commentSafe(dlqClash.message), ''];
    const hash = sha256(`${filtersSha}\n${schemaSha}\n${body.join('\n')}`);
    return { sql: [...header(hash), ...body].join('\n'), problems, filterLocations: [], hash };
  }
  const body = new LineBlocks();
  const caseLines = new Map<BoundFilter, number>();
  const passHeaders = passesHeaders(doc);
  const routedAt = avroSinks ? 'CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3))' : 'CURRENT_TIMESTAMP';
  if (!cc) {
    const usesArrays = routes.some((r) => r.throughArray);
    if (routes.length > 0) {
      body.add(
        '-- Flink splits generated Java methods longer than this many characters. With its default (4,000) the filter',
        "-- blocks' methods outgrow what the JVM's JIT compiles (8,000 bytes of bytecode) and run interpreted.",
        `SET 'table.generated-code.max-length' = '${GENERATED_CODE_MAX_LENGTH}';`,
        '',
      );
    }
    if (avroSinks) {
      body.add(
        `-- Avro sinks write routedAt as timestamp-millis: the wall-clock of the instant in UTC.`,
        `SET 'table.local-time-zone' = 'UTC';`,
        '',
      );
    }
    if (usesArrays) {
      body.add(
        '-- The array rule (conditions through one array hold on the same element) evaluates filters per element;',
        '-- this function keeps each route once per Kafka record. The rows of one record are consecutive in one task,',
        '-- so it needs no keyed state and no shuffle. Its jar must be on the Flink classpath (docs/sql-generation.md).',
        `CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS ${q(FIRST_ROUTE_FUNCTION)} AS '${FIRST_ROUTE_CLASS}' LANGUAGE JAVA;`,
        '',
      );
    }
    body.add(
      `-- Source: every change Debezium captured, as ${options.format}; the record key as raw bytes.`,
      ...(epoch
        ? ['-- timestamps: epoch-millis: timestamp and date fields are the numbers as written (BIGINT, INT).']
        : []),
    );
    body.add(
      `CREATE TABLE ${q(sourceTable)} (`,
      ...columns.map((c) => `  ${c},`),
      ...[
        `${q(hidden.key)} BYTES`,
        ...(passHeaders ? [`${q(hidden.headers)} MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL`] : []),
        ...(usesArrays
          ? [
              `${q(hidden.partition)} INT METADATA FROM 'partition' VIRTUAL`,
              `${q(hidden.offset)} BIGINT METADATA FROM 'offset' VIRTUAL`,
            ]
          : []),
        ...(deadLetters ? deadLetterSourceColumns(deadLetters) : []),
      ].map((c, i, all) => `  ${c}${i < all.length - 1 ? ',' : ''}`),
      ...withClause(
        deadLetters
          ? withDeadLetterFormat(sourceOptions(bound.sourceTopic, hidden.key, options), deadLetters.columns)
          : sourceOptions(bound.sourceTopic, hidden.key, options),
      ),
      '',
    );
    const topics = [...new Set(routes.map((r) => r.filter.outputTopic))];
    const sinkTable = q(tables.name(ROUTED_TABLE));
    if (routes.length > 0) {
      const manyTopics = topics.length > 1;
      // The event's columns and the key (the source's physical columns but the dead-letter ones), the writable
      // metadata and filterMetadata: the filtered-event shape.
      body.add(
        `-- Sink: every routed event, to the output topic of its filter, with the source record's key${passHeaders ? ' and headers' : ''}.`,
        `CREATE TABLE ${sinkTable} (`,
        ...[
          ...columns,
          `${q(hidden.key)} BYTES`,
          ...(manyTopics ? [`${q(hidden.topic)} STRING METADATA FROM 'topic'`] : []),
          ...(passHeaders ? [`${q(hidden.headers)} MAP<STRING, BYTES> METADATA FROM 'headers'`] : []),
          `${q(FILTER_METADATA)} ${avroSinks ? AVRO_FILTER_METADATA_TYPE : FILTER_METADATA_TYPE}`,
        ].map((c, i, all) => `  ${c}${i < all.length - 1 ? ',' : ''}`),
        ...withClause(sinkOptions(topics, hidden.key, options)),
        '',
      );
      if (deadLetters) {
        body.add(
          ...deadLetterSinkLines(
            tables.name(DEAD_LETTER_TABLE),
            hidden.key,
            hidden.deadLetterHeaders,
            deadLetters,
            options.bootstrapServers,
            (o) => withClause(o),
          ),
          '',
        );
      }
      const s = q(hidden.alias);
      const route = `${q(hidden.routeAlias)}.${q('route')}`;
      const lookups = routeParts(route);
      const targetColumns = [
        ...topFields.map((f) => q(f.name)),
        q(hidden.key),
        ...(manyTopics ? [q(hidden.topic)] : []),
        ...(passHeaders ? [q(hidden.headers)] : []),
        q(FILTER_METADATA),
      ];
      const selected = [
        ...topFields.map((f) => `${s}.${q(f.name)}`),
        `${s}.${q(hidden.key)}`,
        ...(manyTopics ? [lookups.topic] : []),
        ...(passHeaders ? [`${s}.${q(hidden.headers)}`] : []),
        `ROW(${lookups.filterId}, ${lookups.consumerId}, ${routedAt})`,
      ];
      body.add(
        'EXECUTE STATEMENT SET BEGIN',
        '',
        "-- One INSERT routes every event: each filter is a CASE giving its route ('<filter id> <topic> <consumer id>')",
        "-- when it matches, and the event goes once to each matching filter's output topic.",
        `INSERT INTO ${sinkTable} (${targetColumns.join(', ')})`,
        `SELECT ${selected.slice(0, topFields.length + 1).join(', ')},`,
        ...selected.slice(topFields.length + 1).map((x, i, all) => `  ${x}${i < all.length - 1 ? ',' : ''}`),
        `FROM ${q(sourceTable)} AS ${s}`,
      );
      const plain = routes.filter((r) => !r.throughArray);
      const perElement = routes.filter((r) => r.throughArray);
      const arrays: string[] = [];
      // Filters that read no array are evaluated once per event, before the events are joined with their elements.
      arrays.push(...addBlocks(body, plain, caseLines, (n) => hidden.block(n)));
      body.add(...elementJoins.lines());
      arrays.push(...addBlocks(body, perElement, caseLines, (n) => hidden.block(arrays.length + n)));
      const dedup = usesArrays
        ? ` AND ${q(FIRST_ROUTE_FUNCTION)}(${s}.${q(hidden.partition)}, ${s}.${q(hidden.offset)}, ${route})`
        : '';
      body.add(
        `CROSS JOIN UNNEST(${arrays.length > 1 ? `ARRAY_CONCAT(${arrays.join(', ')})` : arrays[0]}) AS ${q(hidden.routeAlias)}(${q('route')})`,
        `WHERE ${route} IS NOT NULL${dedup}${deadLetters ? readRowsOnly(hidden.alias, deadLetters) : ''};`,
        '',
        ...(deadLetters
          ? [
              ...deadLetterInsertLines(
                tables.name(DEAD_LETTER_TABLE),
                sourceTable,
                bound.sourceTopic,
                hidden.alias,
                hidden.key,
                hidden.deadLetterHeaders,
                deadLetters,
              ),
              '',
            ]
          : []),
        ...leftOut,
        ...(leftOut.length > 0 ? [''] : []),
        'END;',
      );
    }
  } else if (routes.length > 0) {
    // Confluent Cloud: a topic is a table and an INSERT writes one table, so there is one INSERT per output topic
    // (not per filter), each evaluating that topic's filters as the flink target does.
    body.add(
      '-- Confluent Cloud writes one table per INSERT: one INSERT per output topic, each evaluating its filters.',
      'EXECUTE STATEMENT SET BEGIN',
      '',
    );
    const topics = [...new Set(routes.map((r) => r.filter.outputTopic))];
    const s = q(hidden.alias);
    for (const topic of topics) {
      const own = routes.filter((r) => r.filter.outputTopic === topic);
      const route = `${q(hidden.routeAlias)}.${q('route')}`;
      const lookups = routeParts(route);
      body.add(
        `-- ${commentSafe(topic)}: ${own.length} filter(s)`,
        `INSERT INTO ${q(tables.name(topic))}`,
        `SELECT ${topFields.map((f) => `${s}.${q(f.name)}`).join(', ')},`,
        `  ROW(${lookups.filterId}, ${lookups.consumerId}, ${routedAt}) AS ${q(FILTER_METADATA)}`,
        `FROM ${q(sourceTable)} AS ${s}`,
      );
      const arrays = addBlocks(body, own, caseLines, (n) => hidden.block(n));
      body.add(
        `CROSS JOIN UNNEST(${arrays.length > 1 ? `ARRAY_CONCAT(${arrays.join(', ')})` : arrays[0]}) AS ${q(hidden.routeAlias)}(${q('route')})`,
        `WHERE ${route} IS NOT NULL;`,
        '',
      );
    }
    body.add(...leftOut, ...(leftOut.length > 0 ? [''] : []), 'END;');
  }
  if (routes.length === 0) {
    body.add('-- No enabled filter to route: nothing to run.', '', ...leftOut);
    while (body.lastIs('')) body.pop();
  } else {
    while (body.lastIs('')) body.pop();
  }
  const bodyText = body.text();

  const routingHash = sha256(`${filtersSha}\n${schemaSha}\n${bodyText}`);
  const jobName = cc
    ? []
    : [
        `SET 'pipeline.name' = ${stringLiteral(routingJobName(bound.sourceTopic, input.filtersFile, routingHash))};`,
        '',
      ];
  const head = [...header(routingHash), ...jobName];
  const sql = head.join('\n') + '\n' + bodyText + '\n';
  const filterLocations = routes
    .filter((r) => caseLines.has(r.filter))
    .map((r) => ({ filterId: r.filter.id, line: head.length + caseLines.get(r.filter)! }));
  return {
    sql,
    problems,
    filterLocations,
    hash: routingHash,
    ...(deadLetters ? { deadLetterTopic: deadLetters.topic } : {}),
  };
}

/** A generated filter: what the candidate blocks and lookup arrays are built from. */
interface PlannedRoute {
  filter: BoundFilter;
  label: string;
  predicates: string[];
  /** Reads an array element: evaluated per element (after the element joins) rather than once per event. */
  throughArray: boolean;
}

/** Adds the candidate blocks of `subset`; returns their arrays. */
function addBlocks(
  body: LineBlocks,
  subset: PlannedRoute[],
  caseLines: Map<BoundFilter, number>,
  blockAlias: (n: number) => string,
): string[] {
  if (subset.length === 0) return [];
  const byCandidate = new Map<RouteCandidate, PlannedRoute>();
  const candidates: RouteCandidate[] = subset.map((r) => {
    const c: RouteCandidate = {
      filterId: r.filter.id,
      outputTopic: r.filter.outputTopic,
      consumerId: r.filter.consumerId,
      comment: routeComment(r.label, r.filter.name, r.filter.outputTopic, r.filter.consumerId),
      predicates: r.predicates,
    };
    byCandidate.set(c, r);
    return c;
  });
  const start = body.lineCount;
  const blocks = candidateBlocks(candidates, blockAlias, stringLiteral, (c, lineIndex) =>
    caseLines.set(byCandidate.get(c)!.filter, start + lineIndex),
  );
  body.add(...blocks.lines);
  return blocks.arrays;
}

/** The `LEFT JOIN UNNEST(<array>) AS e<n>(<element columns>) ON TRUE` of every array the filters step into. An
 * event whose array is empty or NULL still gets one row (with NULL element columns), for the other filters. */
class ElementJoins {
  private readonly byArray = new Map<string, { alias: string; columns: string[] }>();

  constructor(private readonly fresh: (base: string) => string) {}

  aliasFor(array: string, columns: string[]): string {
    let known = this.byArray.get(array);
    if (!known) {
      known = { alias: this.fresh(`e${this.byArray.size + 1}`), columns };
      this.byArray.set(array, known);
    }
    return known.alias;
  }

  lines(): string[] {
    return [...this.byArray].map(
      ([array, { alias, columns }]) =>
        `LEFT JOIN UNNEST(${array}) AS ${q(alias)}(${columns.map(q).join(', ')}) ON TRUE`,
    );
  }
}

function filterPredicates(
  f: BoundFilter,
  cc: boolean,
  tableAlias: string,
  elementJoins: ElementJoins,
  problems: Problem[],
  encoding: SourceEncoding,
): { sql: string[]; throughArray: boolean } | undefined {
  const topScope: RefScope = { tableAlias };
  const sql: string[] = [];
  let refused = false;
  const refuse = (c: BoundCondition, message: string) => {
    refused = true;
    problems.push({
      span: c.source.span,
      severity: 'error',
      code: 'sql-refused',
      message: `Filter ${f.id} cannot be generated for ${cc ? 'Confluent Cloud' : 'Flink'}: ${message}.`,
    });
  };
  for (const c of cheapestFirst(f.conditions)) {
    const p = predicateSql(c, topScope, epochReading(encoding, c.path.type));
    if (p.ok) sql.push(p.sql);
    else refuse(c, p.message);
  }
  if (f.arrayGroups.length > 0 && cc) {
    refuse(
      f.arrayGroups[0].conditions[0],
      `its conditions on ${f.arrayGroups.map((g) => g.arrayPath + '[]').join(', ')} need the array rule (one element satisfies them all), which the generated job runs with a Java function (cdc_routing_first_route) that Confluent Cloud cannot load here; use the flink target`,
    );
    return undefined;
  }
  for (const g of f.arrayGroups) {
    const first = g.conditions[0].path;
    const arrayStep = first.steps.find((s) => s.segment.intoArray)!;
    const element = arrayStep.type;
    const columns = element.kind === 'record' ? element.fields.map((x) => x.name) : ['item'];
    const alias = elementJoins.aliasFor(arrayRef(first, tableAlias), columns);
    const scope: RefScope = { tableAlias, element: { alias, valueColumn: 'item' } };
    for (const c of cheapestFirst(g.conditions)) {
      const p = predicateSql(c, scope, epochReading(encoding, c.path.type));
      if (p.ok) sql.push(p.sql);
      else refuse(c, p.message);
    }
  }
  return refused ? undefined : { sql, throughArray: f.arrayGroups.length > 0 };
}

function headerLines(input: GenerateSqlInput, filtersSha: string, schemaSha: string, routingHash: string): string[] {
  const { options, bound, schema } = input;
  const schemaName = schema.file ? schema.file.split(/[\\/]/).pop()! : '(inline schema)';
  const target =
    options.target === 'flink'
      ? `Apache Flink (Kafka SQL connector, format ${options.format})`
      : 'Confluent Cloud for Apache Flink (topics are tables)';
  return [
    `-- Routing job generated by cdc-routing from ${commentSafe(input.filtersFile.replace(/\\/g, '/'))}. Do not edit:`,
    '-- change the filters and run `cdc-routing generate` (CI runs `cdc-routing generate --check`).',
    `-- Source topic: ${commentSafe(bound.sourceTopic)}. Target: ${target}.`,
    `-- filters-sha256: ${filtersSha}`,
    `-- schema-sha256:  ${schemaSha} (${commentSafe(schemaName)})`,
    `-- routing-hash:   ${routingHash}`,
    '--',
    '-- Semantics, the same as the editor preview and `cdc-routing test`: a filter routes an event when all its',
    '-- conditions hold; a condition on a NULL or missing field does not hold (notEquals and notIn included);',
    '-- conditions through one array must hold on the same element; map values compared with numeric operators',
    '-- are cast with TRY_CAST(... AS DECIMAL(38, 10)) and text that is not a number does not match; matches is',
    "-- Flink's REGEXP (Java regex, found anywhere in the value); withinLast means strictly after now minus the duration.",
    '',
  ];
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Lines of text, some added as pre-joined blocks, with a running line count. */
class LineBlocks {
  private readonly parts: string[] = [];
  lineCount = 0;

  add(...lines: string[]): void {
    for (const l of lines) this.parts.push(l);
    this.lineCount += lines.length;
  }

  addBlock(block: string, lines: number): void {
    this.parts.push(block);
    this.lineCount += lines;
  }

  lastIs(line: string): boolean {
    return this.parts.length > 0 && this.parts[this.parts.length - 1] === line;
  }

  pop(): void {
    this.parts.pop();
    this.lineCount--;
  }

  text(): string {
    return this.parts.join('\n');
  }
}
