/**
 * Flink (REST API and SQL Gateway) answers errors with `{"errors": [...]}` whose entries hold whole Java
 * stack traces. Users need the root cause: the innermost "Caused by" message, which is the planner's or the
 * runtime's own words (e.g. "At line 1, column 8: Column 'x' not found in any table").
 */

const EXCEPTION_LINE = /^(?:Caused by: )?((?:[\w$]+\.)+[\w$]*(?:Exception|Error|Throwable)[\w$]*)(?::\s?(.*))?$/;
const MAX_LINES = 12;
const MAX_ALTERNATIVES = 6;

interface CauseMessage {
  className: string;
  message: string;
}

/** The root cause of a Flink error body, or undefined when the body is not Flink's error shape. */
export function flinkErrorMessage(body: unknown): string | undefined {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const texts = errors.filter(
    (e): e is string => typeof e === 'string' && e.trim() !== '' && e.trim() !== 'Internal server error.',
  );
  if (texts.length === 0) return errors.length ? String(errors[0]) : undefined;
  return flinkRootCause(texts.join('\n'));
}

/**
 * The telling message of a Java stack trace: the innermost cause that names a line and column when one does
 * (Calcite repeats the message without the position in its innermost cause), else the innermost cause.
 * Text that is not a stack trace comes back trimmed.
 */
export function flinkRootCause(trace: string): string {
  const causes = causeMessages(trace);
  if (causes.length === 0) return shorten(trace.trim());
  const withPosition = [...causes].reverse().find((c) => /line \d+, column \d+/i.test(c.message));
  const root = withPosition ?? causes[causes.length - 1];
  return shorten(root.message || root.className);
}

/** Every exception message of the trace, outermost first, with its continuation lines (not the "at" frames). */
export function causeMessages(trace: string): CauseMessage[] {
  const body = trace
    .replace(/^[\s\S]*?<Exception on server side:\n/, '')
    .replace(/\n?End of exception on server side>[\s\S]*$/, '');
  const causes: CauseMessage[] = [];
  let current: CauseMessage | undefined;
  for (const line of body.split('\n')) {
    if (/^\s+(at |\.\.\. \d+ more)/.test(line) || /^\s*Suppressed: /.test(line)) {
      current = undefined;
      continue;
    }
    const m = EXCEPTION_LINE.exec(line.trim());
    if (m && (line.startsWith('Caused by: ') || causes.length === 0 || current === undefined)) {
      current = { className: m[1], message: stripNestedClass((m[2] ?? '').trim()) };
      causes.push(current);
    } else if (current) {
      current.message += '\n' + line;
    }
  }
  return causes.map((c) => ({ ...c, message: c.message.trim() }));
}

/** "org.x.FooException: real message" → "real message" (wrappers repeat their cause's class in their message). */
function stripNestedClass(message: string): string {
  let out = message;
  for (let m = EXCEPTION_LINE.exec(out); m && m[2] !== undefined; m = EXCEPTION_LINE.exec(out)) out = m[2].trim();
  return out;
}

/** At most MAX_LINES lines, blank runs collapsed, the parser's "Was expecting one of" list cut short. */
function shorten(text: string): string {
  const lines = text.split('\n').map((l) => l.trimEnd());
  const out: string[] = [];
  let alternatives = -1;
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    if (/^Was expecting( one of)?:/.test(line)) alternatives = 0;
    else if (alternatives >= 0 && line.trim() !== '') {
      alternatives++;
      if (alternatives > MAX_ALTERNATIVES) {
        if (alternatives === MAX_ALTERNATIVES + 1) out.push('    …');
        continue;
      }
    }
    out.push(line);
    if (out.length >= MAX_LINES) {
      out.push('…');
      break;
    }
  }
  return out.join('\n').trim();
}
