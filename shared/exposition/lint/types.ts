// What the linter reports: promtool's checks and more, each finding with a stable code, a
// severity, the line it is about, a one-line message and a hint on how to fix it.
export type LintSeverity = 'error' | 'warning' | 'info';

export interface LintFinding {
  /** Stable identifier, e.g. "counter-without-total", "non-base-unit", "histogram-not-cumulative". */
  code: string;
  severity: LintSeverity;
  /** 1-based line the finding is about, or null when it concerns the body as a whole. */
  line: number | null;
  /** The metric family (or series name) concerned, when there is one. */
  family: string | null;
  message: string;
  hint: string;
}
