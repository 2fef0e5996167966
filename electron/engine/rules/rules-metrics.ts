// The rule manager's figures for Promdesk's /metrics, twins of Prometheus's
// prometheus_rule_evaluations_total and friends (label rule_group="<file>;<group>").
import { formatGoFloat } from '../../../shared/format/go-float';

/** Counters of one group since it first loaded. */
export interface GroupCounters {
  evaluations: number;
  failures: number;
  missed: number;
}

export interface RuleGroupMetrics {
  group: string;
  intervalMs: number;
  rules: number;
  lastDurationMs: number;
  counters: GroupCounters;
}

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Exposition text (no trailing newline) for the groups, and whether the rule files last loaded. */
export function renderRuleMetrics(groups: RuleGroupMetrics[], lastLoadOk: boolean): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string, value: (g: RuleGroupMetrics) => number) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const g of groups) out.push(`${name}{rule_group="${escape(g.group)}"} ${formatGoFloat(value(g))}`);
  };
  out.push(
    '# HELP promdesk_rules_last_reload_successful Whether the rule files last loaded (a failed reload keeps the previous rules).',
    '# TYPE promdesk_rules_last_reload_successful gauge',
    `promdesk_rules_last_reload_successful ${lastLoadOk ? 1 : 0}`,
  );
  family('promdesk_rule_evaluations_total', 'counter', 'Rule evaluations.', (g) => g.counters.evaluations);
  family(
    'promdesk_rule_evaluation_failures_total',
    'counter',
    'Rule evaluations that failed.',
    (g) => g.counters.failures,
  );
  family(
    'promdesk_rule_group_iterations_missed_total',
    'counter',
    'Group evaluations skipped because the previous one ran late.',
    (g) => g.counters.missed,
  );
  family(
    'promdesk_rule_group_last_duration_seconds',
    'gauge',
    'How long the last evaluation of the group took.',
    (g) => g.lastDurationMs / 1000,
  );
  family(
    'promdesk_rule_group_interval_seconds',
    'gauge',
    'The group evaluation interval.',
    (g) => g.intervalMs / 1000,
  );
  family('promdesk_rule_group_rules', 'gauge', 'Rules in the group.', (g) => g.rules);
  return out.join('\n');
}
