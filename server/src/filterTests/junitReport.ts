import type { CaseResult } from './runFilterTests';

// eslint-disable-next-line no-control-regex -- tab, LF and CR are the control characters XML 1.0 allows
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** XML text and attribute escaping; also drops characters XML 1.0 forbids (event values may hold any). */
function esc(s: string): string {
  return s
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * JUnit XML (the Ant/Surefire shape CI systems read): one <testsuite> per test file, one <testcase> per
 * case with file and line; <failure> for a routing that differs from the expectation, <error> for a
 * case that could not be evaluated.
 */
export function junitReport(
  suites: { file: string; results: CaseResult[]; fatal?: string }[],
  timestamp = new Date(),
): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = suites.flatMap((s) => s.results);
  const count = (status: string) => all.filter((r) => r.status === status).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = all.reduce((t, r) => t + r.millis, 0);
  lines.push(
    `<testsuites name="cdc-routing test" tests="${all.length}" failures="${count('failed')}" errors="${count('error') + suites.filter((s) => s.fatal).length}" time="${seconds(total)}">`,
  );
  for (const s of suites) {
    const failures = s.results.filter((r) => r.status === 'failed').length;
    const errors = s.results.filter((r) => r.status === 'error').length;
    const time = s.results.reduce((t, r) => t + r.millis, 0);
    lines.push(
      `  <testsuite name="${esc(s.file)}" tests="${s.results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}" timestamp="${timestamp.toISOString().slice(0, 19)}">`,
    );
    if (s.fatal) lines.push(`    <system-err>${esc(s.fatal)}</system-err>`);
    for (const r of s.results) {
      const head = `    <testcase name="${esc(r.name)}" classname="${esc(s.file)}" file="${esc(s.file)}" line="${r.line}" time="${seconds(r.millis)}"`;
      if (r.status === 'passed') {
        lines.push(`${head}/>`);
        continue;
      }
      const tag = r.status === 'failed' ? 'failure' : 'error';
      const detail = [
        ...r.messages,
        `expected: ${r.expected.routedTo ? `routedTo [${r.expected.routedTo.join(', ')}]` : ''}${r.expected.notRoutedTo ? ` notRoutedTo [${r.expected.notRoutedTo.join(', ')}]` : ''}`.trim(),
        `actual: routed to [${r.actual.join(', ')}]`,
        ...(r.eventSource ? [`event: ${r.eventSource}`] : []),
      ].join('\n');
      lines.push(`${head}>`);
      lines.push(
        `      <${tag} message="${esc(r.messages[0] ?? tag)}" type="${r.status === 'failed' ? 'RoutingMismatch' : 'CaseError'}">${esc(detail)}</${tag}>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
