import type { Problem } from '../model/problem';

/**
 * The YAML parser's and the runtime's words for a few common mistakes are about their own internals
 * ("please use YAML.parseAllDocuments()", "Maximum call stack size exceeded") or come as a cascade
 * (one tab gives a dozen errors). These say what is wrong in the user's terms, at its place.
 */

/** One problem per line indented with a tab, at the tab(s). */
export function tabIndentProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  const lineStart = /^|\n/g;
  let m: RegExpExecArray | null;
  while ((m = lineStart.exec(text)) !== null) {
    const start = m.index + m[0].length;
    const indent = /^[ \t]*/.exec(text.slice(start, start + 200))![0];
    const tab = indent.indexOf('\t');
    if (tab >= 0 && text[start + indent.length] !== undefined && !/[\r\n#]/.test(text[start + indent.length])) {
      problems.push({
        span: { start: start + tab, end: start + indent.length },
        severity: 'error',
        message:
          'This line is indented with a tab: YAML indents with spaces only. Replace the tab with spaces (other problems are shown once the indentation is fixed).',
        code: 'yaml-tab',
      });
    }
    if (lineStart.lastIndex === m.index) lineStart.lastIndex++;
  }
  return problems;
}

const REWORDED: [RegExp, string][] = [
  [
    /contains multiple documents/i,
    'A second YAML document starts here (---): a filters file is one document. Remove this line, or put the second document in its own file.',
  ],
  [
    /Maximum call stack size exceeded/,
    'Nesting is too deep here to check: a filters file needs only a few levels of maps and lists.',
  ],
];

/** The problem with a plain message when the parser's one is about its internals. */
export function plainWording(problem: Problem): Problem {
  for (const [said, plain] of REWORDED) if (said.test(problem.message)) return { ...problem, message: plain };
  return problem;
}

/**
 * Control characters YAML does not allow (its c-printable excludes NUL, escape…): the parser accepts some in plain
 * text (an escape sequence in a name would reach the job and the terminal) and names others as something else.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** One problem per control character (the first ten), at the character. */
export function controlCharacterProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  for (const m of text.matchAll(CONTROL)) {
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    problems.push({
      span: { start: m.index, end: m.index + 1 },
      severity: 'error',
      message: `A control character (U+${code}) is here: a YAML file holds printable text only. Remove it (other problems are shown once it is gone).`,
      code: 'yaml-control-character',
    });
    if (problems.length === 10) break;
  }
  return problems;
}
