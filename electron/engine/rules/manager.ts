// The running engine's rule evaluation (Prometheus 2.42's rules.Manager): groups from the config's
// rule_files, the UI and the starter set, each on its own interval at its hashed slot
// (eval-slot.ts), a missed tick skipped rather than piled up, rules in order with the thread
// yielded between them so scrapes go on. A reload keeps the alerts of rules that stay; removed
// groups get stale markers; groups loaded at start-up restore their alerts' `for` state.
import type { LabelSet } from '../../../shared/api';
import type {
  AlertView,
  RuleGroupView,
  RuleSource,
  RulesStatus,
  RuleView,
} from '../../../shared/rules/model';
import type { Clock } from '../scrape/clock';
import type { Querier } from '../store/types';
import { AlertingRule } from './alerting-rule';
import { evalTimestamp, groupHash } from './eval-slot';
import { DEFAULT_RESTORE, restoreForState, type RestoreOptions } from './for-state-restore';
import { RuleGroup } from './group';
import { renderRuleMetrics, type GroupCounters, type RuleGroupMetrics } from './rules-metrics';
import type {
  GroupEvaluatedListener,
  RuleAppendable,
  RuleEnv,
  RuleGroupDef,
  RuleQueryFunc,
  RuleStatus,
} from './types';

/** Prometheus's default global.evaluation_interval. */
export const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

export interface RuleManagerOptions {
  clock: Clock;
  query: RuleQueryFunc;
  /** Where the for-state restore reads ALERTS_FOR_STATE. */
  querier: Querier;
  /** Where rule output goes: the engine's commit path. */
  out: RuleAppendable;
  externalURL: string;
  restore?: Partial<RestoreOptions>;
  log: (msg: string) => void;
}

interface Managed {
  source: RuleSource;
  key: string;
  group: RuleGroup;
  intervalMs: number;
  hash: bigint;
  nextTs: number;
  timer: unknown;
  stopped: boolean;
  /** Restore the for-state after the second evaluation (groups loaded at start-up). */
  shouldRestore: boolean;
  evals: number;
  counters: GroupCounters;
}

const SOURCES: RuleSource[] = ['config', 'ui', 'starter'];

class GroupStopped extends Error {}
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const wallMs = () => performance.now();

export class RuleManager {
  private readonly groups = new Map<string, Managed>();
  private readonly defsBySource = new Map<RuleSource, RuleGroupDef[]>();
  private readonly loadedSources = new Set<RuleSource>();
  private readonly listeners = new Set<GroupEvaluatedListener>();
  private silenced: (labels: LabelSet) => boolean = () => false;
  private readonly env: RuleEnv;
  private evaluationIntervalMs = DEFAULT_EVALUATION_INTERVAL_MS;
  private readonly restore: RestoreOptions;
  private loadError: string | null = null;
  private closed = false;
  private readonly staleTimers = new Set<unknown>();

  constructor(private readonly opts: RuleManagerOptions) {
    this.env = { query: opts.query, externalLabels: {}, externalURL: opts.externalURL };
    this.restore = { ...DEFAULT_RESTORE, ...opts.restore };
  }

  /** global.evaluation_interval and external_labels; groups without their own interval follow. */
  configure(settings: { evaluationIntervalMs: number; externalLabels: Record<string, string> }): void {
    this.env.externalLabels = { ...settings.externalLabels };
    if (settings.evaluationIntervalMs === this.evaluationIntervalMs) return;
    this.evaluationIntervalMs = settings.evaluationIntervalMs;
    for (const [source, defs] of this.defsBySource) this.setGroups(source, defs);
  }

  /** The rule files' last load failed with this (the previous rules keep running); null: it loaded. */
  setLoadError(error: string | null): void {
    this.loadError = error;
  }

  /**
   * Replaces the groups of one source. A group whose definition is unchanged keeps running as it
   * is; a changed one restarts with the state of its rules that stay (Prometheus's CopyState); a
   * removed one stops, and its series get stale markers two intervals later.
   */
  setGroups(source: RuleSource, defs: RuleGroupDef[]): void {
    if (this.closed) return;
    const keys = new Set<string>();
    for (const d of defs) {
      const k = groupKey(source, d);
      if (keys.has(k)) throw new Error(`rule group "${d.name}" of ${d.file || source} is given twice`);
      keys.add(k);
    }
    const shouldRestore = !this.loadedSources.has(source);
    this.loadedSources.add(source);
    this.defsBySource.set(source, defs);
    for (const [k, m] of this.groups) {
      if (m.source === source && !keys.has(k)) {
        this.groups.delete(k);
        this.stop(m, true);
      }
    }
    for (const def of defs) {
      const key = groupKey(source, def);
      const intervalMs = def.intervalMs || this.evaluationIntervalMs;
      const old = this.groups.get(key);
      if (old && old.intervalMs === intervalMs && sameGroup(old.group.def, def)) continue;
      const group = new RuleGroup(def, this.env, this.opts.out, wallMs);
      const m: Managed = {
        source,
        key,
        group,
        intervalMs,
        hash: groupHash(def.file, def.name),
        nextTs: 0,
        timer: null,
        stopped: false,
        shouldRestore: shouldRestore && !old,
        evals: 0,
        counters: old?.counters ?? { evaluations: 0, failures: 0, missed: 0 },
      };
      if (old) {
        this.stop(old, false);
        group.copyStateFrom(old.group);
      }
      group.setRestored(!m.shouldRestore);
      this.groups.set(key, m);
      this.start(m);
    }
  }

  /** Called after each group's evaluation (notifications, Alertmanager). Returns an unsubscribe. */
  onEvaluated(listener: GroupEvaluatedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What fills AlertView.silenced (silences, "mute all"). */
  setSilenceCheck(fn: (labels: LabelSet) => boolean): void {
    this.silenced = fn;
  }

  status(): RulesStatus {
    const list = [...this.groups.values()].sort(
      (a, b) =>
        SOURCES.indexOf(a.source) - SOURCES.indexOf(b.source) ||
        cmp(a.group.def.file, b.group.def.file) ||
        cmp(a.group.def.name, b.group.def.name),
    );
    return { groups: list.map((m) => this.groupView(m)), loadError: this.loadError };
  }

  /** The figures of /metrics (promdesk_rule_*). */
  renderMetrics(): string {
    return renderRuleMetrics(this.metrics(), this.loadError === null);
  }

  private metrics(): RuleGroupMetrics[] {
    return [...this.groups.values()].map((m) => ({
      group: `${m.group.def.file};${m.group.def.name}`,
      intervalMs: m.intervalMs,
      rules: m.group.def.rules.length,
      lastDurationMs: m.group.lastDurationMs,
      counters: m.counters,
    }));
  }

  close(): void {
    this.closed = true;
    for (const m of this.groups.values()) this.stop(m, false);
    this.groups.clear();
    for (const t of this.staleTimers) this.opts.clock.clearTimeout(t);
    this.staleTimers.clear();
  }

  private start(m: Managed): void {
    const now = this.opts.clock.now();
    // The first evaluation waits for the group's next slot, as Prometheus's Group.run.
    m.nextTs = evalTimestamp(now, m.intervalMs, m.hash) + m.intervalMs;
    this.schedule(m);
  }

  private schedule(m: Managed): void {
    if (m.stopped) return;
    const wait = Math.max(0, m.nextTs - this.opts.clock.now());
    m.timer = this.opts.clock.setTimeout(() => void this.tick(m), wait);
  }

  private async tick(m: Managed): Promise<void> {
    if (m.stopped) return;
    m.timer = null;
    const late = this.opts.clock.now() - m.nextTs;
    if (late >= m.intervalMs) {
      // Ticks that passed while the process was busy or asleep are skipped, not caught up.
      const missed = Math.floor(late / m.intervalMs);
      m.counters.missed += missed;
      m.nextTs += missed * m.intervalMs;
    }
    try {
      await this.evaluate(m, m.nextTs);
      if (m.shouldRestore && m.evals === 2 && !m.stopped) {
        // After the second evaluation: recording rules the alerts depend on have data again.
        restoreForState(m.group, this.opts.querier, this.opts.clock.now(), this.restore);
        m.shouldRestore = false;
      }
    } catch (err) {
      if (err instanceof GroupStopped) return;
      this.opts.log(`rules: group "${m.group.def.name}" failed: ${(err as Error).message}`);
    }
    m.nextTs += m.intervalMs;
    this.schedule(m);
  }

  private async evaluate(m: Managed, tsMs: number): Promise<void> {
    // A group stopped (reload, close) between two rules writes nothing more.
    await m.group.evalYielding(tsMs, async () => {
      await nextTurn();
      if (m.stopped) throw new GroupStopped();
    });
    if (m.stopped) return;
    m.evals++;
    m.counters.evaluations += m.group.def.rules.length;
    for (const st of m.group.statuses)
      if (st.health === 'err' && st.lastEvalMs === tsMs) m.counters.failures++;
    if (this.listeners.size === 0) return;
    const def = m.group.def;
    const ev = {
      // intervalMs is the one in force (a group without its own runs at evaluation_interval).
      group: def.intervalMs === m.intervalMs ? def : { ...def, intervalMs: m.intervalMs },
      tsMs,
      rules: m.group.rules.map((r) => ({
        def: r.def,
        alerts: r instanceof AlertingRule ? r.allAlerts().map((a) => ({ ...a })) : [],
      })),
    };
    for (const l of this.listeners) {
      try {
        l(ev);
      } catch (err) {
        this.opts.log(`rules: an evaluation listener failed: ${(err as Error).message}`);
      }
    }
  }

  private stop(m: Managed, markStale: boolean): void {
    m.stopped = true;
    if (m.timer !== null) this.opts.clock.clearTimeout(m.timer);
    m.timer = null;
    if (!markStale) return;
    const series = m.group.previousSeries();
    if (series.length === 0) return;
    const at = this.opts.clock.now();
    // Two intervals give a renamed group the chance to write the series first (then the marker,
    // older than its samples, is refused), as Prometheus does.
    const t = this.opts.clock.setTimeout(() => {
      this.staleTimers.delete(t);
      if (this.closed) return;
      this.opts.out.appendBatch(series.map((labels) => ({ labels, t: at, v: NaN, stale: true })));
    }, 2 * m.intervalMs);
    this.staleTimers.add(t);
  }

  private groupView(m: Managed): RuleGroupView {
    const g = m.group;
    return {
      name: g.def.name,
      file: g.def.file,
      source: m.source,
      intervalMs: m.intervalMs,
      limit: g.def.limit,
      lastEvaluationMs: g.lastEvalMs,
      evaluationDurationMs: g.lastDurationMs,
      rules: g.statuses.map((st) => this.ruleView(st)),
    };
  }

  private ruleView(st: RuleStatus): RuleView {
    const alerts: AlertView[] = st.alerts
      .filter((a) => a.state !== 'inactive')
      .map((a) => ({
        labels: { ...a.labels },
        annotations: { ...a.annotations },
        state: a.state as AlertView['state'],
        value: a.value,
        activeAtMs: a.activeAtMs,
        keepFiringSinceMs: a.keepFiringSinceMs,
        silenced: this.isSilenced(a.labels),
      }));
    const d = st.def;
    return {
      kind: d.kind,
      name: d.name,
      expr: d.expr,
      forMs: d.forMs,
      keepFiringForMs: d.keepFiringForMs,
      labels: { ...d.labels },
      annotations: { ...d.annotations },
      health: st.health,
      lastError: st.lastError,
      lastEvaluationMs: st.lastEvalMs,
      evaluationDurationMs: st.evalDurationMs,
      state: alerts.some((a) => a.state === 'firing')
        ? 'firing'
        : alerts.some((a) => a.state === 'pending')
          ? 'pending'
          : 'inactive',
      alerts,
    };
  }

  private isSilenced(labels: LabelSet): boolean {
    try {
      return this.silenced(labels);
    } catch {
      return false;
    }
  }
}

const groupKey = (source: RuleSource, d: RuleGroupDef): string => `${source}\u0000${d.file}\u0000${d.name}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Prometheus's Group.Equals: the same name, file, interval, limit and rules (lines aside). */
function sameGroup(a: RuleGroupDef, b: RuleGroupDef): boolean {
  const strip = (d: RuleGroupDef) =>
    JSON.stringify([d.name, d.file, d.intervalMs, d.limit, d.rules.map((r) => ({ ...r, line: 0 }))]);
  return strip(a) === strip(b);
}
