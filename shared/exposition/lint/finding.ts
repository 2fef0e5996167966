// Building findings: one place that fixes their shape, so checks only say what they found.
import type { LintFinding, LintSeverity } from './types';

export function finding(
  code: string,
  severity: LintSeverity,
  line: number | null,
  family: string | null,
  message: string,
  hint: string,
): LintFinding {
  return { code, severity, line, family, message, hint };
}

/** Sorts findings by line (body-wide ones last), keeping the checks' order within a line. */
export function sortFindings(findings: LintFinding[]): LintFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const la = a.f.line ?? Number.MAX_SAFE_INTEGER;
      const lb = b.f.line ?? Number.MAX_SAFE_INTEGER;
      return la - lb || a.i - b.i;
    })
    .map(({ f }) => f);
}
