// Sends alerts to the Alertmanagers of `alerting:` as Prometheus 2.42's notifier.Manager does:
// send() adds the external labels an alert lacks, applies alert_relabel_configs and queues the
// alerts, and returns at once, so evaluation never waits on the network; batches of at most 64
// are POSTed to every Alertmanager. Unlike 2.42's single queue, each Alertmanager has its own
// bounded queue (the oldest dropped when full, counted) and its own loop, so one that is down or
// hangs never delays the others, and a send that failed in a way that may pass (transport error,
// timeout, 5xx, 429) is retried a few times with backoff before the batch is dropped, counted.
// One loop per Alertmanager also keeps its alerts in order (a late "firing" never follows a
// "resolved").
import type { LabelSet } from '../../../../shared/api';
import { formatGoFloat } from '../../../../shared/format/go-float';
import type { AlertingConfig, AlertmanagerConfig } from '../../config/alerting-config';
import { relabel } from '../../relabel/apply';
import type { Discoverer } from '../../discovery/discoverer';
import { DnsSd } from '../../discovery/dns-sd';
import { DnsSdResolver, type DnsSdLookup } from '../../discovery/dns-sd-lookup';
import { FileSd } from '../../discovery/file-sd';
import { HttpSd } from '../../discovery/http-sd';
import { DnsCache } from '../../scrape/dns-cache';
import { HttpClient } from '../../scrape/http-fetch';
import { alertmanagerEndpoints } from './endpoints';
import { LatencySummary } from './latency-summary';
import { encodeAlerts, type NotifierAlert } from './payload';
import { PostError, postAlerts } from './post';

/** Prometheus's maxBatchSize. */
export const MAX_BATCH = 64;
export const DEFAULT_QUEUE_CAPACITY = 10_000;

export interface NotifierOptions {
  /** --alertmanager.notification-queue-capacity (per Alertmanager). */
  capacity?: number;
  log?: (msg: string) => void;
  /** Waits before each retry of a failed send (default 0.5 s, 1.5 s: two retries). */
  retryBackoffMs?: readonly number[];
  /** What http_sd_configs and dns_sd_configs ask (the engine's, shared with the scrape jobs'); absent: its own. */
  discovery?: { client: Pick<HttpClient, 'fetch'>; dns: DnsSdLookup };
}

export interface AlertmanagersStatus {
  active: string[];
  dropped: string[];
}

/** One Alertmanager: its queue, its loop and its counters. */
interface Target {
  url: string;
  cfg: AlertmanagerConfig;
  queue: NotifierAlert[];
  running: Promise<void> | null;
  /** Set when a reload removes it: its loop ends. */
  removed: boolean;
}

const DEFAULT_BACKOFF_MS = [500, 1500];

export class AlertmanagerNotifier {
  readonly capacity: number;
  private targets: Target[] = [];
  /** Each alertmanagers entry with its discovery sources (started; stopped on reload and close). */
  private sets: { cfg: AlertmanagerConfig; sources: Discoverer[] }[] = [];
  /** Alertmanagers relabel_configs dropped (/api/v1/alertmanagers). */
  private droppedUrls: string[] = [];
  private externalLabels: Record<string, string> = {};
  private alertRelabel: AlertingConfig['alertRelabelConfigs'] = [];
  private configured = false;
  /** Per Alertmanager URL, kept across reloads as Prometheus's counter vectors are. */
  private readonly sent = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private readonly latency = new LatencySummary();
  private dropped = 0;
  private readonly aborts = new Set<AbortController>();
  private readonly sleepers = new Set<() => void>();
  private closed = false;
  private readonly log: (msg: string) => void;
  private readonly backoff: readonly number[];
  private readonly discovery: NonNullable<NotifierOptions['discovery']> | null;
  /** The HTTP client made for http_sd when none was given (closed on close). */
  private ownClient: HttpClient | null = null;

  constructor(opts: NotifierOptions = {}) {
    this.capacity = Math.max(1, opts.capacity ?? DEFAULT_QUEUE_CAPACITY);
    this.log = opts.log ?? ((m) => console.error(m));
    this.backoff = opts.retryBackoffMs ?? DEFAULT_BACKOFF_MS;
    this.discovery = opts.discovery ?? null;
  }

  /** The config's `alerting:` and external labels (at start and on each reload). */
  applyConfig(alerting: AlertingConfig | undefined, externalLabels: Record<string, string>): void {
    this.externalLabels = { ...externalLabels };
    this.alertRelabel = alerting?.alertRelabelConfigs ?? [];
    this.configured = (alerting?.alertmanagers.length ?? 0) > 0;
    this.stopSources();
    this.sets = (alerting?.alertmanagers ?? []).map((cfg) => ({
      cfg,
      sources: this.sourcesOf(cfg),
    }));
    this.sync();
    for (const set of this.sets) for (const src of set.sources) src.start(() => this.sync());
  }

  private sourcesOf(cfg: AlertmanagerConfig): Discoverer[] {
    const sources: Discoverer[] = cfg.fileSdConfigs.map((c) => new FileSd(c));
    if (cfg.httpSdConfigs.length > 0) {
      const client = this.discovery?.client ?? (this.ownClient ??= new HttpClient(new DnsCache()));
      sources.push(...cfg.httpSdConfigs.map((c) => new HttpSd(c, client)));
    }
    if (cfg.dnsSdConfigs.length > 0) {
      const dns = this.discovery?.dns ?? new DnsSdResolver();
      sources.push(...cfg.dnsSdConfigs.map((c) => new DnsSd(c, dns)));
    }
    return sources;
  }

  /** The Alertmanagers the entries give now; one that stays keeps its queue (with the new options). */
  private sync(): void {
    if (this.closed) return;
    const old = new Map(this.targets.map((t) => [t.url, t]));
    const targets: Target[] = [];
    this.droppedUrls = [];
    for (const { cfg, sources } of this.sets) {
      for (const e of sources.flatMap((src) => src.errors())) this.log(`alertmanager discovery: ${e}`);
      const found = alertmanagerEndpoints(
        cfg,
        sources.flatMap((src) => src.groups()),
      );
      for (const e of found.errors) this.log(`alertmanager: ${e}`);
      this.droppedUrls.push(...found.dropped);
      for (const url of found.urls) {
        if (targets.some((t) => t.url === url)) continue;
        const kept = old.get(url);
        old.delete(url);
        if (kept) kept.cfg = cfg;
        targets.push(kept ?? { url, cfg, queue: [], running: null, removed: false });
        if (!this.sent.has(url)) this.sent.set(url, 0);
        if (!this.errors.has(url)) this.errors.set(url, 0);
      }
    }
    for (const t of old.values()) {
      t.removed = true;
      t.queue = [];
    }
    this.targets = targets;
  }

  private stopSources(): void {
    for (const set of this.sets) for (const src of set.sources) src.stop();
  }

  /** Whether any Alertmanager is configured (else evaluation need not build alerts for it). */
  get enabled(): boolean {
    return this.configured && !this.closed;
  }

  /** The longest queue (each Alertmanager has its own). */
  get queueLength(): number {
    return Math.max(0, ...this.targets.map((t) => t.queue.length));
  }

  /** The Alertmanagers alerts go to, and those relabel_configs dropped (Prometheus's /api/v1/alertmanagers). */
  status(): AlertmanagersStatus {
    return { active: this.targets.map((t) => t.url), dropped: [...this.droppedUrls] };
  }

  /** Queues alerts for every Alertmanager; never waits. */
  send(alerts: readonly NotifierAlert[]): void {
    if (!this.enabled) return;
    const batch: NotifierAlert[] = [];
    for (const a of alerts) {
      const labels: LabelSet = { ...a.labels };
      for (const [k, v] of Object.entries(this.externalLabels)) if (!labels[k]) labels[k] = v;
      const out = this.alertRelabel.length > 0 ? relabel(labels, this.alertRelabel) : labels;
      if (out !== null) batch.push({ ...a, labels: out });
    }
    if (batch.length === 0) return;
    if (this.targets.length === 0) {
      // As 2.42: alerts no Alertmanager can take are dropped.
      this.drop(batch.length, 'no Alertmanager discovered');
      return;
    }
    for (const t of this.targets) {
      let add = batch;
      let d = add.length - this.capacity;
      if (d > 0) {
        add = add.slice(d);
        this.drop(d, `alert batch larger than queue capacity (${t.url})`);
      }
      d = t.queue.length + add.length - this.capacity;
      if (d > 0) {
        t.queue.splice(0, d);
        this.drop(d, `alert notification queue full (${t.url})`);
      }
      t.queue.push(...add);
      t.running ??= this.run(t).finally(() => (t.running = null));
    }
  }

  /** Resolves once every queue is empty and nothing is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = this.targets.map((t) => t.running).filter((r) => r !== null);
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  private drop(n: number, why: string): void {
    this.dropped += n;
    this.log(`alertmanager: ${why}, dropped ${n} alert(s)`);
  }

  /** One Alertmanager's loop: its batches in order, one at a time. */
  private async run(t: Target): Promise<void> {
    while (t.queue.length > 0 && !this.closed && !t.removed) {
      const batch = t.queue.splice(0, MAX_BATCH);
      const ok = await this.sendBatch(t, encodeAlerts(batch, t.cfg.apiVersion), batch.length);
      if (!ok && !this.closed && !t.removed) this.dropped += batch.length;
    }
  }

  private async sendBatch(t: Target, body: string, count: number): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (this.closed || t.removed) return false;
      const ac = new AbortController();
      this.aborts.add(ac);
      const begin = performance.now();
      try {
        await postAlerts(t.url, body, t.cfg, ac.signal);
        this.sent.set(t.url, (this.sent.get(t.url) ?? 0) + count);
        return true;
      } catch (err) {
        if (this.closed) return false;
        this.errors.set(t.url, (this.errors.get(t.url) ?? 0) + 1);
        const e = err as Error;
        const retry = e instanceof PostError && e.retryable && attempt < this.backoff.length;
        this.log(
          `alertmanager ${t.url}: error sending ${count} alert(s): ${e.message}${retry ? ', will retry' : ''}`,
        );
        if (!retry) {
          this.sent.set(t.url, (this.sent.get(t.url) ?? 0) + count);
          return false;
        }
      } finally {
        this.aborts.delete(ac);
        // Each attempt, failed or not, as Prometheus observes each send (not one cut short by close).
        if (!this.closed) this.latency.observe(t.url, (performance.now() - begin) / 1000);
      }
      await this.sleep(this.backoff[attempt]);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /** Prometheus's prometheus_notifications_* families, as promdesk_notifications_*. */
  renderMetrics(): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of samples) lines.push(`${name}${labels} ${formatGoFloat(v)}`);
    };
    const byUrl = (m: Map<string, number>): [string, number][] =>
      [...m].map(([url, n]) => [`{alertmanager=${JSON.stringify(url)}}`, n]);
    const p = 'promdesk_notifications_';
    metric(`${p}alertmanagers_discovered`, 'gauge', 'The number of alertmanagers discovered and active.', [
      ['', this.targets.length],
    ]);
    metric(
      `${p}dropped_total`,
      'counter',
      'Total number of alerts dropped due to errors when sending to Alertmanager (once per Alertmanager that missed them).',
      [['', this.dropped]],
    );
    metric(
      `${p}errors_total`,
      'counter',
      'Total number of errors sending alert notifications.',
      byUrl(this.errors),
    );
    lines.push(
      ...this.latency.render(`${p}latency_seconds`, 'Latency quantiles for sending alert notifications.'),
    );
    metric(`${p}queue_capacity`, 'gauge', 'The capacity of the alert notifications queue.', [
      ['', this.capacity],
    ]);
    metric(`${p}queue_length`, 'gauge', 'The number of alert notifications in the (longest) queue.', [
      ['', this.queueLength],
    ]);
    metric(`${p}sent_total`, 'counter', 'Total number of alerts sent.', byUrl(this.sent));
    return lines.join('\n') + '\n';
  }

  /** Stops sending: in-flight POSTs are aborted, the queues are left. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopSources();
    for (const ac of this.aborts) ac.abort();
    for (const s of [...this.sleepers]) s();
    await this.idle();
    this.ownClient?.close();
  }
}
