// The remote_write sender: committed samples go through write_relabel_configs into a disk queue
// (one record per partition and commit, series hashed to a fixed set of PARTITIONS), and one loop
// per shard sends the partitions p with p % shards === its index, oldest first, as snappy
// WriteRequests. So a series always goes through one shard for a given shard count and stays in
// order. 2xx deletes a batch; 5xx (and 429 with retry_on_http_429) retry with backoff or the
// reply's Retry-After; other 4xx (and 429 by default) drop it, counted — as Prometheus 2.42 does.
//
// Resharding (every reshardEveryMs, see resharding.ts): the loops stop after their in-flight send
// (sleeps are cut short; unsent batches simply stay on disk), then the new count starts. Unlike
// Prometheus there is nothing in memory to flush, and no two shards ever send one partition at
// the same time, so per-series order holds across reshards too.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CommittedSamples } from '../store/types';
import type { LabelSet, RemoteWriteStatus } from '../../../shared/api';
import { VERSION } from '../version';
import { DiskQueue, type QueueRecord } from './queue';
import { encodeLabels, encodeWriteRequest, type OutSample } from './proto-write';
import { snappyEncode } from './snappy-encode';
import type { RemoteWriteConfig } from './sender-config';
import { redactUrl, splitCredentials } from './url-secrets';
import { desiredShards } from './resharding';
import { retryAfterMs } from './retry-after';
import { SendHealth } from './send-health';
import { relabel } from '../relabel/apply';

/** The most parallel senders per remote (a desktop app's bound), also the queue's partitions. */
export const MAX_SHARDS = 16;
const PARTITIONS = MAX_SHARDS;
const SERIES_CACHE_MAX = 200_000;
const DEFAULT_RESHARD_EVERY_MS = 10_000;

export interface SenderMetrics {
  samplesSent: number;
  samplesFailed: number;
  samplesRetried: number;
  samplesDropped: number;
  lastSendMs: number;
}

export interface SenderOptions {
  dataDir: string;
  externalLabels?: Record<string, string>;
  log?: (msg: string) => void;
  now?: () => number;
  /** How often the shard count is reconsidered (default 10 s, as in Prometheus). */
  reshardEveryMs?: number;
}

interface SeriesEntry {
  keep: boolean;
  partition: number;
  labels: Uint8Array;
}

type SendResult =
  { kind: 'ok' } | { kind: 'drop'; error: string } | { kind: 'retry'; error: string; afterMs: number | null };

/** Counts since the last reshard decision. */
interface Interval {
  startMs: number;
  samplesIn: number;
  samplesOut: number;
  sendMs: number;
  failed: boolean;
}

export function queueFile(dataDir: string, cfg: RemoteWriteConfig): string {
  const h = createHash('sha256')
    .update(`${cfg.name ?? ''}\n${cfg.url}`)
    .digest('hex')
    .slice(0, 12);
  return join(dataDir, `remote-write-${h}.db`);
}

export class RemoteWriteSender {
  readonly queue: DiskQueue;
  readonly metrics: SenderMetrics = {
    samplesSent: 0,
    samplesFailed: 0,
    samplesRetried: 0,
    samplesDropped: 0,
    lastSendMs: 0,
  };
  readonly health = new SendHealth();
  readonly minShards: number;
  readonly maxShards: number;
  private currentShards: number;
  /** Bumped on reshard and close: loops of an older generation end. */
  private generation = 0;
  private readonly series = new Map<number, SeriesEntry>();
  private readonly wakers = new Map<number, () => void>();
  private readonly sleepers = new Set<() => void>();
  private readonly aborts = new Set<AbortController>();
  private loops: Promise<void>[] = [];
  private resharding: Promise<void> | null = null;
  private reshardTimer: NodeJS.Timeout | null = null;
  private interval: Interval;
  private readonly log: (msg: string) => void;
  private readonly now: () => number;
  private closed = false;
  /** Where to POST: the URL without credentials (they go in the Authorization header). */
  private readonly target: ReturnType<typeof splitCredentials>;

  constructor(
    readonly cfg: RemoteWriteConfig,
    private readonly opts: SenderOptions,
  ) {
    this.log = opts.log ?? ((m) => console.error(m));
    this.now = opts.now ?? Date.now;
    this.maxShards = Math.max(1, Math.min(cfg.queue.maxShards, MAX_SHARDS));
    this.minShards = Math.max(1, Math.min(cfg.queue.minShards, this.maxShards));
    this.currentShards = this.minShards;
    this.interval = this.freshInterval();
    this.queue = new DiskQueue(queueFile(opts.dataDir, cfg));
    this.target = splitCredentials(cfg.url);
  }

  get name(): string {
    return this.cfg.name ?? this.cfg.url;
  }

  /** Parallel senders now. */
  get shards(): number {
    return this.currentShards;
  }

  start(): void {
    this.startLoops();
    this.reshardTimer = setInterval(
      () => this.considerResharding(),
      this.opts.reshardEveryMs ?? DEFAULT_RESHARD_EVERY_MS,
    );
    this.reshardTimer.unref();
  }

  /** Queues samples just committed to the store (after write relabeling). */
  enqueue(committed: CommittedSamples): void {
    if (this.closed || committed.length === 0) return;
    const byPartition: Map<number, { labels: Uint8Array; samples: OutSample[] }>[] = [];
    let kept = 0;
    for (let i = 0; i < committed.length; i++) {
      const s = committed.series[i];
      const e = this.entry(s.id, s.labels);
      if (!e.keep) continue;
      const part = (byPartition[e.partition] ??= new Map());
      let ser = part.get(s.id);
      if (!ser) part.set(s.id, (ser = { labels: e.labels, samples: [] }));
      ser.samples.push({ t: committed.t[i], v: committed.v[i], stale: committed.stale[i] === 1 });
      kept++;
    }
    if (kept === 0) return;
    const now = this.now();
    const max = this.cfg.queue.maxSamplesPerSend;
    const records: { partition: number; samples: number; body: Uint8Array }[] = [];
    byPartition.forEach((series, partition) => {
      let part: { labels: Uint8Array; samples: OutSample[] }[] = [];
      let n = 0;
      const flush = () => {
        if (n > 0) records.push({ partition, samples: n, body: encodeWriteRequest(part) });
        part = [];
        n = 0;
      };
      for (const ser of series.values()) {
        for (let i = 0; i < ser.samples.length; i += max) {
          const chunk = ser.samples.slice(i, i + max);
          if (n + chunk.length > max) flush();
          part.push({ labels: ser.labels, samples: chunk });
          n += chunk.length;
        }
      }
      flush();
    });
    this.queue.appendMany(records, now);
    this.interval.samplesIn += kept;
    for (const r of records) this.wakers.get(r.partition % this.currentShards)?.();
    const dropped = this.queue.trim(now, this.cfg.queue.maxAgeMs, this.cfg.queue.maxBytes);
    if (dropped > 0) this.dropped(dropped, 'queue full');
  }

  /** How sending goes, for the UI (the same counters as /metrics). */
  status(): RemoteWriteStatus {
    const now = this.now();
    const oldest = this.queue.oldestCreatedMs();
    return {
      name: this.cfg.name ?? redactUrl(this.cfg.url),
      url: redactUrl(this.cfg.url),
      state: this.health.state(now),
      lastError: this.health.lastError,
      lastErrorMs: this.health.lastErrorMs,
      samplesSent: this.metrics.samplesSent,
      samplesFailed: this.metrics.samplesFailed,
      samplesDropped: this.metrics.samplesDropped,
      samplesRetried: this.metrics.samplesRetried,
      pendingSamples: this.queue.stats.samples,
      pendingBytes: this.queue.stats.bytes,
      oldestPendingAgeMs: oldest === null ? null : Math.max(0, now - oldest),
      shards: this.currentShards,
      minShards: this.minShards,
      maxShards: this.maxShards,
      lastSendMs: this.metrics.lastSendMs || null,
    };
  }

  private entry(id: number, labels: LabelSet): SeriesEntry {
    let e = this.series.get(id);
    if (e) return e;
    if (this.series.size >= SERIES_CACHE_MAX) this.series.clear();
    const merged: LabelSet = { ...this.opts.externalLabels, ...labels };
    // As Prometheus: external labels first, then write_relabel_configs; an emptied set is dropped.
    const out = this.cfg.writeRelabel.length > 0 ? relabel(merged, this.cfg.writeRelabel) : merged;
    const keep = out !== null && Object.keys(out).length > 0;
    const pairs = Object.entries(out ?? {})
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = pairs.map(([n, v]) => `${n}\xff${v}`).join('\xfe');
    const partition = createHash('md5').update(key).digest().readUInt32LE(0) % PARTITIONS;
    e = { keep, partition, labels: encodeLabels(pairs) };
    this.series.set(id, e);
    return e;
  }

  private dropped(n: number, why: string): void {
    this.metrics.samplesDropped += n;
    this.log(`remote_write ${this.name}: dropped ${n} samples (${why})`);
  }

  private freshInterval(): Interval {
    return { startMs: this.now(), samplesIn: 0, samplesOut: 0, sendMs: 0, failed: false };
  }

  private startLoops(): void {
    const gen = this.generation;
    this.loops = [];
    for (let i = 0; i < this.currentShards; i++) this.loops.push(this.runShard(i, this.currentShards, gen));
  }

  /** Looks at the last interval and reshards when the send rate asks for it. */
  considerResharding(): Promise<void> {
    if (this.closed || this.resharding) return this.resharding ?? Promise.resolve();
    const iv = this.interval;
    this.interval = this.freshInterval();
    const want = desiredShards({
      current: this.currentShards,
      min: this.minShards,
      max: this.maxShards,
      intervalMs: Math.max(1, this.interval.startMs - iv.startMs),
      samplesIn: iv.samplesIn,
      samplesOut: iv.samplesOut,
      sendMs: iv.sendMs,
      pending: this.queue.stats.samples,
      failed: iv.failed,
    });
    if (want === this.currentShards) return Promise.resolve();
    this.log(`remote_write ${this.name}: resharding from ${this.currentShards} to ${want} shards`);
    this.resharding = this.reshard(want).finally(() => (this.resharding = null));
    return this.resharding;
  }

  private async reshard(shards: number): Promise<void> {
    this.generation++;
    this.wakeAll();
    await Promise.all(this.loops);
    if (this.closed) return;
    this.currentShards = shards;
    this.startLoops();
  }

  private async runShard(shard: number, shards: number, gen: number): Promise<void> {
    const q = this.cfg.queue;
    const live = () => !this.closed && this.generation === gen;
    let backoff = q.minBackoffMs;
    while (live()) {
      const dropped = this.queue.trim(this.now(), q.maxAgeMs, q.maxBytes);
      if (dropped > 0) this.dropped(dropped, 'older than max age');
      const batch = this.queue.peek(shard, shards, q.maxSamplesPerSend);
      const samples = batch.reduce((a, r) => a + r.samples, 0);
      if (batch.length === 0) {
        await this.sleep(1000, shard);
        continue;
      }
      if (samples < q.maxSamplesPerSend) {
        // Not a full batch yet: wait for more samples or the batch deadline, then look again.
        const waitMs = batch[0].createdMs + q.batchSendDeadlineMs - this.now();
        if (waitMs > 0) {
          await this.sleep(waitMs, shard);
          continue;
        }
      }
      if (!live()) break;
      const started = this.now();
      const res = await this.send(batch);
      if (this.closed && res.kind === 'retry') break;
      const ids = batch.map((r) => r.id);
      if (res.kind === 'ok') {
        const sent = this.queue.delete(ids);
        this.metrics.samplesSent += sent;
        this.metrics.lastSendMs = this.now();
        this.interval.samplesOut += sent;
        this.interval.sendMs += this.metrics.lastSendMs - started;
        this.health.ok();
        backoff = q.minBackoffMs;
      } else if (res.kind === 'drop') {
        this.metrics.samplesFailed += this.queue.delete(ids);
        this.interval.failed = true;
        this.health.drop(res.error, this.now());
      } else {
        this.metrics.samplesRetried += samples;
        this.interval.failed = true;
        this.health.retry(res.error, this.now());
        // Prometheus: the reply's Retry-After replaces this wait; the next one doubles from it.
        const wait = Math.min(res.afterMs ?? backoff, q.maxBackoffMs);
        await this.sleep(wait, -1);
        backoff = Math.min(Math.max(wait, q.minBackoffMs) * 2, q.maxBackoffMs);
      }
    }
  }

  /** One POST of a batch. */
  private async send(batch: QueueRecord[]): Promise<SendResult> {
    const total = batch.reduce((a, r) => a + r.body.length, 0);
    const raw = new Uint8Array(total);
    let o = 0;
    for (const r of batch) {
      raw.set(r.body, o);
      o += r.body.length;
    }
    const headers: Record<string, string> = {
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
      'User-Agent': `Promdesk/${VERSION}`,
    };
    const { bearerToken } = this.cfg;
    const basicAuth = this.cfg.basicAuth ?? (bearerToken ? null : this.target.basicAuth);
    if (basicAuth)
      headers.Authorization = `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}`;
    else if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
    const ac = new AbortController();
    this.aborts.add(ac);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, this.cfg.remoteTimeoutMs);
    try {
      const res = await fetch(this.target.url, {
        method: 'POST',
        headers,
        body: snappyEncode(raw),
        signal: ac.signal,
      });
      const text = await res.text().catch(() => '');
      if (res.ok) return { kind: 'ok' };
      const error = `HTTP ${res.status}: ${text.slice(0, 200).trim()}`.trim().replace(/:$/, '');
      const retry = res.status >= 500 || (res.status === 429 && this.cfg.queue.retryOnHttp429);
      if (!retry) {
        this.log(`remote_write ${this.name}: batch rejected, not retried (${error})`);
        return { kind: 'drop', error };
      }
      this.log(`remote_write ${this.name}: send failed, will retry (${error})`);
      return { kind: 'retry', error, afterMs: retryAfterMs(res.headers.get('retry-after'), Date.now()) };
    } catch (err) {
      const error = timedOut
        ? `no reply within remote_timeout (${this.cfg.remoteTimeoutMs / 1000} s)`
        : fetchErrorMessage(err);
      if (!this.closed) this.log(`remote_write ${this.name}: send failed, will retry (${error})`);
      return { kind: 'retry', error, afterMs: null };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(ac);
    }
  }

  /** Sleeps up to ms; a shard's sleep ends early when samples arrive for it, on reshard or close. */
  private sleep(ms: number, shard: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (shard >= 0 && this.wakers.get(shard) === done) this.wakers.delete(shard);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (shard >= 0) this.wakers.set(shard, done);
      this.sleepers.add(done);
    });
  }

  private wakeAll(): void {
    for (const w of [...this.sleepers]) w();
  }

  /** Stops the loops (in-flight sends are aborted and stay queued) and closes the queue. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.generation++;
    if (this.reshardTimer) clearInterval(this.reshardTimer);
    for (const ac of this.aborts) ac.abort();
    this.wakeAll();
    await this.resharding;
    await Promise.all(this.loops);
    this.queue.close();
  }
}

/** fetch's "fetch failed" with the cause that says what failed (e.g. connect ECONNREFUSED …). */
function fetchErrorMessage(err: unknown): string {
  const e = err as Error & { cause?: { message?: string } };
  const cause = e.cause?.message;
  return cause ? `${e.message}: ${cause}` : e.message;
}
