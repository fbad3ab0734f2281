// Invariant: a problem is reported at the exact span of the offending key or value, with a stable `code`. The
// squiggle, the quick fix and the CLI's file:line:col then point at what to change, and tests, docs and users'
// scripts match problems by `code`, so a code keeps its meaning once it has shipped.

import type { Span } from './span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found in a filters file, located by offsets; LSP and the CLI render it their own way. */
export interface Problem {
  span: Span;
  severity: Severity;
  message: string;
  /** Stable identifier of the check (e.g. `unknown-field`), also the LSP diagnostic code. */
  code: string;
  /** A replacement that fixes the problem, offered as a quick fix. */
  fix?: { title: string; span: Span; newText: string };
  /** Greyed out in the editor (disabled filters). */
  unnecessary?: boolean;
}
