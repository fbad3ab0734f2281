import type { ApplyResult, Plan } from './planTypes';

/** The plan as the CLI prints it and the editor shows it: one diff-like line per step, details indented. */
export function renderPlan(plan: Plan, { details = true }: { details?: boolean } = {}): string[] {
  const lines: string[] = [`Deploy plan for profile "${plan.profile}" (${plan.workspaceFolder}):`];
  if (plan.leftOut?.length) lines.push(`  (left out, their jobs untouched: ${plan.leftOut.join(', ')})`);
  if (plan.steps.length === 0) lines.push('  (no step: nothing could be compared)');
  for (const step of plan.steps) {
    lines.push(`  ${step.summary}`);
    if (details && step.details && step.action !== 'unchanged')
      lines.push(...step.details.split('\n').map((l) => `      ${l}`));
  }
  for (const w of plan.warnings) lines.push(`  warning: ${w.message}`);
  for (const e of plan.errors) lines.push(`  error: ${e.message}`);
  const unchanged = plan.steps.length - plan.changes;
  lines.push(
    plan.errors.length > 0
      ? `${plan.errors.length} error${plan.errors.length === 1 ? '' : 's'}: the plan cannot be applied.`
      : plan.changes === 0
        ? `Nothing to change (${unchanged} step${unchanged === 1 ? '' : 's'} unchanged).`
        : `${plan.changes} change${plan.changes === 1 ? '' : 's'}, ${unchanged} unchanged.`,
  );
  return lines;
}

/** What apply did, step by step, then one line saying where things stand. */
export function renderApplyResult(result: ApplyResult): string[] {
  if (result.refused) return [`Nothing applied: ${result.refused}`];
  const lines: string[] = [];
  for (const s of result.steps) {
    const mark = s.status === 'done' ? '✓' : s.status === 'unchanged' ? '=' : s.status === 'failed' ? '✗' : '·';
    lines.push(`  ${mark} ${s.kind} ${s.target}: ${s.message}`);
    if (s.sqlLine)
      lines.push(
        `      generated SQL line ${s.sqlLine.line}${s.sqlLine.column ? `, column ${s.sqlLine.column}` : ''}: ${s.sqlLine.text.trim()}`,
      );
  }
  if (result.ok) {
    const done = result.steps.filter((s) => s.status === 'done').length;
    lines.push(
      done === 0 ? 'Deployed: nothing needed changing.' : `Deployed: ${done} step${done === 1 ? '' : 's'} applied.`,
    );
  } else {
    const failed = result.steps.find((s) => s.status === 'failed');
    lines.push(
      `Deploy failed at step ${(result.failedStep ?? 0) + 1} (${failed?.kind} ${failed?.target}); the steps before it stay applied, the ones after were skipped. Fix the cause and deploy again: it continues from where things are.`,
    );
  }
  return lines;
}
