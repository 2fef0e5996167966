// The remote_write sender: committed samples go through write_relabel_configs into a disk queue
// (one record per shard and scrape, series hashed to shards so each series stays in order), and
// one loop per shard sends them oldest first as snappy WriteRequests. 2xx deletes a batch; 4xx
// (but 429) drops it, counted, never retried; 5xx, 429 and network errors retry with backoff.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CommittedSamples } from '../store/types';
import type { LabelSet } from '../../../shared/api';
import { VERSION } from '../version';
import { DiskQueue, type QueueRecord } from './queue';
import { encodeLabels, encodeWriteRequest, type OutSample } from './proto-write';
import { snappyEncode } from './snappy-encode';
import type { RemoteWriteConfig } from './sender-config';

/** Shards are fixed parallel senders: min(max_shards, this); no dynamic resharding. */
export const MAX_FIXED_SHARDS = 4;
const SERIES_CACHE_MAX = 200_000;

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
}

interface SeriesEntry {
  keep: boolean;
  shard: number;
  labels: Uint8Array;
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
  readonly shards: number;
  private readonly series = new Map<number, SeriesEntry>();
  private readonly wakers: (() => void)[] = [];
  private readonly aborts = new Set<AbortController>();
  private readonly loops: Promise<void>[] = [];
  private readonly log: (msg: string) => void;
  private readonly now: () => number;
  private closed = false;

  constructor(
    readonly cfg: RemoteWriteConfig,
    private readonly opts: SenderOptions,
  ) {
    this.log = opts.log ?? ((m) => console.error(m));
    this.now = opts.now ?? Date.now;
    this.shards = Math.min(cfg.queue.maxShards, MAX_FIXED_SHARDS);
    this.queue = new DiskQueue(queueFile(opts.dataDir, cfg));
  }

  get name(): string {
    return this.cfg.name ?? this.cfg.url;
  }

  start(): void {
    for (let i = 0; i < this.shards; i++) this.loops.push(this.runShard(i));
  }

  /** Queues samples just committed to the store (after write relabeling). */
  enqueue(committed: CommittedSamples): void {
    if (this.closed || committed.length === 0) return;
    const byShard: Map<number, { labels: Uint8Array; samples: OutSample[] }>[] = [];
    for (let i = 0; i < committed.length; i++) {
      const s = committed.series[i];
      const e = this.entry(s.id, s.labels);
      if (!e.keep) continue;
      const shard = (byShard[e.shard] ??= new Map());
      let ser = shard.get(s.id);
      if (!ser) shard.set(s.id, (ser = { labels: e.labels, samples: [] }));
      ser.samples.push({ t: committed.t[i], v: committed.v[i], stale: committed.stale[i] === 1 });
    }
    const now = this.now();
    const max = this.cfg.queue.maxSamplesPerSend;
    byShard.forEach((series, shard) => {
      let part: { labels: Uint8Array; samples: OutSample[] }[] = [];
      let n = 0;
      const flush = () => {
        if (n > 0) this.queue.append(shard, now, n, encodeWriteRequest(part));
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
      this.wakers[shard]?.();
    });
    const dropped = this.queue.trim(now, this.cfg.queue.maxAgeMs, this.cfg.queue.maxBytes);
    if (dropped > 0) this.dropped(dropped, 'queue full');
  }

  private entry(id: number, labels: LabelSet): SeriesEntry {
    let e = this.series.get(id);
    if (e) return e;
    if (this.series.size >= SERIES_CACHE_MAX) this.series.clear();
    const merged: LabelSet = { ...this.opts.externalLabels, ...labels };
    const keep = this.cfg.writeRelabel.every((rl) => {
      const value = rl.sourceLabels.map((n) => merged[n] ?? '').join(rl.separator);
      return rl.regex.test(value) === (rl.action === 'keep');
    });
    const pairs = Object.entries(merged)
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = pairs.map(([n, v]) => `${n}\xff${v}`).join('\xfe');
    const shard = createHash('md5').update(key).digest().readUInt32LE(0) % this.shards;
    e = { keep, shard, labels: encodeLabels(pairs) };
    this.series.set(id, e);
    return e;
  }

  private dropped(n: number, why: string): void {
    this.metrics.samplesDropped += n;
    this.log(`remote_write ${this.name}: dropped ${n} samples (${why})`);
  }

  private async runShard(shard: number): Promise<void> {
    const q = this.cfg.queue;
    let backoff = q.minBackoffMs;
    while (!this.closed) {
      const dropped = this.queue.trim(this.now(), q.maxAgeMs, q.maxBytes);
      if (dropped > 0) this.dropped(dropped, 'older than max age');
      const batch = this.queue.peek(shard, this.shards, q.maxSamplesPerSend);
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
      if (this.closed) break;
      const status = await this.send(batch);
      if (this.closed && status === 'retry') break;
      const ids = batch.map((r) => r.id);
      if (status === 'ok') {
        this.metrics.samplesSent += this.queue.delete(ids);
        this.metrics.lastSendMs = this.now();
        backoff = q.minBackoffMs;
      } else if (status === 'drop') {
        this.metrics.samplesFailed += this.queue.delete(ids);
      } else {
        this.metrics.samplesRetried += samples;
        await this.sleep(backoff, -1);
        backoff = Math.min(backoff * 2, q.maxBackoffMs);
      }
    }
  }

  /** One POST of a batch: 'ok', 'drop' (4xx but 429: never retried) or 'retry'. */
  private async send(batch: QueueRecord[]): Promise<'ok' | 'drop' | 'retry'> {
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
    const { basicAuth, bearerToken } = this.cfg;
    if (basicAuth)
      headers.Authorization = `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}`;
    else if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
    const ac = new AbortController();
    this.aborts.add(ac);
    const timer = setTimeout(() => ac.abort(), this.cfg.remoteTimeoutMs);
    try {
      const res = await fetch(this.cfg.url, {
        method: 'POST',
        headers,
        body: snappyEncode(raw),
        signal: ac.signal,
      });
      const text = await res.text().catch(() => '');
      if (res.ok) return 'ok';
      const detail = `HTTP ${res.status}: ${text.slice(0, 200).trim()}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 429) {
        this.log(`remote_write ${this.name}: batch rejected, not retried (${detail})`);
        return 'drop';
      }
      this.log(`remote_write ${this.name}: send failed, will retry (${detail})`);
      return 'retry';
    } catch (err) {
      if (!this.closed)
        this.log(`remote_write ${this.name}: send failed, will retry (${(err as Error).message})`);
      return 'retry';
    } finally {
      clearTimeout(timer);
      this.aborts.delete(ac);
    }
  }

  /** Sleeps up to ms; a shard's sleep ends early when samples arrive for it or on close. */
  private sleep(ms: number, shard: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (shard >= 0 && this.wakers[shard] === done) delete this.wakers[shard];
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (shard >= 0) this.wakers[shard] = done;
      this.sleepers.add(done);
    });
  }

  private readonly sleepers = new Set<() => void>();

  /** Stops the loops (in-flight sends are aborted and stay queued) and closes the queue. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const ac of this.aborts) ac.abort();
    for (const w of [...this.sleepers]) w();
    await Promise.all(this.loops);
    this.queue.close();
  }
}
