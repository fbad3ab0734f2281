import { tryReadBoundedText } from '../files/boundedRead';
import * as fs from 'fs';
import * as path from 'path';
import { SchemaCache, schemaFor } from '../avro/schemaLocator';
import { findFiltersFiles } from '../workspace/findFiltersFiles';
import { parseFilters } from '../model/parseFilters';
import type { ConnectionProfile, Secrets } from '../platform/connectionProfile';
import { generateSql } from '../sql/generateSql';
import { validateFilters } from '../validation/validateFilters';
import { connectorFiles, loadConnector, type DesiredConnector } from './connectorConfig';
import type { DesiredJob, DesiredSchema, DesiredState, DesiredTopic, JobSqlSettings } from './desiredTypes';
import type { PlanProblem } from './planTypes';
import { targetFor } from './targets/registry';

export type { DesiredJob, DesiredSchema, DesiredState, DesiredTopic, JobSqlSettings } from './desiredTypes';

/**
 * What the workspace wants deployed with a profile: the routing job of every `flink-jobs/filters*.yaml`, the
 * output and dead-letter topics they write, the source schema (when the profile has a registry), and `connectors/*.json`.
 * Problems (a filter that does not generate, an unreadable connector file) are collected, not thrown.
 */
export function readDesiredState(
  folder: string,
  profile: ConnectionProfile,
  secrets: Secrets,
  settings: JobSqlSettings = {},
  only?: string[],
): DesiredState {
  const target = targetFor(profile);
  const rel = (p: string) => path.relative(folder, p).split(path.sep).join('/');
  const problems: PlanProblem[] = [];
  const jobs: DesiredJob[] = [];
  const schemas = new Map<string, DesiredSchema>();
  const jobsDir = path.join(folder, 'flink-jobs');
  const found = fs.existsSync(jobsDir) ? findFiltersFiles(jobsDir) : [];
  if (found.length === 0)
    problems.push({
      kind: 'flinkJob',
      message: `No filters file under ${rel(jobsDir) || jobsDir}/ (flink-jobs/filters*.yaml): nothing to deploy there.`,
    });
  const { files, leftOut } = chooseFiles(found, only, folder, rel, problems);

  const options = target.sqlOptions({
    bootstrapServers: profile.kafka?.bootstrapServers.join(',') ?? '',
    format: settings.format ?? 'json',
    schemaRegistryUrl: profile.schemaRegistry?.url,
    startupMode: settings.startupMode,
    groupId: settings.groupId,
  });
  const cache = new SchemaCache();
  for (const file of files) {
    const name = rel(file);
    const read = tryReadBoundedText(file);
    if (!read.ok) {
      problems.push({ kind: 'flinkJob', target: name, file: name, message: read.error.message });
      continue;
    }
    const text = read.text;
    const doc = parseFilters(text);
    const load = schemaFor(doc, file, cache);
    if (!load.ok) {
      problems.push({ kind: 'flinkJob', target: name, file: name, message: `${name}: ${load.message}` });
      continue;
    }
    const { problems: found, bound, schema } = validateFilters(doc, load);
    // The header names the filters file as `generate` does beside it, so the deployed SQL is the committed one.
    const result = generateSql({ doc, bound, schema: schema!, filtersFile: path.basename(file), options });
    const errors = [...found, ...result.problems].filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      for (const p of errors) {
        const line = doc.lineCounter.linePos(p.span.start).line;
        problems.push({ kind: 'flinkJob', target: name, file: name, line, message: `${name}:${line}: ${p.message}` });
      }
      continue;
    }
    const routed = new Set(result.filterLocations.map((l) => l.filterId));
    const outputTopics = [...new Set(bound.filters.filter((f) => routed.has(f.id)).map((f) => f.outputTopic))].sort();
    jobs.push({
      file: name,
      sourceTopic: bound.sourceTopic,
      sql: result.sql,
      hash: result.hash,
      name: target.jobName(bound.sourceTopic, path.basename(file), result.hash),
      outputTopics,
      ...(result.deadLetterTopic ? { deadLetterTopic: result.deadLetterTopic } : {}),
      routes: result.filterLocations.length,
    });
    if (profile.schemaRegistry && schema!.file) {
      const subject = `${bound.sourceTopic}-value`;
      const known = schemas.get(subject);
      if (known && known.schema !== schema!.text) {
        problems.push({
          kind: 'schema',
          target: subject,
          message: `${known.file} and ${rel(schema!.file)} both describe ${bound.sourceTopic} but differ: one schema per subject.`,
        });
      } else if (!known) {
        schemas.set(subject, { subject, schema: schema!.text, file: rel(schema!.file) });
      }
    }
  }

  const topics = new Map<string, DesiredTopic>();
  for (const job of jobs) {
    // The dead-letter topic is created like an output topic: the job writes it from its first unreadable record.
    for (const t of [...job.outputTopics, ...(job.deadLetterTopic ? [job.deadLetterTopic] : [])]) {
      const topic = topics.get(t) ?? {
        name: t,
        partitions: profile.topicDefaults.partitions,
        replicationFactor: profile.topicDefaults.replicationFactor,
        writtenBy: [],
      };
      if (!topic.writtenBy.includes(job.file)) topic.writtenBy.push(job.file);
      if (t === job.deadLetterTopic) (topic.deadLettersOf ??= []).push(job.file);
      topics.set(t, topic);
    }
  }

  const connectors: DesiredConnector[] = [];
  for (const file of connectorFiles(folder)) {
    try {
      const c = loadConnector(folder, file, profile, secrets);
      if (connectors.some((x) => x.name === c.name))
        problems.push({
          kind: 'connector',
          target: c.name,
          file: c.file,
          message: `${c.file}: a second file defines connector ${c.name}.`,
        });
      else connectors.push(c);
    } catch (err) {
      problems.push({ kind: 'connector', file: rel(file), message: (err as Error).message });
    }
  }

  return {
    folder,
    target: target.id,
    jobs,
    topics: [...topics.values()].sort((a, b) => a.name.localeCompare(b.name)),
    schemas: [...schemas.values()],
    connectors,
    problems,
    leftOut,
    ...(profile.kafka
      ? {
          newTopic: {
            bootstrapServers: profile.kafka.bootstrapServers.join(','),
            secured: !!profile.kafka.sasl || !!profile.kafka.tls?.enabled,
            partitions: profile.topicDefaults.partitions,
            replicationFactor: profile.topicDefaults.replicationFactor,
          },
        }
      : {}),
  };
}

/**
 * The filters files to deploy: all found, or the chosen ones (workspace-relative or absolute paths). A chosen
 * file that is not one of the workspace's filters files is a plan error naming the ones there are.
 */
function chooseFiles(
  found: string[],
  only: string[] | undefined,
  folder: string,
  rel: (p: string) => string,
  problems: PlanProblem[],
): { files: string[]; leftOut: string[] } {
  if (!only || only.length === 0) return { files: found, leftOut: [] };
  const wanted = new Set(only.map((f) => rel(path.resolve(folder, f))));
  for (const name of wanted) {
    if (!found.some((f) => rel(f) === name)) {
      problems.push({
        kind: 'flinkJob',
        target: name,
        file: name,
        message: `${name} is not a filters file of this workspace (there are: ${found.map(rel).join(', ') || 'none'}).`,
      });
    }
  }
  return { files: found.filter((f) => wanted.has(rel(f))), leftOut: found.filter((f) => !wanted.has(rel(f))).map(rel) };
}
