// The narrow interface between rule evaluation and what runs it (the unit-test runner now, the
// engine's scheduler, /api/v1/rules and /alerts, notifications later). Nothing here reads a
// clock: every evaluation is handed its timestamp.
import type { LabelSet } from '../../../shared/api';

/** A rule as a rule file gives it, checked (rule-file.ts). Durations are ms. */
export interface RuleDef {
  kind: 'record' | 'alert';
  /** The record name or the alert name. */
  name: string;
  expr: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** 1-based line of the rule in its file (0 when not from a file). */
  line: number;
}

export interface RuleGroupDef {
  name: string;
  file: string;
  /** 0: the caller's default interval. */
  intervalMs: number;
  /** 0: no limit. */
  limit: number;
  rules: RuleDef[];
}

/** One sample of a rule's instant vector (a scalar result has empty labels). */
export interface RuleSample {
  labels: LabelSet;
  v: number;
}

/**
 * Runs a rule's expression at one instant, as Prometheus's EngineQueryFunc: a vector as is, a
 * scalar as one sample without labels; anything else throws "rule result is not a vector or scalar".
 */
export type RuleQueryFunc = (expr: string, timeMs: number) => RuleSample[];

/** Where rule output goes: one batch per rule per evaluation, committed together. */
export interface RuleAppendable {
  /** Appends the batch; a stale marker is `stale: true`. Returns how many samples were refused. */
  appendBatch(samples: { labels: LabelSet; t: number; v: number; stale: boolean }[]): number;
}

export type AlertState = 'inactive' | 'pending' | 'firing';

export interface Alert {
  labels: LabelSet;
  annotations: Record<string, string>;
  state: AlertState;
  value: number;
  activeAtMs: number;
  firedAtMs: number;
  /** 0 while active. */
  resolvedAtMs: number;
  /** While keep_firing_for holds a firing alert whose expression no longer returns it (0 otherwise). */
  keepFiringSinceMs: number;
}

export type RuleHealth = 'unknown' | 'ok' | 'err';

/** What /api/v1/rules will report for one rule. */
export interface RuleStatus {
  def: RuleDef;
  health: RuleHealth;
  lastError: string;
  lastEvalMs: number;
  /** Wall-clock cost of the last evaluation (ms), measured by the caller's clock if any. */
  evalDurationMs: number;
  /** Alerting rules: the alerts that are pending, firing or recently resolved. */
  alerts: Alert[];
}

/** What a rule's evaluation sees beyond its expression. */
export interface RuleEnv {
  query: RuleQueryFunc;
  externalLabels: Record<string, string>;
  externalURL: string;
}

/** One group's evaluation as RuleManager.onEvaluated reports it. */
export interface GroupEvaluation {
  /** The group, its intervalMs the one in force (never 0). */
  group: RuleGroupDef;
  tsMs: number;
  /** Every rule in order; `alerts` are an alerting rule's alerts, resolved ones included. */
  rules: { def: RuleDef; alerts: Alert[] }[];
}

export type GroupEvaluatedListener = (ev: GroupEvaluation) => void;
