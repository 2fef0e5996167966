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

/** Prometheus's nameAndLabels: how a rule is recognised across a reload. */
const ruleIdentity = (r: Rule): string => r.def.name + labelsKey(r.def.labels);

export class RuleGroup {
  private readonly slots: RuleSlot[];
  lastEvalMs = 0;
  /** Wall-clock cost of the last whole evaluation (ms), by the caller's clock. */
  lastDurationMs = 0;
  /** Series of rules dropped by a reload: stale-marked at the end of the next evaluation. */
  private staleSeries: LabelSet[] = [];

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
    const started = this.clock?.() ?? 0;
    for (let i = 0; i < this.slots.length; i++) this.evalRule(i, tsMs);
    this.finishEval(tsMs, started);
  }

  /** eval, with `between` awaited after each rule so a long group lets other work (scrapes) run. */
  async evalYielding(tsMs: number, between: () => Promise<void>): Promise<void> {
    const started = this.clock?.() ?? 0;
    for (let i = 0; i < this.slots.length; i++) {
      this.evalRule(i, tsMs);
      if (i < this.slots.length - 1) await between();
    }
    this.finishEval(tsMs, started);
  }

  private finishEval(tsMs: number, started: number): void {
    this.lastEvalMs = tsMs;
    this.lastDurationMs = (this.clock?.() ?? 0) - started;
    if (this.staleSeries.length > 0) {
      this.out.appendBatch(this.staleSeries.map((labels) => ({ labels, t: tsMs, v: NaN, stale: true })));
      this.staleSeries = [];
    }
  }

  private evalRule(i: number, tsMs: number): void {
    const slot = this.slots[i];
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
      return;
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

  /** Every series the group wrote at its last evaluation (stale-marked when the group goes away). */
  previousSeries(): LabelSet[] {
    return this.slots.flatMap((s) => [...s.previous.values()]);
  }

  /** Whether alerting rules write ALERTS / ALERTS_FOR_STATE (false until the for-state is restored). */
  setRestored(restored: boolean): void {
    for (const s of this.slots) if (s.rule instanceof AlertingRule) s.rule.restored = restored;
  }

  /**
   * Prometheus's Group.CopyState on a reload: a rule of the same name and labels keeps its
   * last-written series, its alerts and its status; series of rules that are gone are
   * stale-marked at the next evaluation.
   */
  copyStateFrom(from: RuleGroup): void {
    this.lastEvalMs = from.lastEvalMs;
    this.lastDurationMs = from.lastDurationMs;
    const byIdentity = new Map<string, number[]>();
    from.slots.forEach((s, i) => {
      const id = ruleIdentity(s.rule);
      byIdentity.set(id, [...(byIdentity.get(id) ?? []), i]);
    });
    for (const slot of this.slots) {
      const id = ruleIdentity(slot.rule);
      const indexes = byIdentity.get(id) ?? [];
      if (indexes.length === 0) continue;
      const old = from.slots[indexes[0]];
      byIdentity.set(id, indexes.slice(1));
      slot.previous = old.previous;
      slot.status = { ...old.status, def: slot.status.def };
      if (slot.rule instanceof AlertingRule && old.rule instanceof AlertingRule)
        slot.rule.adoptAlerts(old.rule);
    }
    this.staleSeries = [...from.staleSeries];
    for (const indexes of byIdentity.values())
      for (const i of indexes) this.staleSeries.push(...from.slots[i].previous.values());
  }
}
