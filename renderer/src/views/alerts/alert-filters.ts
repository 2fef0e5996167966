// The Alerts view's data as Prometheus's /alerts page shows it: the alerting rules of every group,
// how many rules are in each state (the counts beside the state checkboxes), and the filters by
// state and by a search text that matches the rule's name or any label of the rule or its alerts.
import type { AlertView, RuleGroupView, RuleView, RulesStatus } from '../../../../shared/rules/model';

export type AlertRuleState = RuleView['state'];
export const ALERT_RULE_STATES: readonly AlertRuleState[] = ['inactive', 'pending', 'firing'];

export interface AlertRuleEntry {
  group: RuleGroupView;
  rule: RuleView;
}

/** Every alerting rule, in group then file order. */
export function alertingRules(status: RulesStatus): AlertRuleEntry[] {
  const out: AlertRuleEntry[] = [];
  for (const group of status.groups)
    for (const rule of group.rules) if (rule.kind === 'alert') out.push({ group, rule });
  return out;
}

/** How many rules are inactive, pending and firing. */
export function stateCounts(entries: readonly AlertRuleEntry[]): Record<AlertRuleState, number> {
  const counts: Record<AlertRuleState, number> = { inactive: 0, pending: 0, firing: 0 };
  for (const e of entries) counts[e.rule.state]++;
  return counts;
}

/** Pending and firing alerts of one rule. */
export function alertCounts(alerts: readonly AlertView[]): { pending: number; firing: number } {
  let pending = 0;
  for (const a of alerts) if (a.state === 'pending') pending++;
  return { pending, firing: alerts.length - pending };
}

function labelsMatch(labels: Record<string, string>, needle: string): boolean {
  for (const [k, v] of Object.entries(labels))
    if (k.toLowerCase().includes(needle) || v.toLowerCase().includes(needle)) return true;
  return false;
}

/** The rules in one of `states` whose name or labels (the rule's or an alert's) contain `search`. */
export function filterAlertRules(
  entries: readonly AlertRuleEntry[],
  states: ReadonlySet<AlertRuleState>,
  search: string,
): AlertRuleEntry[] {
  const needle = search.trim().toLowerCase();
  return entries.filter(({ rule }) => {
    if (!states.has(rule.state)) return false;
    if (!needle) return true;
    return (
      rule.name.toLowerCase().includes(needle) ||
      labelsMatch(rule.labels, needle) ||
      rule.alerts.some((a) => labelsMatch(a.labels, needle))
    );
  });
}

/** Labels sorted by name, alertname first (as Prometheus lists them). */
export function sortedLabels(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) =>
    a === 'alertname' ? -1 : b === 'alertname' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
}
