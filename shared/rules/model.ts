// What the renderer sees of rules, alerts, silences and notifications: the Api's view types. The
// engine's own rule types (electron/engine/rules/types.ts) stay behind it; these are plain data
// that cross the IPC / WebSocket boundary (schemas in shared/api-schemas.ts).

/** A label set (as shared/api.ts's LabelSet; not imported from it: api.ts imports these types). */
type LabelSet = Record<string, string>;

/** Where a rule group comes from: a `rule_files` entry of the config (read-only in the UI), the UI, or the starter set. */
export type RuleSource = 'config' | 'ui' | 'starter';

export type RuleHealthView = 'unknown' | 'ok' | 'err';

/** One active alert of an alerting rule (pending or firing), as /api/v1/alerts shows it. */
export interface AlertView {
  labels: LabelSet;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  /** The expression's value when last evaluated. */
  value: number;
  /** When the alert became active (ms since the epoch). */
  activeAtMs: number;
  /** 0 unless keep_firing_for is holding it. */
  keepFiringSinceMs: number;
  /** A silence or "mute all" covers it: it is not notified (it still fires). */
  silenced: boolean;
}

export interface RuleView {
  kind: 'record' | 'alert';
  name: string;
  expr: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  health: RuleHealthView;
  lastError: string;
  /** 0: not evaluated yet. */
  lastEvaluationMs: number;
  evaluationDurationMs: number;
  /** Alerting rules: the most severe state of its alerts ('inactive' when none); recording rules: 'inactive'. */
  state: 'inactive' | 'pending' | 'firing';
  alerts: AlertView[];
}

export interface RuleGroupView {
  name: string;
  /** The rule file's path ('' for UI and starter groups). */
  file: string;
  source: RuleSource;
  intervalMs: number;
  limit: number;
  lastEvaluationMs: number;
  evaluationDurationMs: number;
  rules: RuleView[];
}

export interface RulesStatus {
  groups: RuleGroupView[];
  /** The last load or reload of the rule files failed with this (the previous rules keep running); null: it loaded. */
  loadError: string | null;
}

/** A rule as the rule editor saves it (one group of UI rules holds one or more). */
export interface RuleInput {
  kind: 'record' | 'alert';
  name: string;
  expr: string;
  /** Prometheus duration text ('5m'); '' = 0. */
  for: string;
  keepFiringFor: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroupInput {
  name: string;
  /** Prometheus duration text; '' = the global evaluation interval. */
  interval: string;
  rules: RuleInput[];
}

/** The rules the UI edits: its own groups (a rule file in the data directory) and the starter set. */
export interface UiRulesState {
  /** The rule file the UI's groups are kept in. */
  file: string;
  groups: RuleGroupInput[];
  /** That file could not be read at its last load (start or reload: the rules in force stay, saving is refused); null: fine. */
  loadError: string | null;
  startersEnabled: boolean;
  /** The starter rules, all of them (a UI alert of the same name replaces one: it does not run). */
  starters: RuleGroupInput[];
}

/** One matcher of a silence, as Alertmanager's. */
export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface SilenceInput {
  matchers: SilenceMatcher[];
  startsAtMs: number;
  endsAtMs: number;
  createdBy: string;
  comment: string;
}

export interface SilenceView extends SilenceInput {
  id: string;
  state: 'pending' | 'active' | 'expired';
}

/** A notification as the engine pushes it to the open windows (ApiEvent 'notification'). */
export interface NotificationEvent {
  type: 'notification';
  /** Stable per alert group, so a repeat replaces the previous one (Notification `tag`). */
  groupKey: string;
  status: 'firing' | 'resolved';
  title: string;
  body: string;
  /** The alerts it tells of (labels only). */
  alerts: LabelSet[];
  /** How many alerts are firing in all, for a badge. */
  firingCount: number;
}
