// BENCH-ONLY REFERENCE — not product code. The routing-job generator as it was before issue 12 (git 7e45e33,
// server/src/sql/generateSql.ts): one INSERT and one sink table per filter in one statement set, the array rule as
// a keyed ROW_NUMBER de-duplication per filter. bench/jobThroughput.bench.ts runs it beside the current generator so
// the issue's ratio is visible; only the imports changed (they point at the current server modules).
import { createHash } from 'crypto';
import type { AvroSchemaModel } from '../../server/src/avro/avroTypes';
import type { BoundCondition, BoundDocument, BoundFilter } from '../../server/src/binding/boundTypes';
import type { FilterRule, FiltersDocument } from '../../server/src/model/filterTypes';
import type { Span } from '../../server/src/model/span';
import type { Problem } from '../../server/src/validation/diagnostic';
import { avroConfluentBlockers, flinkType, type UnmappableType } from '../../server/src/sql/avroToFlinkType';
import { arrayRef, type RefScope } from '../../server/src/sql/columnRef';
import { predicateSql } from '../../server/src/sql/conditionSql';
import { sinkOptions, sourceOptions, withClause, type GenerateSqlOptions } from './legacyConnectorOptions';
import { commentSafe, quoteIdentifier as q, stringLiteral } from '../../server/src/sql/sqlLiterals';
import { TableNamer } from '../../server/src/sql/tableNames';
import { routingJobName } from '../../server/src/sql/pipelineName';

export interface LegacyGenerateSqlInput {
  doc: FiltersDocument;
  bound: BoundDocument;
  schema: AvroSchemaModel;
  /** How the header names the filters file (e.g. `flink-jobs/filters.yaml`); written as given. */
  filtersFile: string;
  options: GenerateSqlOptions;
}

export interface LegacyGenerateSqlResult {
  sql: string;
  /** Filters refused (Flink SQL cannot express them exactly) and option or schema problems. */
  problems: Problem[];
  /** 0-based line of each generated filter's INSERT in `sql`, in file order. */
  filterLocations: { filterId: string; line: number }[];
  /** sha256 of the filters text, the schema text and the generated statements: what the deploy step
   * compares with the running job's (the flink target also puts it in the job name). */
  hash: string;
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
/** Keyed state of the array rule's de-duplication only needs to outlive the burst of rows one event unnests into. */
const STATE_TTL = '1 h';

/**
 * Generates the Flink SQL routing job of a filters file: deterministic (same input, same bytes), filters
 * in file order, one INSERT per enabled filter inside one statement set so the source is read once.
 * A filter whose meaning Flink SQL cannot reproduce exactly is left out with a problem at its span.
 */
export function legacyGenerateSql(input: LegacyGenerateSqlInput): LegacyGenerateSqlResult {
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
  const hidden = {
    alias: fresh('r'),
    partition: fresh('_routing_partition'),
    offset: fresh('_routing_offset'),
    proctime: fresh('_routing_proctime'),
    row: fresh('_routing_row'),
  };

  const unmappable: UnmappableType[] = [];
  const columns = topFields.map((f) => `${q(f.name)} ${flinkType(f.type, f.nullable, f.name, unmappable)}`);
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
  // One INSERT per enabled filter, in file order; comments stand in for the filters left out.
  const boundByRule = new Map<FilterRule, BoundFilter>(bound.filters.map((f) => [f.rule, f]));
  const rejected = new Map<FilterRule, string>(bound.rejected.map((r) => [r.rule, r.reason]));
  const inserts: { filter: BoundFilter; lines: string[] }[] = [];
  const setBody: string[] = [];
  // Per-filter text that does not depend on the filter, built once (large files have thousands of filters).
  const selectColumns = topFields.map((f) => q(f.name)).join(', ');
  const a = q(hidden.alias);
  const innerSelect = `  SELECT ${topFields.map((x) => `${a}.${q(x.name)}`).join(', ')},`;
  const rowNumber = `    ROW_NUMBER() OVER (PARTITION BY ${a}.${q(hidden.partition)}, ${a}.${q(hidden.offset)} ORDER BY ${a}.${q(hidden.proctime)}) AS ${q(hidden.row)}`;
  const fromSource = `FROM ${q(sourceTable)}`;
  const fromAliased = `  FROM ${q(sourceTable)} AS ${a}`;
  const keepFirst = `WHERE ${q(hidden.row)} = 1;`;
  for (const rule of doc.filters) {
    const label = commentSafe(rule.id?.value ?? `#${rule.index + 1}`);
    const f = boundByRule.get(rule);
    if (!f) {
      setBody.push(
        `-- ${label}: not generated, the filter has errors (${commentSafe(rejected.get(rule) ?? 'see the problems')}).`,
        '',
      );
      continue;
    }
    if (!f.enabled) {
      setBody.push(`-- ${label}: disabled (enabled: false), not deployed.`, '');
      continue;
    }
    const where = filterPredicates(f, cc, hidden, problems);
    if (!where) {
      setBody.push(`-- ${label}: not generated, Flink SQL cannot express it exactly (see the problems).`, '');
      continue;
    }
    const sink = q(tables.name(f.outputTopic));
    const routedAt = avroSinks ? 'CAST(CURRENT_TIMESTAMP AS TIMESTAMP(3))' : 'CURRENT_TIMESTAMP';
    const metadata = `ROW(${stringLiteral(f.id)}, ${stringLiteral(f.consumerId)}, ${routedAt}) AS ${q(FILTER_METADATA)}`;
    const lines = [
      `-- ${label}: ${commentSafe(f.name)} -> ${commentSafe(f.outputTopic)} (${commentSafe(f.consumerId)})`,
      `INSERT INTO ${sink}`,
    ];
    if (where.groups.length === 0) {
      lines.push(`SELECT ${selectColumns}, ${metadata}`, fromSource, ...whereLines(where.top, ''));
    } else {
      // The array rule: one element must satisfy all of a group's conditions. Flink 1.20 cannot plan
      // EXISTS (SELECT … FROM UNNEST(…)) in a streaming job, so the event is joined with its elements
      // (one row per element that qualifies) and de-duplicated back to one row per Kafka record, keyed by
      // (partition, offset) and keeping the first row in processing time: an insert-only result.
      lines.push(
        `SELECT ${selectColumns}, ${metadata}`,
        'FROM (',
        innerSelect,
        rowNumber,
        fromAliased,
        ...where.groups.map((g) => `  CROSS JOIN UNNEST(${g.array}) AS ${q(g.alias)}(${g.columns.map(q).join(', ')})`),
        ...whereLines([...where.top, ...where.groups.flatMap((g) => g.predicates)], '  '),
        ')',
        keepFirst,
      );
    }
    lines[lines.length - 1] = lines[lines.length - 1].endsWith(';')
      ? lines[lines.length - 1]
      : lines[lines.length - 1] + ';';
    inserts.push({ filter: f, lines });
    setBody.push(...lines, '');
  }

  // Built with a running line count, so INSERT lines are located without rescanning the text.
  const body = new LineBlocks();
  if (!cc) {
    body.add(
      `-- The array rule de-duplicates per Kafka record; its keyed state only needs to outlive one record's rows.`,
      `SET 'table.exec.state.ttl' = '${STATE_TTL}';`,
      ...(avroSinks
        ? [
            `-- Avro sinks write routedAt as timestamp-millis: the wall-clock of the instant in UTC.`,
            `SET 'table.local-time-zone' = 'UTC';`,
          ]
        : []),
      '',
      `-- Source: every change Debezium captured, as ${options.format}.`,
      `CREATE TABLE ${q(sourceTable)} (`,
    );
    body.add(
      ...columns.map((c) => `  ${c},`),
      `  ${q(hidden.partition)} INT METADATA FROM 'partition' VIRTUAL,`,
      `  ${q(hidden.offset)} BIGINT METADATA FROM 'offset' VIRTUAL,`,
      `  ${q(hidden.proctime)} AS PROCTIME()`,
      ...withClause(sourceOptions(bound.sourceTopic, options)),
      '',
    );
    const sinkTopics = [...new Set(inserts.map((i) => i.filter.outputTopic))];
    // Sinks take the source's physical columns through LIKE … (EXCLUDING ALL) (neither its metadata and
    // computed columns nor its options), then filterMetadata: the filtered-event shape, without repeating
    // the schema once per topic.
    for (const topic of sinkTopics) {
      body.add(
        `-- Sink: ${commentSafe(topic)}, the source event plus the routing decision.`,
        `CREATE TABLE ${q(tables.name(topic))} (`,
        `  ${q(FILTER_METADATA)} ${avroSinks ? AVRO_FILTER_METADATA_TYPE : FILTER_METADATA_TYPE}`,
        ...withClause(sinkOptions(topic, options), ` LIKE ${q(sourceTable)} (EXCLUDING ALL)`),
        '',
      );
    }
  }
  const insertLines: number[] = [];
  if (inserts.length > 0) {
    body.add('EXECUTE STATEMENT SET BEGIN', '');
    let i = 0;
    for (const line of setBody) {
      if (i < inserts.length && line.startsWith('INSERT INTO ') && line === inserts[i].lines[1]) {
        insertLines.push(body.lineCount);
        i++;
      }
      body.add(line);
    }
    body.add('END;');
  } else {
    body.add('-- No enabled filter to route: nothing to run.', '', ...setBody);
    while (body.lastIs('')) body.pop();
  }
  const bodyText = body.text();

  const routingHash = sha256(`${filtersSha}\n${schemaSha}\n${bodyText}`);
  const jobName = cc
    ? []
    : [`SET 'pipeline.name' = ${stringLiteral(routingJobName(bound.sourceTopic, input.filtersFile, routingHash))};`];
  const head = [...header(routingHash), ...jobName];
  const sql = head.join('\n') + '\n' + bodyText + '\n';
  const filterLocations = inserts.map((insert, k) => ({
    filterId: insert.filter.id,
    line: head.length + insertLines[k],
  }));
  return { sql, problems, filterLocations, hash: routingHash };
}

interface FilterWhere {
  top: string[];
  groups: { alias: string; array: string; columns: string[]; predicates: string[] }[];
}

function filterPredicates(
  f: BoundFilter,
  cc: boolean,
  hidden: { alias: string },
  problems: Problem[],
): FilterWhere | undefined {
  const dedup = f.arrayGroups.length > 0;
  const topScope: RefScope = { tableAlias: dedup ? hidden.alias : undefined };
  const result: FilterWhere = { top: [], groups: [] };
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
  for (const c of f.conditions) {
    const p = predicateSql(c, topScope);
    if (p.ok) result.top.push(p.sql);
    else refuse(c, p.message);
  }
  if (dedup && cc) {
    refuse(
      f.arrayGroups[0].conditions[0],
      `its conditions on ${f.arrayGroups.map((g) => g.arrayPath + '[]').join(', ')} need the array rule (one element satisfies them all), which Flink SQL runs only as a per-record de-duplication in processing time, and Confluent Cloud has no processing time; use the flink target`,
    );
    return undefined;
  }
  f.arrayGroups.forEach((g, i) => {
    const first = g.conditions[0].path;
    const arrayStep = first.steps.find((s) => s.segment.intoArray)!;
    const element = arrayStep.type;
    const alias = `e${i + 1}`;
    const columns = element.kind === 'record' ? element.fields.map((x) => x.name) : ['item'];
    const scope: RefScope = { tableAlias: hidden.alias, element: { alias, valueColumn: 'item' } };
    const predicates: string[] = [];
    for (const c of g.conditions) {
      const p = predicateSql(c, scope);
      if (p.ok) predicates.push(p.sql);
      else refuse(c, p.message);
    }
    result.groups.push({ alias, array: arrayRef(first, hidden.alias), columns, predicates });
  });
  return refused ? undefined : result;
}

function whereLines(predicates: string[], indent: string): string[] {
  return predicates.map((p, i) => `${indent}${i === 0 ? 'WHERE' : '  AND'} ${p}`);
}

function headerLines(
  input: LegacyGenerateSqlInput,
  filtersSha: string,
  schemaSha: string,
  routingHash: string,
): string[] {
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
