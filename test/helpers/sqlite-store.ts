// The first version of the series store, kept as a test oracle (the app uses ChunkStore): one
// SQLite file (better-sqlite3, WAL), a series table of label sets and a samples table of
// (series, t, v), one transaction a commit. Simple enough to be obviously right, it answers the
// same Appender/Querier interface, so tests and the store bench compare ChunkStore against it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LabelSet } from '../../shared/api';
import { LabelIndex, type IndexedSeries } from '../../electron/engine/store/label-index';
import { labelsKey, normalizeLabels } from '../../shared/labels-key';
import { nativeBindingPath } from '../../electron/engine/store/native-binding';
import { checkNewest } from '../../electron/engine/store/append-rules';
import { NO_SAMPLES, SampleBatch } from '../../electron/engine/store/sample-batch';
import type {
  AppendOutcome,
  Appender,
  CommitResult,
  SeriesRef,
  Matcher,
  Querier,
  SelectBudget,
  SeriesSamples,
} from '../../electron/engine/store/types';
import { SampleBudgetError } from '../../electron/engine/store/types';

/** How a sample's value is stored: SQLite REAL has no NaN, so NaN and stale markers are flags. */
const KIND_VALUE = 0;
const KIND_NAN = 1;
const KIND_STALE = 2;
/** SQLite folds -0.0 into the integer 0; the sign matters to Prometheus clients ("-0"). */
const KIND_NEG_ZERO = 3;

interface SeriesState extends IndexedSeries {
  lastV: number;
  lastKind: number;
}

export interface StoreStats {
  series: number;
  samplesAppended: number;
  outOfOrder: number;
  duplicates: number;
}

export class SqliteStore implements Querier {
  private readonly db: Database.Database;
  private readonly index = new LabelIndex();
  private readonly byKey = new Map<string, SeriesState>();
  private readonly stmts;
  readonly stats: StoreStats = { series: 0, samplesAppended: 0, outOfOrder: 0, duplicates: 0 };
  private closed = false;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const binding = nativeBindingPath();
    this.db = new Database(file, binding ? { nativeBinding: binding } : {});
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash (kill -9); only an
    // OS crash or power loss can take the last commits, as with Prometheus's own WAL.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.stmts = {
      insertSeries: this.db.prepare('INSERT INTO series (labels) VALUES (?)'),
      insertSample: this.db.prepare(
        'INSERT OR REPLACE INTO samples (series_id, t, v, kind) VALUES (?, ?, ?, ?)',
      ),
      selectSamples: this.db
        .prepare('SELECT t, v, kind FROM samples WHERE series_id = ? AND t >= ? AND t <= ? ORDER BY t')
        .raw(),
      getSetting: this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
      putSetting: this.db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
    this.load();
  }

  private migrate(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, labels TEXT NOT NULL UNIQUE);
      CREATE TABLE IF NOT EXISTS samples (
        series_id INTEGER NOT NULL REFERENCES series(id),
        t INTEGER NOT NULL,
        v REAL,
        kind INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (series_id, t)
      ) WITHOUT ROWID;
    `);
  }

  private load(): void {
    const bounds = this.db
      .prepare('SELECT series_id, MIN(t), MAX(t) FROM samples GROUP BY series_id')
      .raw()
      .all() as [number, number, number][];
    const byId = new Map(bounds.map(([id, min, max]) => [id, [min, max] as const]));
    const last = this.db.prepare('SELECT v, kind FROM samples WHERE series_id = ? ORDER BY t DESC LIMIT 1');
    for (const row of this.db.prepare('SELECT id, labels FROM series').raw().all() as [number, string][]) {
      const [id, json] = row;
      const labels = Object.fromEntries(JSON.parse(json) as [string, string][]) as LabelSet;
      const b = byId.get(id);
      const lastRow = b ? (last.get(id) as { v: number | null; kind: number }) : undefined;
      const state: SeriesState = {
        id,
        labels,
        minT: b ? b[0] : Infinity,
        maxT: b ? b[1] : -Infinity,
        lastV: lastRow?.kind === KIND_NEG_ZERO ? -0 : (lastRow?.v ?? NaN),
        lastKind: lastRow?.kind ?? KIND_VALUE,
      };
      this.index.add(state);
      this.byKey.set(json, state);
    }
    this.stats.series = this.byKey.size;
  }

  /** A batch for one scrape (or one API write); nothing is visible or stored before commit(). */
  appender(_expectedSamples = 0): Appender {
    return new SqliteAppender(this);
  }

  /** @internal used by the appender */
  seriesFor(labels: LabelSet, knownKey?: string): { state: SeriesState | undefined; key: string } {
    const key = knownKey ?? labelsKey(labels);
    return { state: this.byKey.get(key), key };
  }

  /** @internal writes one appender's batch in a single transaction. */
  commitBatch(batch: PendingSample[]): CommitResult {
    const committed = new SampleBatch<SeriesState>();
    let newSeries = 0;
    const run = this.db.transaction(() => {
      const created: SeriesState[] = [];
      for (const p of batch) {
        let state = this.byKey.get(p.key);
        if (!state) {
          const info = this.stmts.insertSeries.run(p.key);
          state = {
            id: Number(info.lastInsertRowid),
            labels: p.labels,
            minT: Infinity,
            maxT: -Infinity,
            lastV: NaN,
            lastKind: KIND_VALUE,
          };
          this.byKey.set(p.key, state);
          created.push(state);
          newSeries++;
        }
        const kind = p.stale
          ? KIND_STALE
          : Number.isNaN(p.v)
            ? KIND_NAN
            : Object.is(p.v, -0)
              ? KIND_NEG_ZERO
              : KIND_VALUE;
        this.stmts.insertSample.run(state.id, p.t, kind === KIND_VALUE ? p.v : null, kind);
        if (p.t < state.minT) state.minT = p.t;
        if (p.t >= state.maxT) {
          state.maxT = p.t;
          state.lastV = p.v;
          state.lastKind = kind;
        }
        committed.push(state, p.t, p.v, p.stale);
      }
      for (const s of created) this.index.add(s);
    });
    try {
      run();
    } catch (err) {
      // The transaction rolled back: forget series created in memory by this batch.
      for (const p of batch) {
        const s = this.byKey.get(p.key);
        if (s && !this.index.byId.has(s.id)) this.byKey.delete(p.key);
      }
      throw err;
    }
    this.stats.series = this.byKey.size;
    this.stats.samplesAppended += committed.length;
    return { samples: committed.length, newSeries, committed };
  }

  select(matchers: Matcher[], mint: number, maxt: number, budget?: SelectBudget): SeriesSamples[] {
    const out: SeriesSamples[] = [];
    let left = budget?.samples ?? Infinity;
    for (const id of this.index.select(matchers)) {
      const s = this.index.byId.get(id)!;
      if (s.maxT < mint || s.minT > maxt) continue;
      const rows = this.stmts.selectSamples.all(id, mint, maxt) as [number, number | null, number][];
      if (rows.length === 0) continue;
      left -= rows.length;
      if (left < 0) throw new SampleBudgetError("more than the select's budget of samples");
      const t = new Float64Array(rows.length);
      const v = new Float64Array(rows.length);
      let stale: Uint8Array | undefined;
      for (let i = 0; i < rows.length; i++) {
        const [ts, val, kind] = rows[i];
        t[i] = ts;
        v[i] = kind === KIND_VALUE ? (val as number) : kind === KIND_NEG_ZERO ? -0 : NaN;
        if (kind === KIND_STALE) (stale ??= new Uint8Array(rows.length))[i] = 1;
      }
      out.push(stale ? { labels: s.labels, t, v, stale } : { labels: s.labels, t, v });
    }
    return out;
  }

  series(matcherSets: Matcher[][], mint: number, maxt: number): LabelSet[] {
    return this.index.seriesIn(matcherSets, mint, maxt).map((s) => s.labels);
  }

  labelNames(matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    return this.index.labelNamesIn(matcherSets, mint, maxt);
  }

  labelValues(name: string, matcherSets: Matcher[][], mint: number, maxt: number): string[] {
    return this.index.labelValuesIn(name, matcherSets, mint, maxt);
  }

  /** Small key/value settings (targets added in the UI, UI state) kept in the same file. */
  getSetting(key: string): string | undefined {
    return this.stmts.getSetting.get(key) as string | undefined;
  }

  putSetting(key: string, value: string): void {
    this.stmts.putSetting.run(key, value);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Fold the WAL into the main file so the data dir is one self-contained file at rest.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
    }
  }

  /** @internal last stored sample state of a series, for out-of-order and duplicate checks. */
  static lastOf(state: SeriesState): { t: number; v: number; stale: boolean } {
    return { t: state.maxT, v: state.lastV, stale: state.lastKind === KIND_STALE };
  }
}

interface PendingSample {
  key: string;
  labels: LabelSet;
  t: number;
  v: number;
  stale: boolean;
}

class SqliteAppender implements Appender {
  private batch: PendingSample[] = [];
  /** Newest pending timestamp/value per series key within this batch. */
  private pending = new Map<string, { t: number; v: number; stale: boolean }>();

  constructor(private readonly store: SqliteStore) {}

  append(labels: LabelSet, t: number, v: number, key?: string): AppendOutcome {
    return this.add(labels, t, v, false, key);
  }

  appendStale(labels: LabelSet, t: number, key?: string): AppendOutcome {
    return this.add(labels, t, NaN, true, key);
  }

  appendRef(ref: SeriesRef, t: number, v: number, stale: boolean): AppendOutcome {
    return this.add(ref.labels, t, stale ? NaN : v, stale, ref.key);
  }

  private add(labels: LabelSet, t: number, v: number, stale: boolean, knownKey?: string): AppendOutcome {
    if (!Number.isFinite(t)) return 'out_of_bounds';
    const { state, key } = this.store.seriesFor(labels, knownKey);
    if (!state && !this.pending.has(key)) labels = normalizeLabels(labels);
    const last = this.pending.get(key) ?? (state ? SqliteStore.lastOf(state) : undefined);
    const rejected = last ? checkNewest(last.t, last.v, last.stale, t, v, stale, this.store.stats) : null;
    if (rejected) return rejected;
    this.pending.set(key, { t, v, stale });
    this.batch.push({ key, labels, t, v, stale });
    return 'ok';
  }

  commit(): CommitResult {
    const batch = this.batch;
    this.batch = [];
    this.pending.clear();
    if (batch.length === 0) return { samples: 0, newSeries: 0, committed: NO_SAMPLES };
    return this.store.commitBatch(batch);
  }

  rollback(): void {
    this.batch = [];
    this.pending.clear();
  }
}
