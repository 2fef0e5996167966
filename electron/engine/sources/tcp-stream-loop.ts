// A tcp-stream target: a long-lived connection to a metrics-rs metrics-exporter-tcp server
// instead of polls. Events are folded into series as they arrive; every interval (same phase
// logic as scrapes) the series are committed as one batch with up = connected and the report
// series, so the store sees one commit per interval. A bad frame (garbage, an oversized length
// prefix) closes the connection with an error on the target; it reconnects with exponential
// backoff. Stream counters are exposed as promdesk_stream_* series of the target.
import net from 'node:net';
import type { CommitResult } from '../store/types';
import type { LabelSet } from '../../../shared/api';
import { ReportSeries, TargetSeriesState } from '../scrape/ingest';
import {
  commitScrape,
  nextTick,
  scrapeOffsetMs,
  type ScrapeLoopDeps,
  type ScrapeOutcome,
} from '../scrape/scrape-loop';
import { targetLabelsOf, type TargetSpec } from '../scrape/target-spec';
import type { MetadataSink } from '../metadata';
import type { SampleSink } from '../scrape/parse-body';
import { StreamFeed, badDataMessage, socketErrorMessage, streamEndpoint } from './stream-feed';

export { MAX_FRAME_BYTES } from './stream-feed';
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 30_000;

export interface StreamStats {
  connects: number;
  /** Connections closed because of a bad frame (garbage, oversized length prefix). */
  protocolErrors: number;
  /** Connection failures (refused, reset, timeouts). */
  connectionErrors: number;
}

export class TcpStreamLoop {
  private timer: unknown = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private socket: net.Socket | null = null;
  private connected = false;
  private stopped = true;
  private backoffMs = BACKOFF_MIN_MS;
  private lastError: string | null = 'not connected yet';
  private lastFlushMs: number | null = null;
  private readonly series = new TargetSeriesState();
  private readonly feed: StreamFeed;
  readonly stats: StreamStats = { connects: 0, protocolErrors: 0, connectionErrors: 0 };
  readonly targetLabels: LabelSet;
  private readonly report: ReportSeries;
  private readonly host: string;
  private readonly port: number;
  private connectWaiters: (() => void)[] = [];

  constructor(
    readonly spec: TargetSpec,
    private readonly deps: ScrapeLoopDeps,
  ) {
    this.targetLabels = targetLabelsOf(spec);
    this.report = new ReportSeries(this.targetLabels);
    this.feed = new StreamFeed(spec.input.tcp);
    ({ host: this.host, port: this.port } = streamEndpoint(spec.input.url));
  }

  get isConnected(): boolean {
    return this.connected;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
    this.schedule();
  }

  /** Resolves once connected (tests). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((r) => this.connectWaiters.push(r));
  }

  private connect(): void {
    if (this.stopped) return;
    this.feed.resetFrames();
    const sock = net.connect({ host: this.host, port: this.port });
    this.socket = sock;
    sock.setTimeout(this.spec.input.timeoutMs);
    sock.on('connect', () => {
      sock.setTimeout(0);
      this.connected = true;
      this.lastError = null;
      this.backoffMs = BACKOFF_MIN_MS;
      this.stats.connects++;
      for (const w of this.connectWaiters.splice(0)) w();
    });
    sock.on('timeout', () => this.drop(sock, `connecting to ${this.host}:${this.port} timed out`, false));
    sock.on('data', (chunk: Buffer) => {
      try {
        this.feed.push(chunk);
      } catch (err) {
        this.drop(sock, badDataMessage(this.host, this.port, err as Error), true);
      }
    });
    sock.on('error', (err: NodeJS.ErrnoException) =>
      this.drop(sock, socketErrorMessage(this.host, this.port, err), false),
    );
    sock.on('close', () => this.drop(sock, `connection closed by ${this.host}:${this.port}`, false));
  }

  /** Ends a connection (once) and schedules the next attempt. */
  private drop(sock: net.Socket, error: string, protocol: boolean): void {
    if (this.socket !== sock) return;
    this.socket = null;
    this.connected = false;
    this.lastError = error;
    if (protocol) this.stats.protocolErrors++;
    else this.stats.connectionErrors++;
    sock.destroy();
    if (this.stopped) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, wait);
    this.reconnectTimer.unref?.();
  }

  private schedule(): void {
    if (this.stopped) return;
    const { intervalMs } = this.spec.input;
    const offset = scrapeOffsetMs(`${this.spec.input.job}|${this.spec.input.url}`, intervalMs);
    const now = this.deps.clock.now();
    const at = nextTick(now, intervalMs, offset);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.scrapeOnce(at)
        .catch((err: Error) =>
          console.error(`stream of ${this.spec.input.url} failed to store: ${err.message}`),
        )
        .finally(() => this.schedule());
    }, at - now);
  }

  /** Commits what the stream has delivered so far, as one scrape would. */
  scrapeOnce(scheduledMs = this.deps.clock.now()): Promise<ScrapeOutcome> {
    const { clock } = this.deps;
    const startMs = clock.now();
    const ts = Math.abs(startMs - scheduledMs) <= 2 ? scheduledMs : startMs;
    const app = this.deps.appender();
    let total = 0;
    let added = 0;
    let seriesAdded = 0;
    let error: string | null = this.connected ? null : this.lastError;
    if (this.connected) {
      const meta = this.deps.metadata?.sink();
      const r = this.series.ingest(app, new Uint8Array(0), null, ts, {
        targetLabels: this.targetLabels,
        honorLabels: this.spec.input.honorLabels,
        honorTimestamps: false,
        sampleLimit: this.spec.sampleLimit,
        metadata: meta,
        parse: (_body, _ct, sink, m) => this.emit(sink, m),
        metricRelabel: this.spec.metricRelabel,
      });
      meta?.done();
      ({ total, added, seriesAdded, error } = r);
    } else {
      this.series.fail(app, ts);
    }
    const stored = commitScrape(app, this.deps.appender, this.report, ts, {
      up: error === null,
      durationSeconds: (clock.now() - startMs) / 1000,
      total,
      added,
      seriesAdded,
    });
    const commit = stored.commit;
    if (stored.error !== null) error = error === null ? stored.error : `${error}; ${stored.error}`;
    this.lastFlushMs = ts;
    const outcome: ScrapeOutcome = {
      targetId: this.spec.id,
      timestampMs: ts,
      durationMs: clock.now() - startMs,
      up: error === null,
      error,
      samples: total,
      commit,
    };
    this.deps.onScrape(outcome);
    return Promise.resolve(outcome);
  }

  private emit(sink: SampleSink, meta?: MetadataSink): void {
    this.feed.agg.emit(sink, meta);
    const c = this.feed.agg.counters;
    const stat = (name: string, help: string, v: number, labels: string[] = []) => {
      meta?.type(name, 'counter');
      meta?.help(name, help);
      sink(name, labels, v, null, 0);
    };
    stat('promdesk_stream_events_total', 'Events decoded from the stream.', c.events);
    stat(
      'promdesk_stream_dropped_events_total',
      'Events dropped: series or interval buffers full.',
      c.dropped,
    );
    stat(
      'promdesk_stream_protocol_errors_total',
      'Connections closed because of undecodable data.',
      this.stats.protocolErrors,
    );
    stat('promdesk_stream_connects_total', 'Connections established.', this.stats.connects);
  }

  async stop(endSeries: boolean): Promise<CommitResult | null> {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const sock = this.socket;
    this.socket = null;
    this.connected = false;
    sock?.destroy();
    if (!endSeries || this.lastFlushMs === null) return null;
    const app = this.deps.appender();
    const t = Math.max(this.deps.clock.now(), this.lastFlushMs + 1);
    this.series.fail(app, t);
    this.report.appendStale(app, t);
    return app.commit();
  }
}
