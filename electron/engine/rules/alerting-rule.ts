// An alerting rule with Prometheus 2.42's state machine (rules/alerting.go): a result element
// becomes a pending alert, firing once it has been active for `for`; one that is gone is resolved
// (a firing one is kept 15 minutes so that the resolution is sent; a pending one is dropped), or
// held firing for `keep_firing_for`. Each evaluation outputs ALERTS and ALERTS_FOR_STATE samples.
import type { LabelSet } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';
import { expandAlertText } from '../../../shared/templates/expand';
import type { QueryFunc } from '../../../shared/templates/prometheus-funcs';
import type { Alert, RuleDef, RuleEnv } from './types';

/** How long a resolved alert stays active (Prometheus's resolvedRetention). */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

export class RuleEvalError extends Error {
  override name = 'RuleEvalError';
}

export interface OutSample {
  labels: LabelSet;
  v: number;
}

export class AlertingRule {
  /** Alerts by their label set's key. */
  private readonly active = new Map<string, Alert>();
  /** promtool marks rules restored so that ALERTS is written from the first evaluation. */
  restored = true;

  constructor(readonly def: RuleDef) {}

  /** Alerts that are pending or firing, or resolved within the retention (Prometheus's ActiveAlerts keeps only non-inactive). */
  activeAlerts(): Alert[] {
    return [...this.active.values()].filter((a) => a.state !== 'inactive');
  }

  /** Every alert the rule holds, resolved ones included (for notifications). */
  allAlerts(): Alert[] {
    return [...this.active.values()];
  }

  /** Takes over another rule's alerts (a reload that keeps the rule, as Prometheus's CopyState). */
  adoptAlerts(from: AlertingRule): void {
    for (const [k, a] of from.active) this.active.set(k, a);
  }

  eval(tsMs: number, env: RuleEnv, limit: number): OutSample[] {
    const res = env.query(this.def.expr, tsMs);
    const templateQuery: QueryFunc = (q, t) => env.query(q, t).map((s) => ({ labels: s.labels, value: s.v }));
    const fresh = new Map<string, Alert>();
    for (const smpl of res) {
      const data = {
        labels: smpl.labels,
        externalLabels: env.externalLabels,
        externalURL: env.externalURL,
        value: smpl.v,
      };
      const ctx = { timeMs: tsMs, query: templateQuery, externalURL: env.externalURL };
      const expand = (text: string) => expandAlertText(this.def.name, text, data, ctx);
      const labels: LabelSet = { ...smpl.labels };
      delete labels.__name__;
      for (const k of Object.keys(this.def.labels).sort()) {
        const v = expand(this.def.labels[k]);
        if (v === '') delete labels[k];
        else labels[k] = v;
      }
      labels.alertname = this.def.name;
      const annotations: Record<string, string> = {};
      for (const k of Object.keys(this.def.annotations).sort())
        annotations[k] = expand(this.def.annotations[k]);
      const key = labelsKey(labels);
      if (fresh.has(key))
        throw new RuleEvalError('vector contains metrics with the same labelset after applying alert labels');
      fresh.set(key, {
        labels,
        annotations,
        state: 'pending',
        value: smpl.v,
        activeAtMs: tsMs,
        firedAtMs: 0,
        resolvedAtMs: 0,
        keepFiringSinceMs: 0,
      });
    }
    for (const [key, a] of fresh) {
      const old = this.active.get(key);
      if (old && old.state !== 'inactive') {
        old.value = a.value;
        old.annotations = a.annotations;
        continue;
      }
      this.active.set(key, a);
    }

    const out: OutSample[] = [];
    let numActivePending = 0;
    for (const [key, a] of this.active) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && this.def.keepFiringForMs > 0) {
          if (a.keepFiringSinceMs === 0) a.keepFiringSinceMs = tsMs;
          if (tsMs - a.keepFiringSinceMs < this.def.keepFiringForMs) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAtMs !== 0 && tsMs - a.resolvedAtMs > RESOLVED_RETENTION_MS))
          this.active.delete(key);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAtMs = tsMs;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSinceMs = 0;
      }
      numActivePending++;
      if (a.state === 'pending' && tsMs - a.activeAtMs >= this.def.forMs) {
        a.state = 'firing';
        a.firedAtMs = tsMs;
      }
      if (this.restored) {
        out.push({ labels: { ...a.labels, __name__: 'ALERTS', alertstate: a.state }, v: 1 });
        out.push({
          labels: { ...a.labels, __name__: 'ALERTS_FOR_STATE' },
          v: Math.floor(a.activeAtMs / 1000),
        });
      }
    }
    if (limit > 0 && numActivePending > limit) {
      this.active.clear();
      throw new RuleEvalError(`exceeded limit of ${limit} with ${numActivePending} alerts`);
    }
    return out;
  }
}
