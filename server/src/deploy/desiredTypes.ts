// What a deploy wants, as data: the types readDesiredState (desiredState.ts) fills and the targets, the diff and the
// apply steps read. Types only, so the targets can import them without importing the reader that picks them.
import type { SqlFormat, StartupMode } from '../sql/connectorOptions';
import type { DesiredConnector } from './connectorConfig';
import type { PlanProblem } from './planTypes';

/** One filters file = one routing job. */
export interface DesiredJob {
  /** Workspace-relative path of the filters file. */
  file: string;
  sourceTopic: string;
  /** The generated script, byte for byte what `cdc-routing generate` writes for this profile. */
  sql: string;
  hash: string;
  /** The name the job runs under on the target (a Flink job name, a Confluent Cloud statement name…). */
  name: string;
  outputTopics: string[];
  /** Where the job writes the records it cannot read (sql/deadLetter.ts), when it has that path. */
  deadLetterTopic?: string;
  routes: number;
}

export interface DesiredTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** The filters files whose jobs write it. */
  writtenBy: string[];
  /** The filters files whose jobs write their dead letters to it (a subset of writtenBy). */
  deadLettersOf?: string[];
}

export interface DesiredSchema {
  subject: string;
  schema: string;
  /** Workspace-relative path of the .avsc. */
  file: string;
}

export interface DesiredState {
  folder: string;
  /** The id of the deploy target the profile selects (targets/registry.ts): it names, observes, plans and applies
   * the jobs. */
  target: string;
  jobs: DesiredJob[];
  topics: DesiredTopic[];
  schemas: DesiredSchema[];
  connectors: DesiredConnector[];
  problems: PlanProblem[];
  /** Filters files of the workspace left out by a deploy of chosen files only (workspace-relative). */
  leftOut: string[];
  /**
   * `deploy --force`: a job stuck RESTARTING/FAILING is cancelled (no savepoint can be taken) and the new one starts
   * from its last completed checkpoint; without it, such a job is a plan error naming --force.
   */
  force?: boolean;
  /** What a `kafka-topics --create` for this profile needs, so a plan error can give the exact command. */
  newTopic?: TopicCommandFacts;
}

export interface TopicCommandFacts {
  bootstrapServers: string;
  /** SASL or TLS: the command needs the client settings too (`--command-config`). */
  secured: boolean;
  partitions: number;
  replicationFactor: number;
}

/** The workspace's `cdcRouting.sql.*` choices that are not the profile's (format, startup mode, group id). */
export interface JobSqlSettings {
  format?: SqlFormat;
  startupMode?: StartupMode;
  groupId?: string;
}
