import type { ApplyResult, StepResult } from '../../../server/src/protocol';

export interface Outcome {
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** The failed step's offending SQL line, for "Open SQL at Line N". */
  sqlLine?: StepResult['sqlLine'];
  /** The failed step, for naming it and for its target (the filters file of a Flink job). */
  failed?: StepResult;
}

const KIND_LABEL: Record<StepResult['kind'], string> = {
  topic: 'topic',
  schema: 'schema',
  connector: 'connector',
  flinkJob: 'Flink job',
};

function count(results: StepResult[], status: StepResult['status']): number {
  return results.filter((r) => r.status === status).length;
}

const PLURAL: Record<StepResult['kind'], string> = {
  topic: 'topics',
  schema: 'schemas',
  connector: 'connectors',
  flinkJob: 'Flink jobs',
};

/** "topic filtered-x, Flink job flink-jobs/filters.yaml" for a few steps; "30 topics, 2 Flink jobs" for many. */
function appliedByKind(steps: StepResult[]): string {
  if (steps.length <= 3) return steps.map((r) => `${KIND_LABEL[r.kind]} ${r.target}`).join(', ');
  const kinds = [...new Set(steps.map((r) => r.kind))];
  return kinds
    .map((k) => {
      const of = steps.filter((r) => r.kind === k);
      return of.length === 1 ? `${KIND_LABEL[k]} ${of[0].target}` : `${of.length} ${PLURAL[k]}`;
    })
    .join(', ');
}

/** What the user is told after an apply: a summary, a refusal, or exactly which step failed and Flink's (or Connect's) words. */
export function describeApply(result: ApplyResult): Outcome {
  if (result.refused) {
    return { severity: 'warning', message: `Nothing was deployed to "${result.profile}": ${result.refused}` };
  }
  const done = count(result.steps, 'done');
  const unchanged = count(result.steps, 'unchanged');
  if (result.ok) {
    const what = appliedByKind(result.steps.filter((r) => r.status === 'done'));
    return {
      severity: 'info',
      message: done
        ? `Deployed to "${result.profile}": ${done} step(s) applied (${what}), ${unchanged} unchanged.`
        : `Nothing to change on "${result.profile}": all ${unchanged} step(s) unchanged.`,
    };
  }
  const failed =
    result.steps.find((r) => r.index === result.failedStep) ?? result.steps.find((r) => r.status === 'failed');
  if (!failed)
    return { severity: 'error', message: `Deploy to "${result.profile}" failed (no step reported the failure).` };
  const total = result.steps.length;
  const sql = failed.sqlLine
    ? ` — at SQL line ${failed.sqlLine.line}${failed.sqlLine.column ? `, column ${failed.sqlLine.column}` : ''}: ${failed.sqlLine.text.trim()}`
    : '';
  const before = done
    ? `. ${done} earlier step(s) were applied and stay in place; deploying again continues from here.`
    : '. Nothing was changed before it.';
  return {
    severity: 'error',
    message: `Deploy to "${result.profile}" failed at step ${failed.index + 1} of ${total} (${KIND_LABEL[failed.kind]} ${failed.target}): ${failed.message}${sql}${before}`,
    sqlLine: failed.sqlLine,
    failed,
  };
}

/**
 * The 0-based line of the document `text` that Flink's message points at: the line with the same text
 * nearest to the line number given (the document may have a different preamble), else that line number.
 */
export function locateSqlLine(text: string, sqlLine: { line: number; text: string }): number {
  const lines = text.split('\n');
  const wanted = sqlLine.text.trim();
  const guess = Math.min(Math.max(0, sqlLine.line - 1), Math.max(0, lines.length - 1));
  if (!wanted) return guess;
  let best = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === wanted && (best < 0 || Math.abs(i - guess) < Math.abs(best - guess))) best = i;
  }
  return best >= 0 ? best : guess;
}
