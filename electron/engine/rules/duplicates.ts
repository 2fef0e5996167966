// promtool 2.42's duplicate-rules lint: rules with the same name (record or alert) and the same
// labels, across all groups of a file; each duplicated rule is reported once.
import type { RuleGroupDef } from './types';

export interface DuplicateRule {
  name: string;
  labels: Record<string, string>;
}

const key = (r: DuplicateRule): string =>
  JSON.stringify([
    r.name,
    Object.keys(r.labels)
      .sort()
      .map((k) => [k, r.labels[k]]),
  ]);

export function findDuplicateRules(groups: RuleGroupDef[]): DuplicateRule[] {
  const rules = groups.flatMap((g) => g.rules.map((r) => ({ name: r.name, labels: r.labels, k: key(r) })));
  rules.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const out: DuplicateRule[] = [];
  for (let i = 1; i < rules.length; i++) {
    if (rules[i].k !== rules[i - 1].k) continue;
    if (out.length > 0 && key(out[out.length - 1]) === rules[i].k) continue;
    out.push({ name: rules[i].name, labels: rules[i].labels });
  }
  return out;
}
