import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { deadLetterTopic } from '../../model/filterTypes';
import { parseFilters } from '../../model/parseFilters';
import { findFiltersFiles } from '../../workspace/findFiltersFiles';
import type { CloudStatement } from '../../platform/confluentCloud/cloudTypes';
import type { ConnectorStatus } from '../../platform/connect/connectTypes';
import { createPlatform } from '../../platform/createPlatform';
import type { FlinkJob } from '../../platform/flink/flinkTypes';
import { checkHealth } from '../../platform/health';
import { PlatformError, SERVICE_LABELS, type ServiceHealth } from '../../platform/platformError';
import { UsageError, type CliCommand } from '../cliCommand';
import { outputFormat, PLATFORM_OPTIONS } from '../platformArgs';
import { resolveProfile } from '../resolveProfile';

interface StatusReport {
  profile: string;
  services: ServiceHealth[];
  connectors?: ConnectorStatus[];
  flinkJobs?: FlinkJob[];
  statements?: CloudStatement[];
  /** The dead-letter topic of each filters file's routing job (json on the flink target): its message count, or
   * absent when the topic does not exist yet. */
  deadLetters?: { topic: string; file: string; messages?: number }[];
  /** Lists that could not be read although the service answered its health check. */
  errors: string[];
}

/**
 * `cdc-routing status`: the health of each service of a profile (version, latency), the connectors and their
 * tasks, the Flink jobs (or Confluent Cloud statements), and how many records sit in each job's dead-letter topic. Exit 0 every service reachable, 2 otherwise.
 */
export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'cdc-routing status [DIR] [--profile P] [--profiles-file FILE] [--format text|json]',
  summary: 'Health of each service of a profile, the connectors and their tasks, and the Flink jobs.',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: PLATFORM_OPTIONS,
    });
    if (positionals.length > 1) throw new UsageError('status takes one workspace folder');
    const format = outputFormat(values.format);
    const resolved = resolveProfile(io.cwd, io.env, {
      dir: positionals[0],
      profile: values.profile,
      profilesFile: values['profiles-file'],
    });
    for (const p of resolved.problems) io.err(`warning: ${p}`);
    const platform = createPlatform(resolved.profile, resolved.secrets);
    try {
      const services = await checkHealth(platform);
      const up = (s: ServiceHealth['service']) => services.some((h) => h.service === s && h.ok);
      const report: StatusReport = { profile: resolved.profile.name, services, errors: [] };
      const read = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await call();
        } catch (err) {
          report.errors.push(
            err instanceof PlatformError ? err.message : `${what}: ${(err as Error).message.split('\n')[0]}`,
          );
          return undefined;
        }
      };
      const deadLetterTopics =
        platform.confluentCloud || resolved.sql.format === 'avro-confluent'
          ? []
          : workspaceDeadLetters(resolved.folder);
      await Promise.all([
        deadLetterTopics.length > 0 && platform.kafka && up('kafka')
          ? read('list topics', () => platform.kafka!.listTopics()).then((topics) => {
              if (!topics) return;
              const count = new Map(topics.map((t) => [t.name, t.messageCount]));
              report.deadLetters = deadLetterTopics.map((d) => ({ ...d, messages: count.get(d.topic) }));
            })
          : undefined,
        platform.connect && up('connect')
          ? read('list connectors', () => platform.connect!.list()).then((c) => (report.connectors = c))
          : undefined,
        platform.flink && up('flink')
          ? read('list Flink jobs', () => platform.flink!.listJobs()).then((j) => (report.flinkJobs = j))
          : undefined,
        platform.confluentCloud && up('confluentCloud')
          ? read('list statements', () => platform.confluentCloud!.listStatements()).then(
              (s) => (report.statements = s),
            )
          : undefined,
      ]);
      if (format === 'json') io.out(JSON.stringify(report, null, 2));
      else for (const line of renderStatus(report)) io.out(line);
      return services.every((s) => s.ok) && report.errors.length === 0 ? 0 : 2;
    } finally {
      await platform.close().catch(() => undefined);
    }
  },
};

/** The dead-letter topic of every filters file of the workspace (flink-jobs/, as deploy reads it). */
function workspaceDeadLetters(folder: string): { topic: string; file: string }[] {
  const jobs = path.join(folder, 'flink-jobs');
  if (!fs.existsSync(jobs)) return [];
  return findFiltersFiles(jobs).map((file) => ({
    topic: deadLetterTopic(parseFilters(fs.readFileSync(file, 'utf8'))),
    file: path.relative(folder, file).split(path.sep).join('/'),
  }));
}

export function renderStatus(report: StatusReport, now = Date.now()): string[] {
  const lines = [`Profile "${report.profile}":`];
  const width = Math.max(...report.services.map((s) => SERVICE_LABELS[s.service].length), 5);
  for (const s of report.services) {
    const label = SERVICE_LABELS[s.service].padEnd(width);
    if (s.ok) {
      const facts = [s.version && `version ${s.version}`, s.latencyMs !== undefined && `${s.latencyMs} ms`, s.detail]
        .filter(Boolean)
        .join(', ');
      lines.push(`  ✓ ${label}  ${s.where}${facts ? `  (${facts})` : ''}`);
    } else {
      const e = s.error;
      lines.push(
        `  ✗ ${label}  ${e ? `${e.what} failed at ${e.where}: ${e.why}${e.hint ? ` — ${e.hint}` : ''}` : `unhealthy at ${s.where}`}`,
      );
    }
  }
  if (report.connectors) {
    lines.push('', `Connectors (${report.connectors.length}):`);
    if (report.connectors.length === 0) lines.push('  (none)');
    for (const c of report.connectors) {
      lines.push(
        `  ${c.name}  ${c.state}  (${c.type}, worker ${c.workerId})${c.trace ? `  ${c.trace.split('\n')[0]}` : ''}`,
      );
      for (const t of c.tasks)
        lines.push(
          `    task ${t.id}  ${t.state}  (worker ${t.workerId})${t.trace ? `  ${t.trace.split('\n')[0]}` : ''}`,
        );
    }
  }
  if (report.flinkJobs) {
    lines.push('', `Flink jobs (${report.flinkJobs.length}):`);
    if (report.flinkJobs.length === 0) lines.push('  (none)');
    const sorted = [...report.flinkJobs].sort((a, b) => b.startTime - a.startTime);
    for (const j of sorted) {
      const running = j.state === 'RUNNING';
      const time = running ? `up ${duration(now - j.startTime)}` : `ran ${duration(j.durationMs)}`;
      lines.push(
        `  ${j.name}  ${j.state}  id ${j.id}  started ${new Date(j.startTime).toISOString()}  ${time}${j.restarts ? `  ${j.restarts} restart(s)` : ''}`,
      );
    }
  }
  if (report.statements) {
    lines.push('', `Confluent Cloud statements (${report.statements.length}):`);
    for (const s of report.statements) lines.push(`  ${s.name}  ${s.phase}${s.detail ? `  ${s.detail}` : ''}`);
  }
  if (report.deadLetters) {
    lines.push('', `Dead-letter topics (${report.deadLetters.length}):`);
    for (const d of report.deadLetters)
      lines.push(
        `  ${d.topic}  ${d.messages === undefined ? 'not created yet' : `${d.messages.toLocaleString('en-US')} message${d.messages === 1 ? '' : 's'}`}  (records the job of ${d.file} could not read)`,
      );
  }
  for (const e of report.errors) lines.push(`error: ${e}`);
  return lines;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}h`;
}
