import type { DesiredJob, DesiredState } from './desiredTypes';
import { jobMayBelongTo } from './jobIdentity';
import type { PlanProblem } from './planTypes';
import type { JobPlan } from './target';

/** A running job (or statement) of this tool as a target sees it: its id, name, state and the parsed topic and file. */
export interface ActiveJob {
  id: string;
  name: string;
  state: string;
  topic: string;
  file?: string;
}

/**
 * Pairs each filters file with its running job: the same name means the same SQL (unchanged); otherwise the
 * active job named with the same source topic and file is the one it replaces. A job named before the file was
 * part of the name may be any file's of its topic: taken by start order, with a warning when that is a guess.
 */
export function pairJobs(
  desired: DesiredState,
  active: ActiveJob[],
  warnings: PlanProblem[],
  savepointsOf: (topic: string, file: string) => string[],
  labelOf: (file: string) => string,
  noun: string,
): JobPlan[] {
  const claimed = new Set<string>();
  const resumed = new Set<string>();
  const out: JobPlan[] = [];
  const changed: DesiredJob[] = [];
  for (const job of desired.jobs) {
    const same = active.find((a) => a.name === job.name && !claimed.has(a.id));
    if (same) {
      claimed.add(same.id);
      out.push({
        job,
        action: 'unchanged',
        what: `${noun} ${job.file} unchanged ("${job.name}", ${same.state.toLowerCase()}, id ${same.id})`,
        warnings: [],
      });
    } else changed.push(job);
  }
  for (const job of changed) {
    const label = labelOf(job.file);
    const candidates = active.filter((a) => !claimed.has(a.id) && jobMayBelongTo(a, job.sourceTopic, label));
    const old = candidates.find((a) => a.file === label) ?? candidates[0];
    const jobWarnings: string[] = [];
    const rivals = changed.filter((j) => j !== job && j.sourceTopic === job.sourceTopic).length;
    if (old && old.file === undefined && rivals > 0) {
      const message = `${job.file} replaces "${old.name}" by start order: that job was deployed before job names carried their filters file, and ${rivals + 1} filters files of ${job.sourceTopic} changed; deploy one changed file at a time to choose exactly.`;
      jobWarnings.push(message);
      warnings.push({ kind: 'flinkJob', target: job.file, message });
    }
    const routes = `${job.routes} route${job.routes === 1 ? '' : 's'} to ${job.outputTopics.join(', ') || 'no topic'}`;
    if (old) {
      claimed.add(old.id);
      out.push({
        job,
        action: 'replace',
        what: `${noun} ${job.file}: "${old.name}" → "${job.name}" (${routes})`,
        details: `stop ${old.id} ("${old.name}") with a savepoint, then start "${job.name}" from it`,
        warnings: jobWarnings,
        replaces: { id: old.id, name: old.name },
      });
    } else {
      const resumeFrom = savepointsOf(job.sourceTopic, label).find((s) => !resumed.has(s));
      if (resumeFrom) resumed.add(resumeFrom);
      out.push({
        job,
        action: 'create',
        what: `${noun} ${job.file} "${job.name}" (${routes})${resumeFrom ? ', resuming from the savepoint of the stopped job' : ''}`,
        details: resumeFrom ? `start from savepoint ${resumeFrom}` : undefined,
        warnings: jobWarnings,
        resumeFrom,
      });
    }
  }
  // A deploy of chosen files says nothing of the jobs of the files it leaves out (nor of unattributable old ones).
  const leftOut = new Set(desired.leftOut.map(labelOf));
  for (const a of active) {
    if (claimed.has(a.id)) continue;
    if (leftOut.size > 0 && (a.file === undefined || leftOut.has(a.file))) continue;
    warnings.push({
      kind: 'flinkJob',
      target: a.name,
      message: `${noun} "${a.name}" (${a.id}) runs a routing of ${a.topic} that no filters file generates now; deploy never stops it (stop or cancel it from the Flink Jobs view if it is obsolete).`,
    });
  }
  // Keep the plan in file order whatever the pairing order was.
  return out.sort((x, y) => desired.jobs.indexOf(x.job) - desired.jobs.indexOf(y.job));
}
