// One rule group evaluated at a given timestamp, as Prometheus 2.42's Group.Eval: rules in order,
// each rule's output appended before the next runs (so later rules see it); a series a rule
// returned last time and not now gets a stale marker; a rule that fails keeps its error and
// health and the others go on. The caller picks the timestamps (a scheduler, or promtool's loop).
import { labelsKey } from '../../../shared/labels-key';
import type { LabelSet } from '../../../shared/api';
import { AlertingRule } from './alerting-rule';
import { RecordingRule } from './recording-rule';
import type { RuleAppendable, RuleEnv, RuleGroupDef, RuleStatus } from './types';

export type Rule = AlertingRule | RecordingRule;

interface RuleSlot {
  rule: Rule;
  status: RuleStatus;
  /** Series written at the last successful evaluation, by key. */
  previous: Map<string, LabelSet>;
}

export class RuleGroup {
  private readonly slots: RuleSlot[];
  lastEvalMs = 0;

  constructor(
    readonly def: RuleGroupDef,
    private readonly env: RuleEnv,
    private readonly out: RuleAppendable,
    /** The caller's clock for evaluation durations (none: durations stay 0). */
    private readonly clock?: () => number,
  ) {
    this.slots = def.rules.map((d) => ({
      rule: d.kind === 'alert' ? new AlertingRule(d) : new RecordingRule(d),
      status: { def: d, health: 'unknown', lastError: '', lastEvalMs: 0, evalDurationMs: 0, alerts: [] },
      previous: new Map(),
    }));
  }

  get rules(): readonly Rule[] {
    return this.slots.map((s) => s.rule);
  }

  get statuses(): readonly RuleStatus[] {
    return this.slots.map((s) => s.status);
  }

  eval(tsMs: number): void {
    this.lastEvalMs = tsMs;
    for (const slot of this.slots) {
      const started = this.clock?.() ?? 0;
      slot.status.lastEvalMs = tsMs;
      let samples;
      try {
        samples = slot.rule.eval(tsMs, this.env, this.def.limit);
      } catch (err) {
        slot.status.health = 'err';
        slot.status.lastError = (err as Error).message;
        slot.status.evalDurationMs = (this.clock?.() ?? 0) - started;
        if (slot.rule instanceof AlertingRule) slot.status.alerts = slot.rule.activeAlerts();
        continue;
      }
      slot.status.health = 'ok';
      slot.status.lastError = '';
      const batch: { labels: LabelSet; t: number; v: number; stale: boolean }[] = [];
      const returned = new Map<string, LabelSet>();
      for (const s of samples) {
        batch.push({ labels: s.labels, t: tsMs, v: s.v, stale: false });
        returned.set(labelsKey(s.labels), s.labels);
      }
      for (const [k, labels] of slot.previous) {
        if (!returned.has(k)) batch.push({ labels, t: tsMs, v: NaN, stale: true });
      }
      this.out.appendBatch(batch);
      slot.previous = returned;
      if (slot.rule instanceof AlertingRule) slot.status.alerts = slot.rule.activeAlerts();
      slot.status.evalDurationMs = (this.clock?.() ?? 0) - started;
    }
  }
}
