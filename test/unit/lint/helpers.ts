// Helpers for the linter tests: lint a body, then ask for findings by code.
import assert from 'node:assert/strict';
import { lintText } from '../../../shared/exposition/lint';
import type { LintFinding } from '../../../shared/exposition/lint';

export function lint(
  body: string,
  format: 'prometheus-text' | 'openmetrics' = 'prometheus-text',
  cardinalityLimit?: number,
): LintFinding[] {
  const r = lintText(body, { format, cardinalityLimit });
  assert.equal(r.parsed, true, `expected the body to parse: ${JSON.stringify(r.error)}\n${body}`);
  return r.problems;
}

/** The findings with `code`. */
export function withCode(findings: readonly LintFinding[], code: string): LintFinding[] {
  return findings.filter((f) => f.code === code);
}

/** Asserts exactly the given lines carry a finding `code`. */
export function assertLines(findings: readonly LintFinding[], code: string, lines: (number | null)[]): void {
  assert.deepEqual(
    withCode(findings, code).map((f) => f.line),
    lines,
    `${code} lines; all findings:\n${findings.map((f) => `${f.line}: ${f.code} ${f.message}`).join('\n')}`,
  );
}

export function assertNone(findings: readonly LintFinding[], code: string): void {
  assertLines(findings, code, []);
}

/** A text-format family with HELP and TYPE, so only the rule under test fires. */
export function family(name: string, type: string, ...samples: string[]): string {
  return `# HELP ${name} Something.\n# TYPE ${name} ${type}\n${samples.join('\n')}\n`;
}
