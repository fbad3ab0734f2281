import type { Plan, PlanProblem, PlanStep } from '../../../server/src/protocol';

const MARK: Record<PlanStep['action'], string> = { create: '+', update: '~', replace: '!', unchanged: '=' };

function problemLine(p: PlanProblem): string {
  const where = p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : '';
  const field = p.field ? ` [${p.field}]` : '';
  return `${p.message}${field}${where}`;
}

/**
 * The plan as a diff-like read-only document: one line per step marked + create, ~ update, ! replace,
 * = unchanged, the details indented under it, then problems and warnings. The server already writes each
 * step's summary in that form; the marks are added only where a summary lacks one.
 */
export function planDocument(plan: Plan): string {
  const lines: string[] = [
    `# Deploy plan for profile "${plan.profile}"`,
    `# workspace: ${plan.workspaceFolder}`,
    ...(plan.leftOut?.length ? [`# left out (their jobs untouched): ${plan.leftOut.join(', ')}`] : []),
    `# ${plan.changes} change(s), ${plan.steps.length - plan.changes} unchanged; fingerprint ${plan.fingerprint.slice(0, 12)}`,
    '# legend: + create   ~ update   ! replace (stop with savepoint, start from it)   = unchanged',
    '',
  ];
  for (const step of plan.steps) {
    const summary = /^[+~!=-]\s/.test(step.summary) ? step.summary : `${MARK[step.action]} ${step.summary}`;
    lines.push(summary);
    for (const d of (step.details ?? '').split('\n').filter((l) => l.trim() !== '')) lines.push(`    ${d}`);
    for (const w of step.warnings ?? []) lines.push(`    warning: ${w}`);
  }
  if (!plan.steps.length) lines.push('(no steps)');
  if (plan.errors.length) {
    lines.push('', `# ${plan.errors.length} problem(s) — nothing can be applied until they are fixed:`);
    for (const e of plan.errors) lines.push(`- error: ${problemLine(e)}`);
  }
  if (plan.warnings.length) {
    lines.push('', '# warnings:');
    for (const w of plan.warnings) lines.push(`- warning: ${problemLine(w)}`);
  }
  return lines.join('\n') + '\n';
}

/** Topic creations listed one by one in the confirmation up to this many; beyond, counted (the plan lists them). */
const TOPICS_LISTED = 3;
const LINE_MAX = 160;

const clip = (line: string) => (line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line);

/** The confirmation's text: the question, then the changing steps (many new topics counted, not listed). */
export function confirmation(plan: Plan): { message: string; detail: string } {
  const changing = plan.steps.filter((s) => s.action !== 'unchanged');
  const unchanged = plan.steps.length - changing.length;
  const topics = changing.filter((s) => s.kind === 'topic');
  const lines =
    topics.length > TOPICS_LISTED
      ? [
          `+ ${topics.length} topics to create (${topics
            .slice(0, 2)
            .map((s) => s.target)
            .join(', ')}, … — all in the plan)`,
        ]
      : topics.map((s) => s.summary);
  lines.push(...changing.filter((s) => s.kind !== 'topic').map((s) => s.summary));
  if (unchanged) lines.push(`(${unchanged} unchanged, left alone)`);
  return { message: `Deploy to "${plan.profile}": ${changing.length} change(s)?`, detail: lines.map(clip).join('\n') };
}
