// Pushgateway-compatible groups: PUT replaces a group's metrics, POST only the families pushed,
// DELETE removes the group. Pushed samples are stored at push time with the grouping labels,
// plus push_time_seconds and push_failure_time_seconds per group. Series a PUT, POST or DELETE
// removes get stale markers. Groups are kept in memory and in the store, one row a group (they
// survive restarts, as the Pushgateway's persistence file does), and every group's last values
// are re-stamped periodically, like a Pushgateway being scraped: the last pushed value stays
// visible in instant queries and charts instead of going stale after the 5 m lookback.
import type Database from 'better-sqlite3';
import type { LabelSet } from '../../../shared/api';
import type { Clock } from '../scrape/clock';
import type { Appender, CommittedSamples } from '../store/types';
import { labelsKey } from '../../../shared/labels-key';
import { parseGroupingKey, type PushReply, type PushRequest } from './push-request';
import { PushGroupTable, type StoredPushGroup } from './push-group-table';
import { PushBodyError, parsePushBody, type PushedSeries } from './pushed-body';

const DEFAULT_RESTAMP_MS = 30_000;
/** Samples per commit when re-stamping; the thread is yielded between commits. */
const RESTAMP_SLICE_SAMPLES = 5_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Group {
  grouping: LabelSet;
  families: Map<string, PushedSeries[]>;
  pushTimeS: number;
  failTimeS: number;
}

export interface PushStore {
  appender(): Appender;
  /** The store's database, where the push_groups table lives. */
  readonly db: Database.Database;
}

export interface PushOptions {
  restampMs?: number;
  log: (msg: string) => void;
  onCommit: (committed: CommittedSamples) => void;
}

export class PushGroups {
  private readonly groups = new Map<string, Group>();
  private readonly timer: NodeJS.Timeout;
  private readonly table: PushGroupTable;
  private restamping = false;
  private closed = false;
  readonly counters = { ok: 0, invalid: 0, deletes: 0, failed: 0 };

  constructor(
    private readonly store: PushStore,
    private readonly clock: Clock,
    private readonly opts: PushOptions,
  ) {
    this.table = new PushGroupTable(store.db, opts.log);
    this.load();
    if (this.groups.size > 0) void this.restamp();
    this.timer = setInterval(() => void this.restamp(), opts.restampMs ?? DEFAULT_RESTAMP_MS);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  get size(): number {
    return this.groups.size;
  }

  handle(req: PushRequest): PushReply {
    const grouping = parseGroupingKey(req.path);
    if (typeof grouping === 'string') return this.invalid(grouping);
    const gkey = labelsKey(grouping);
    const group = this.groups.get(gkey);
    const now = this.clock.now();
    if (req.method === 'DELETE') {
      if (group) {
        const app = this.store.appender();
        for (const s of seriesOf(group)) endSeries(app, s.labels, now);
        for (const l of metaLabels(group)) endSeries(app, l, now);
        const failed = this.commit(app);
        if (failed !== null) return { status: 500, message: `storing the stale markers failed: ${failed}\n` };
        this.groups.delete(gkey);
        this.unpersist(gkey);
      }
      this.counters.deletes++;
      return { status: 202, message: '' };
    }
    let pushed: Map<string, PushedSeries[]>;
    try {
      pushed = parsePushBody(req.body, req.contentType, grouping);
    } catch (err) {
      if (!(err instanceof PushBodyError)) throw err;
      if (group) {
        group.failTimeS = now / 1000;
        const app = this.store.appender();
        appendMeta(app, group, now);
        this.commit(app);
        this.persist(gkey, group);
      }
      return this.invalid(`pushed metrics are invalid: ${err.message}`);
    }
    const next: Group = group
      ? { ...group, families: new Map(group.families) }
      : { grouping, families: new Map(), pushTimeS: 0, failTimeS: 0 };
    if (req.method === 'PUT') next.families = pushed;
    else for (const [fam, list] of pushed) next.families.set(fam, list);
    next.pushTimeS = now / 1000;
    const app = this.store.appender();
    if (group) {
      const kept = new Set(seriesOf(next).map((s) => s.key));
      for (const s of seriesOf(group)) if (!kept.has(s.key)) endSeries(app, s.labels, now);
    }
    appendGroup(app, next, now);
    const failed = this.commit(app);
    if (failed !== null) {
      this.counters.failed++;
      return { status: 500, message: `storing the pushed samples failed: ${failed}\n` };
    }
    this.groups.set(gkey, next);
    this.persist(gkey, next);
    this.counters.ok++;
    return { status: 200, message: '' };
  }

  /**
   * Appends every group's last values at the current time (keeps them from going stale), in
   * commits of about RESTAMP_SLICE_SAMPLES with the thread yielded between them, so 10,000
   * groups do not hold up scrapes and pushes. A group pushed or deleted in between is skipped:
   * the push stored newer samples of its own.
   */
  async restamp(): Promise<void> {
    if (this.groups.size === 0 || this.restamping) return;
    this.restamping = true;
    try {
      const now = this.clock.now();
      const groups = [...this.groups];
      let app = this.store.appender();
      let inSlice = 0;
      for (let i = 0; i < groups.length && !this.closed; i++) {
        const [gkey, g] = groups[i];
        if (this.groups.get(gkey) !== g) continue;
        inSlice += appendGroup(app, g, now);
        if (inSlice >= RESTAMP_SLICE_SAMPLES && i < groups.length - 1) {
          this.commit(app);
          await nextTurn();
          app = this.store.appender();
          inSlice = 0;
        }
      }
      if (!this.closed) this.commit(app);
    } finally {
      this.restamping = false;
    }
  }

  renderMetrics(): string {
    const c = this.counters;
    return [
      '# HELP promdesk_push_groups Pushgateway-style groups held.',
      '# TYPE promdesk_push_groups gauge',
      `promdesk_push_groups ${this.groups.size}`,
      '# HELP promdesk_push_requests_total Pushes received (PUT/POST/DELETE /metrics/job/...), by result.',
      '# TYPE promdesk_push_requests_total counter',
      `promdesk_push_requests_total{result="ok"} ${c.ok}`,
      `promdesk_push_requests_total{result="deleted"} ${c.deletes}`,
      `promdesk_push_requests_total{result="invalid"} ${c.invalid}`,
      `promdesk_push_requests_total{result="store_failed"} ${c.failed}`,
      '',
    ].join('\n');
  }

  private invalid(message: string): PushReply {
    this.counters.invalid++;
    return { status: 400, message: message + '\n' };
  }

  /** Null when stored, else why not (the store's error, which names the file). */
  private commit(app: Appender): string | null {
    try {
      this.opts.onCommit(app.commit().committed);
      return null;
    } catch (err) {
      this.opts.log(`push: storing samples failed: ${(err as Error).message}`);
      return (err as Error).message;
    }
  }

  /** Saves one group's row: a push costs the size of its group, not of all groups. */
  private persist(gkey: string, g: Group): void {
    const row: StoredPushGroup = {
      grouping: g.grouping,
      families: [...g.families].map(([f, list]) => [f, list.map((s) => [s.labels, String(s.v)])]),
      pushTimeS: g.pushTimeS,
      failTimeS: g.failTimeS,
    };
    try {
      this.table.put(gkey, row);
    } catch (err) {
      this.opts.log(`push: saving group ${gkey} failed: ${(err as Error).message}`);
    }
  }

  private unpersist(gkey: string): void {
    try {
      this.table.delete(gkey);
    } catch (err) {
      this.opts.log(`push: removing saved group ${gkey} failed: ${(err as Error).message}`);
    }
  }

  private load(): void {
    for (const [gkey, g] of this.table.loadAll()) {
      try {
        const families = new Map<string, PushedSeries[]>();
        for (const [f, list] of g.families)
          families.set(
            f,
            list.map(([labels, v]) => ({ labels, key: labelsKey(labels), v: Number(v) })),
          );
        this.groups.set(gkey, {
          grouping: g.grouping,
          families,
          pushTimeS: g.pushTimeS,
          failTimeS: g.failTimeS,
        });
      } catch (err) {
        this.opts.log(`push: ignoring unreadable saved group ${gkey}: ${(err as Error).message}`);
      }
    }
  }
}

/** A stale marker at t, or 1 ms later when a sample (a re-stamp) holds t already. */
function endSeries(app: Appender, labels: LabelSet, t: number): void {
  if (app.appendStale(labels, t) === 'duplicate') app.appendStale(labels, t + 1);
}

function seriesOf(g: Group): PushedSeries[] {
  return [...g.families.values()].flat();
}

function metaLabels(g: Group): LabelSet[] {
  const base: LabelSet = {};
  for (const [n, v] of Object.entries(g.grouping)) if (v !== '') base[n] = v;
  return [
    { ...base, __name__: 'push_time_seconds' },
    { ...base, __name__: 'push_failure_time_seconds' },
  ];
}

function appendMeta(app: Appender, g: Group, t: number): void {
  const [push, fail] = metaLabels(g);
  app.append(push, t, g.pushTimeS);
  app.append(fail, t, g.failTimeS);
}

/** Appends the group's series and its push times at t; returns how many samples that was. */
function appendGroup(app: Appender, g: Group, t: number): number {
  let n = 2;
  for (const list of g.families.values()) {
    for (const s of list) app.append(s.labels, t, s.v, s.key);
    n += list.length;
  }
  appendMeta(app, g, t);
  return n;
}
