// Prometheus 2.42's Group.RestoreForState: after a restart, an alert that was pending keeps the
// time it has already spent pending, read back from its last ALERTS_FOR_STATE sample (value:
// activeAt in seconds), so a restart does not reset every `for` clock. Downtime beyond the outage
// tolerance forgets it; an alert about to fire gets at least the grace period.
import type { Querier } from '../store/types';
import { AlertingRule } from './alerting-rule';
import type { RuleGroup } from './group';

export interface RestoreOptions {
  /** --rules.alert.for-outage-tolerance (1h). */
  outageToleranceMs: number;
  /** --rules.alert.for-grace-period (10m). */
  gracePeriodMs: number;
}

export const DEFAULT_RESTORE: RestoreOptions = { outageToleranceMs: 3_600_000, gracePeriodMs: 600_000 };

export function restoreForState(
  group: RuleGroup,
  querier: Querier,
  nowMs: number,
  opts: RestoreOptions,
): void {
  const mint = nowMs - opts.outageToleranceMs;
  for (const rule of group.rules) {
    if (!(rule instanceof AlertingRule)) continue;
    const hold = rule.def.forMs;
    if (hold < opts.gracePeriodMs) {
      // Restoring would only delay it: it waits its own `for` again.
      rule.restored = true;
      continue;
    }
    for (const a of rule.activeAlerts()) {
      const labels = { ...a.labels, __name__: 'ALERTS_FOR_STATE' };
      const matchers = Object.entries(labels).map(([name, value]) => ({ name, type: '=' as const, value }));
      const want = Object.keys(labels).length;
      const found = querier
        .select(matchers, mint, nowMs)
        .find((s) => Object.values(s.labels).filter((v) => v !== '').length === want);
      if (!found || found.t.length === 0) continue;
      const last = found.t.length - 1;
      if (found.stale?.[last]) continue; // it was not active
      const downAtMs = Math.floor(found.t[last] / 1000) * 1000;
      let activeAtMs = Math.trunc(found.v[last]) * 1000;
      const remaining = hold - (downAtMs - activeAtMs);
      if (remaining <= 0) {
        // It was firing: the next evaluation finds it firing again if it still is.
      } else if (remaining < opts.gracePeriodMs) {
        activeAtMs = nowMs + opts.gracePeriodMs - hold;
      } else {
        activeAtMs += nowMs - downAtMs;
      }
      a.activeAtMs = activeAtMs;
    }
    rule.restored = true;
  }
}
