// Rule groups as the rule editor gives them (RuleGroupInput) ↔ a real Prometheus rule file's text,
// checked by rule-file.ts's rulefmt checks so that the UI's file is one promtool accepts. Errors
// name the group, the rule and the field, without the file's line numbers the user never sees.
import { Document } from 'yaml';
import type { RuleGroupInput, RuleInput } from '../../../shared/rules/model';
import { formatDuration, parseDuration } from '../../../shared/duration';
import { parseRuleFile } from './rule-file';
import type { RuleGroupDef } from './types';

/** A group or rule that does not check: every problem, one per line. */
export class RuleInputError extends Error {
  override name = 'RuleInputError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const where = (g: RuleGroupInput, i: number, r: RuleInput) =>
  `group ${JSON.stringify(g.name)}, rule ${i + 1}, ${JSON.stringify(r.name)}`;

/** Duration fields rulefmt reads before its checks (a bad one fails the whole file there): named here. */
function durationProblems(groups: readonly RuleGroupInput[]): string[] {
  const out: string[] = [];
  const bad = (text: string) => text !== '' && parseDuration(text) === null;
  for (const g of groups) {
    if (bad(g.interval))
      out.push(`group ${JSON.stringify(g.name)}: interval: not a valid duration string: "${g.interval}"`);
    g.rules.forEach((r, i) => {
      if (bad(r.for)) out.push(`${where(g, i, r)}: for: not a valid duration string: "${r.for}"`);
      if (bad(r.keepFiringFor))
        out.push(`${where(g, i, r)}: keep_firing_for: not a valid duration string: "${r.keepFiringFor}"`);
    });
  }
  return out;
}

const nonEmpty = (m: Record<string, string>) => (Object.keys(m).length > 0 ? m : undefined);

/** The groups as a rule file's text (a header comment, then `groups:` as Prometheus reads it). */
export function ruleFileText(groups: readonly RuleGroupInput[], header: string): string {
  const doc = new Document({
    groups: groups.map((g) => ({
      name: g.name,
      ...(g.interval !== '' ? { interval: g.interval } : {}),
      rules: g.rules.map((r) => ({
        [r.kind === 'alert' ? 'alert' : 'record']: r.name,
        expr: r.expr,
        ...(r.for !== '' ? { for: r.for } : {}),
        ...(r.keepFiringFor !== '' ? { keep_firing_for: r.keepFiringFor } : {}),
        labels: nonEmpty(r.labels),
        annotations: nonEmpty(r.annotations),
      })),
    })),
  });
  doc.commentBefore = header;
  return doc.toString({ lineWidth: 0 });
}

/**
 * Checks the groups as promtool would check their file and returns their definitions (file ''),
 * or throws RuleInputError with each problem ("group "g", rule 1, "X": could not parse expression: ...").
 */
export function checkRuleGroups(groups: readonly RuleGroupInput[]): RuleGroupDef[] {
  const durations = durationProblems(groups);
  if (durations.length > 0) throw new RuleInputError(durations);
  const name = 'ui.yml';
  const parsed = parseRuleFile(ruleFileText(groups, ''), name);
  if (parsed.errors.length > 0)
    throw new RuleInputError(
      // "ui.yml: 7:15: 7:9: group ..." → "group ...": the positions are in a file the user never sees.
      parsed.errors.map((e) => e.slice(name.length + 2).replace(/^(\d+:\d+: )+/, '')),
    );
  return parsed.groups.map((g) => ({ ...g, file: '', rules: g.rules.map((r) => ({ ...r, line: 0 })) }));
}

/** A rule file's groups as the editor edits them (durations as their text in the file). */
export function ruleGroupInputs(text: string, file: string): { groups: RuleGroupInput[]; errors: string[] } {
  const parsed = parseRuleFile(text, file);
  if (parsed.errors.length > 0) return { groups: [], errors: parsed.errors };
  return { groups: parsed.groups.map(toInput), errors: [] };
}

function toInput(g: RuleGroupDef): RuleGroupInput {
  return {
    name: g.name,
    interval: msText(g.intervalMs),
    rules: g.rules.map((r) => ({
      kind: r.kind,
      name: r.name,
      expr: r.expr,
      for: msText(r.forMs),
      keepFiringFor: msText(r.keepFiringForMs),
      labels: r.labels,
      annotations: r.annotations,
    })),
  };
}

/** ms as Prometheus duration text, '' for 0 (unset). */
const msText = (ms: number): string => (ms === 0 ? '' : formatDuration(ms));
