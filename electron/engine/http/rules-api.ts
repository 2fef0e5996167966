// /api/v1/rules and /api/v1/alerts in Prometheus 2.42's JSON shapes (web/api/v1's RuleGroup,
// AlertingRule, RecordingRule and Alert), built from the RuleManager's status: durations in
// seconds, times as Go marshals a time.Time (RFC 3339 with trailing zeros trimmed; never is
// 0001-01-01T00:00:00Z), values as strconv.FormatFloat(v, 'e', -1, 64).
import type { LabelSet } from '../../../shared/api';
import type { AlertView, RulesStatus, RuleView } from '../../../shared/rules/model';
import { formatFloat } from '../../../shared/templates/go-float-format';
import { badData } from './api-error';

/** time.Time's JSON: RFC3339Nano, so .120 is .12 and .000 is nothing; 0 is Go's zero time. */
export function goTimeJson(ms: number): string {
  if (ms === 0) return '0001-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

function sortedLabels(l: LabelSet): LabelSet {
  const out: LabelSet = {};
  for (const k of Object.keys(l).sort()) out[k] = l[k];
  return out;
}

function alertJson(a: AlertView): Record<string, unknown> {
  return {
    labels: sortedLabels(a.labels),
    annotations: sortedLabels(a.annotations),
    state: a.state,
    activeAt: goTimeJson(a.activeAtMs),
    ...(a.keepFiringSinceMs !== 0 && { keepFiringSince: goTimeJson(a.keepFiringSinceMs) }),
    value: formatFloat(a.value, 'e', -1),
  };
}

function ruleJson(r: RuleView): Record<string, unknown> {
  const common = {
    health: r.health,
    ...(r.lastError !== '' && { lastError: r.lastError }),
    evaluationTime: r.evaluationDurationMs / 1000,
    lastEvaluation: goTimeJson(r.lastEvaluationMs),
  };
  if (r.kind === 'record') {
    return {
      name: r.name,
      query: r.expr,
      ...(Object.keys(r.labels).length > 0 && { labels: sortedLabels(r.labels) }),
      ...common,
      type: 'recording',
    };
  }
  return {
    state: r.state,
    name: r.name,
    query: r.expr,
    duration: r.forMs / 1000,
    keepFiringFor: r.keepFiringForMs / 1000,
    labels: sortedLabels(r.labels),
    annotations: sortedLabels(r.annotations),
    alerts: r.alerts.map(alertJson),
    ...common,
    type: 'alerting',
  };
}

/** GET /api/v1/rules[?type=alert|record]. */
export function rulesJson(status: RulesStatus, type: string | null): unknown {
  if (type !== null && type !== '' && type !== 'alert' && type !== 'record')
    throw badData(`invalid parameter "type": not supported value ${JSON.stringify(type)}`);
  const keep = (r: RuleView) => !type || (type === 'alert' ? r.kind === 'alert' : r.kind === 'record');
  return {
    groups: status.groups.map((g) => ({
      name: g.name,
      file: g.file,
      rules: g.rules.filter(keep).map(ruleJson),
      interval: g.intervalMs / 1000,
      limit: g.limit,
      evaluationTime: g.evaluationDurationMs / 1000,
      lastEvaluation: goTimeJson(g.lastEvaluationMs),
    })),
  };
}

/** GET /api/v1/alerts: every active alert of every alerting rule. */
export function alertsJson(status: RulesStatus): unknown {
  return {
    alerts: status.groups.flatMap((g) => g.rules.flatMap((r) => r.alerts.map(alertJson))),
  };
}
