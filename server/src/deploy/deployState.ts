import * as fs from 'fs';
import * as path from 'path';

/**
 * What deploy remembers outside Flink, per profile and filters file, in `<workspace>/.cdc-routing/deploy-state.json`:
 * the savepoints (and retained checkpoints) it started jobs from or took when stopping them, and the SQL of the job
 * it last started (the generated script, never the secrets deploy adds when submitting it). A JobManager without
 * HA forgets its finished jobs and their savepoints when it restarts; this file does not, so the next deploy still
 * starts from the savepoint, and a rollback can start the previous job again.
 */
export const DEPLOY_STATE_FILE = path.join('.cdc-routing', 'deploy-state.json');

export interface RememberedSavepoint {
  path: string;
  /** The job the savepoint (or checkpoint) is of. */
  jobId: string;
  jobName: string;
  /** ms since the epoch. */
  takenAt: number;
  kind: 'savepoint' | 'checkpoint';
}

export interface RememberedJob {
  jobId: string;
  name: string;
  /** The script as generated (what `cdc-routing generate` writes): no credentials. */
  sql: string;
  startedAt: number;
}

export interface FileDeployState {
  /** The job deploy last started for this file (a rollback's "previous job" once another replaces it). */
  running?: RememberedJob;
  /** Newest first; a few are kept. */
  savepoints: RememberedSavepoint[];
}

interface StateFile {
  version: 1;
  profiles: Record<string, Record<string, FileDeployState>>;
}

const KEEP_SAVEPOINTS = 5;

function fileOf(folder: string): string {
  return path.join(folder, DEPLOY_STATE_FILE);
}

function readAll(folder: string): StateFile {
  try {
    const parsed = JSON.parse(fs.readFileSync(fileOf(folder), 'utf8')) as Partial<StateFile>;
    if (parsed.version === 1 && parsed.profiles && typeof parsed.profiles === 'object')
      return { version: 1, profiles: parsed.profiles };
  } catch {
    // missing or unreadable: nothing remembered (a broken file is rewritten on the next record)
  }
  return { version: 1, profiles: {} };
}

/** What is remembered for a profile's filters file (workspace-relative path). */
export function rememberedState(folder: string, profile: string, file: string): FileDeployState {
  return readAll(folder).profiles[profile]?.[file] ?? { savepoints: [] };
}

function update(folder: string, profile: string, file: string, change: (s: FileDeployState) => void): void {
  const all = readAll(folder);
  const ofProfile = (all.profiles[profile] ??= {});
  const state = (ofProfile[file] ??= { savepoints: [] });
  change(state);
  state.savepoints = state.savepoints.slice(0, KEEP_SAVEPOINTS);
  const target = fileOf(folder);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // written whole, then renamed: a deploy killed half-way never leaves half a file
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
  fs.renameSync(tmp, target);
}

export function rememberSavepoint(folder: string, profile: string, file: string, sp: RememberedSavepoint): void {
  update(folder, profile, file, (s) => {
    s.savepoints = [sp, ...s.savepoints.filter((x) => x.path !== sp.path)];
  });
}

export function rememberRunning(folder: string, profile: string, file: string, job: RememberedJob): void {
  update(folder, profile, file, (s) => {
    s.running = job;
  });
}
