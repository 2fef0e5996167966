// Alertmanager's grouping and de-duplication for the notifications Promdesk sends itself (the
// window, the webhook, ntfy): alerts are grouped by alertname; a new group waits group_wait so
// that alerts firing together go out together, then is looked at every group_interval (so at
// most one notification per group per group_interval), and sent when an alert fired or resolved
// since the last one, or repeat_interval has passed while it still fires. Silenced alerts are
// left out. Everything runs on the engine's Clock, so tests drive it with a fake one.
import type { LabelSet } from '../../../shared/api';
import { labelsKey } from '../../../shared/labels-key';
import type { Clock } from '../scrape/clock';
import type { GroupEvaluation } from '../rules/types';

/** Alertmanager's route defaults. */
export interface DispatchTiming {
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
}

/** The labels a notification group is keyed by (Alertmanager's group_by). */
export const GROUP_BY = ['alertname'] as const;

/** An alert as the channels see it (Alertmanager's webhook shape, times in ms). */
export interface NotifyAlert {
  status: 'firing' | 'resolved';
  labels: LabelSet;
  annotations: Record<string, string>;
  startsAtMs: number;
  /** 0 while firing. */
  endsAtMs: number;
  /** The fingerprint of the label set (stable per alert). */
  fingerprint: string;
  /** The alerting rule's name and expression, for a link back (Prometheus's generatorURL). */
  ruleName: string;
  expr: string;
}

/** One notification of one group. */
export interface Notification {
  /** Alertmanager's form, e.g. `{}:{alertname="DiskFull"}`. */
  groupKey: string;
  status: 'firing' | 'resolved';
  groupLabels: LabelSet;
  /** Firing first, then resolved; silenced ones left out. */
  alerts: NotifyAlert[];
  /** Alerts firing in all groups, silenced ones included (they fire; they are not told). */
  firingCount: number;
}

interface Tracked extends NotifyAlert {
  /** A firing alert no evaluation has refreshed by then resolves (its rule or group went away). */
  expiresAtMs: number;
  /** Where it came from: "file\0group\0rule". */
  source: string;
}

interface AggrGroup {
  key: string;
  labels: LabelSet;
  alerts: Map<string, Tracked>;
  timer: unknown;
  flushed: boolean;
  /** What the last notification told (Alertmanager's notification log entry). */
  last: { firing: Set<string>; resolved: Set<string>; atMs: number } | null;
}

export interface DispatcherOptions {
  clock: Clock;
  /** Read at each use: settings apply without a restart. */
  timing: () => DispatchTiming;
  silenced: (labels: LabelSet) => boolean;
  send: (n: Notification) => void;
}

/** Prometheus resends firing alerts at least every minute and gives them an end 4 resends later. */
const RESEND_DELAY_MS = 60_000;

export class Dispatcher {
  private readonly groups = new Map<string, AggrGroup>();
  /** Fingerprints each rule ("file\0group\0rule") reported last time. */
  private readonly lastSeen = new Map<string, Set<string>>();
  private closed = false;

  constructor(private readonly opts: DispatcherOptions) {}

  /** A rule group was evaluated: its firing and resolved alerts enter their notification groups. */
  evaluated(ev: GroupEvaluation): void {
    if (this.closed) return;
    const validMs = 4 * Math.max(RESEND_DELAY_MS, ev.group.intervalMs);
    for (const { def, alerts } of ev.rules) {
      if (def.kind !== 'alert') continue;
      const source = `${ev.group.file}\0${ev.group.name}\0${def.name}`;
      const seen = new Set<string>();
      for (const a of alerts) {
        // Pending alerts are not sent (Prometheus sends firing ones and resolved ones that fired).
        const resolved = a.state === 'inactive';
        if (a.state === 'pending' || (resolved && a.firedAtMs === 0)) continue;
        const fingerprint = fingerprintOf(a.labels);
        seen.add(fingerprint);
        this.upsert({
          status: resolved ? 'resolved' : 'firing',
          labels: a.labels,
          annotations: a.annotations,
          startsAtMs: a.activeAtMs,
          endsAtMs: resolved ? a.resolvedAtMs : 0,
          fingerprint,
          ruleName: def.name,
          expr: def.expr,
          expiresAtMs: ev.tsMs + validMs,
          source,
        });
      }
      // An alert the rule no longer reports at all is resolved now.
      for (const fp of this.lastSeen.get(source) ?? []) {
        if (!seen.has(fp)) this.resolveGone(source, fp, ev.tsMs);
      }
      this.lastSeen.set(source, seen);
    }
  }

  /** Alerts firing now in all groups (a tray badge). */
  firingCount(): number {
    const now = this.opts.clock.now();
    let n = 0;
    for (const g of this.groups.values())
      for (const a of g.alerts.values()) if (a.status === 'firing' && a.expiresAtMs > now) n++;
    return n;
  }

  close(): void {
    this.closed = true;
    for (const g of this.groups.values()) this.opts.clock.clearTimeout(g.timer);
    this.groups.clear();
  }

  private upsert(a: Tracked): void {
    const groupLabels: LabelSet = {};
    for (const k of GROUP_BY) if (a.labels[k]) groupLabels[k] = a.labels[k];
    const key = `{}:{${Object.keys(groupLabels)
      .map((k) => `${k}=${JSON.stringify(groupLabels[k])}`)
      .join(',')}}`;
    let g = this.groups.get(key);
    // A resolved alert the group does not hold was told already, or never fired while held.
    if (a.status === 'resolved' && !g?.alerts.has(a.fingerprint)) return;
    if (!g) {
      g = { key, labels: groupLabels, alerts: new Map(), timer: null, flushed: false, last: null };
      this.groups.set(key, g);
      const group = g;
      g.timer = this.opts.clock.setTimeout(() => this.flush(group), this.opts.timing().groupWaitMs);
    }
    g.alerts.set(a.fingerprint, a);
  }

  private resolveGone(source: string, fp: string, tsMs: number): void {
    for (const g of this.groups.values()) {
      const a = g.alerts.get(fp);
      if (a && a.source === source && a.status === 'firing') {
        a.status = 'resolved';
        a.endsAtMs = tsMs;
      }
    }
  }

  private flush(g: AggrGroup): void {
    if (this.closed) return;
    const now = this.opts.clock.now();
    const t = this.opts.timing();
    for (const a of g.alerts.values()) {
      if (a.status === 'firing' && a.expiresAtMs <= now) {
        a.status = 'resolved';
        a.endsAtMs = a.expiresAtMs;
      }
    }
    const told = [...g.alerts.values()].filter((a) => !this.opts.silenced(a.labels));
    const firing = new Set(told.filter((a) => a.status === 'firing').map((a) => a.fingerprint));
    const resolved = new Set(told.filter((a) => a.status === 'resolved').map((a) => a.fingerprint));
    // As Alertmanager's pipeline: with every alert silenced there is nothing to tell or record.
    if (told.length > 0 && needsUpdate(g.last, firing, resolved, now, t.repeatIntervalMs)) {
      g.last = { firing, resolved, atMs: now };
      const alerts = told
        .map((a) => ({ a, key: labelsKey(a.labels) }))
        .sort((x, y) => (x.a.status === y.a.status ? cmp(x.key, y.key) : x.a.status === 'firing' ? -1 : 1))
        .map((x) => x.a);
      this.opts.send({
        groupKey: g.key,
        status: firing.size > 0 ? 'firing' : 'resolved',
        groupLabels: { ...g.labels },
        alerts: alerts.map(({ expiresAtMs: _e, source: _s, ...rest }) => ({ ...rest })),
        firingCount: this.firingCount(),
      });
    }
    g.flushed = true;
    // Resolved alerts are told once (or were silenced): they leave the group.
    for (const [fp, a] of g.alerts) if (a.status === 'resolved') g.alerts.delete(fp);
    if (g.alerts.size === 0) {
      this.groups.delete(g.key);
      return;
    }
    g.timer = this.opts.clock.setTimeout(() => this.flush(g), t.groupIntervalMs);
  }
}

/** Alertmanager's DedupStage.needsUpdate (send_resolved on). */
function needsUpdate(
  last: AggrGroup['last'],
  firing: Set<string>,
  resolved: Set<string>,
  now: number,
  repeatMs: number,
): boolean {
  if (!last) return firing.size > 0;
  for (const fp of firing) if (!last.firing.has(fp)) return true;
  if (firing.size === 0) return last.firing.size > 0;
  for (const fp of resolved) if (!last.resolved.has(fp)) return true;
  return last.atMs <= now - repeatMs;
}

/** A short stable id of a label set (hex of FNV-1a 64 over its key). */
export function fingerprintOf(labels: LabelSet): string {
  let h = 0xcbf29ce484222325n;
  const key = labelsKey(labels);
  for (let i = 0; i < key.length; i++) {
    h ^= BigInt(key.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
