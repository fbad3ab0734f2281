import * as path from 'path';
import { loadSemanticCases, type SemanticCases } from '../../cases/loadSemanticCases';
import { prepareRoutingJob, type RoutingJob } from './routingJob';

/** Where the semantic cases' events go: their own topic, so neither job sees the other's input. */
export const SEMANTICS_SOURCE_TOPIC = 'proof-semantics-raw';

export interface SemanticEventToSend {
  uuid: string;
  caseIndex: number;
  filterId: string;
  /** What the case file says the case's own filter does with the event. */
  declaredMatch: boolean;
  event: Record<string, unknown>;
  note?: string;
}

export interface SemanticCasesJob {
  job: RoutingJob;
  cases: SemanticCases;
  events: SemanticEventToSend[];
  /** Events left out: they sit exactly on a clock boundary and only mean something with a fixed clock. */
  skippedExactClock: number;
}

/**
 * test/cases/semantics.yaml as a live job: one filter per case (as the cases file expands them), the source
 * topic switched to the proof's own, and every event given a unique uuid (the cases share one) so the outputs
 * can be matched back. Relative timestamps (`$now-1h`) are resolved against the real clock.
 */
export function prepareSemanticCasesJob(o: {
  bootstrapServers: string;
  groupId: string;
  runTag: string;
  now: number;
  workDir: string;
}): SemanticCasesJob {
  const cases = loadSemanticCases({ now: o.now });
  const yaml = cases
    .filtersYaml(o.workDir)
    .replace(/^(\s*topic:\s*)raw-business-events\s*$/m, `$1${SEMANTICS_SOURCE_TOPIC}`);
  if (!yaml.includes(SEMANTICS_SOURCE_TOPIC))
    throw new Error('could not point the semantic cases at their own source topic');
  const job = prepareRoutingJob({
    name: 'semantics',
    filtersFile: path.join(o.workDir, 'filters.semantics.yaml'),
    text: yaml,
    bootstrapServers: o.bootstrapServers,
    groupId: o.groupId,
  });
  const events: SemanticEventToSend[] = [];
  let skippedExactClock = 0;
  let n = 0;
  for (const c of cases.cases) {
    for (const e of c.events) {
      if (e.exactClock) {
        skippedExactClock++;
        continue;
      }
      n++;
      const uuid = `${o.runTag}-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const event = structuredClone(e.event) as { eventHeader?: Record<string, unknown> };
      event.eventHeader = { ...event.eventHeader, uuid };
      events.push({ uuid, caseIndex: c.index, filterId: c.filterId, declaredMatch: e.matches, event, note: e.note });
    }
  }
  return { job, cases, events, skippedExactClock };
}
