// Which alerts of a group evaluation go to the Alertmanagers, as Prometheus 2.42's
// AlertingRule.sendAlerts and rules.SendAlerts decide: a pending alert never; a firing one when it
// was not sent within the resend delay; a resolved one when it resolved after its last send, and
// again each resend delay while the rule keeps it (15 minutes), as 2.42 does. endsAt is the
// resolution time, or for a firing alert now + 4 × max(resend delay, group interval) (so two
// missed evaluations or sends do not resolve it in the Alertmanager); startsAt is when it fired.
import { labelsKey } from '../../../../shared/labels-key';
import { exprString } from '../../query/printer';
import { parseExpr } from '../../query';
import type { Alert, GroupEvaluation } from '../../rules/types';
import type { NotifierAlert } from './payload';

export interface DueAlertsOptions {
  /** --rules.alert.resend-delay (default 1m). */
  resendDelayMs: number;
  /** The interval a group without its own runs at (global.evaluation_interval). */
  defaultIntervalMs: () => number;
  /** The engine's external URL (generatorURL links to its /graph). */
  externalURL: () => string;
}

export class DueAlerts {
  /** Per group (file and name): per rule and alert, when it was last sent. */
  private readonly lastSent = new Map<string, Map<string, number>>();
  private readonly printed = new Map<string, string>();

  constructor(private readonly opts: DueAlertsOptions) {}

  /** The alerts to send after this evaluation; records them as sent. */
  take(ev: GroupEvaluation): NotifierAlert[] {
    const groupKey = `${ev.group.file}\n${ev.group.name}`;
    const before = this.lastSent.get(groupKey) ?? new Map<string, number>();
    const after = new Map<string, number>();
    const interval = ev.group.intervalMs > 0 ? ev.group.intervalMs : this.opts.defaultIntervalMs();
    const validFor = 4 * Math.max(this.opts.resendDelayMs, interval);
    const out: NotifierAlert[] = [];
    ev.rules.forEach((rule, i) => {
      if (rule.def.kind !== 'alert') return;
      let generatorURL: string | null = null;
      for (const a of rule.alerts) {
        const key = `${i}\n${rule.def.name}\n${labelsKey(a.labels)}`;
        let last = before.get(key) ?? null;
        if (this.needsSending(a, last, ev.tsMs)) {
          last = ev.tsMs;
          generatorURL ??= this.generatorURL(rule.def.expr);
          out.push({
            labels: { ...a.labels },
            annotations: { ...a.annotations },
            startsAtMs: a.firedAtMs,
            endsAtMs: a.resolvedAtMs !== 0 ? a.resolvedAtMs : ev.tsMs + validFor,
            generatorURL,
          });
        }
        if (last !== null) after.set(key, last);
      }
    });
    if (after.size > 0) this.lastSent.set(groupKey, after);
    else this.lastSent.delete(groupKey);
    return out;
  }

  private needsSending(a: Alert, lastSentMs: number | null, tsMs: number): boolean {
    if (a.state === 'pending') return false;
    const last = lastSentMs ?? -Infinity;
    if (a.resolvedAtMs !== 0 && a.resolvedAtMs > last) return true;
    return last + this.opts.resendDelayMs < tsMs;
  }

  /** externalURL + /graph?g0.expr=<the expression as Prometheus prints it>&g0.tab=1. */
  private generatorURL(expr: string): string {
    let printed = this.printed.get(expr);
    if (printed === undefined) {
      try {
        printed = exprString(parseExpr(expr));
      } catch {
        printed = expr;
      }
      if (this.printed.size > 10_000) this.printed.clear();
      this.printed.set(expr, printed);
    }
    const base = this.opts.externalURL().replace(/\/+$/, '');
    return `${base}/graph?g0.expr=${goQueryEscape(printed)}&g0.tab=1`;
  }
}

/** Go's url.QueryEscape: all but [A-Za-z0-9-_.~] escaped, space as "+". */
function goQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
