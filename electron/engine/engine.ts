// The composition root: opens the store, runs one scrape loop per target, answers the Api, and
// pushes new samples to the sessions (windows, WebSocket clients) that subscribed to them.
import { readFileSync } from 'node:fs';
import type {
  ApiEvent,
  EngineInfo,
  FetchExpositionRequest,
  FetchExpositionResult,
  QueryCheck,
  QueryInstantRequest,
  QueryInstantResult,
  QueryRangeRequest,
  QueryRangeResult,
  TargetInput,
  TargetView,
  TestScrapeResult,
} from '../../shared/api';
import { loadPrometheusConfig, type PrometheusConfig } from './config/prometheus-config';
import { PromQLParseError, QueryEngine, parseExpr, parseSeriesSelector } from './query';
import type { QueryEngineOptions } from './query';
import { MetadataCache } from './metadata';
import { DnsCache, type Resolvers } from './scrape/dns-cache';
import { HttpClient } from './scrape/http-fetch';
import { ScrapeLoop, type ScrapeLoopDeps, type ScrapeOutcome } from './scrape/scrape-loop';
import { TcpStreamLoop } from './sources/tcp-stream-loop';
import { testTcpStream } from './sources/tcp-stream-test';
import { systemClock, type Clock } from './scrape/clock';
import { testScrape } from './scrape/test-scrape';
import { fetchExposition } from './scrape/preview-fetch';
import type { TargetSpec } from './scrape/target-spec';
import { openStore, type SeriesStore } from './store/open-store';
import { DEFAULT_MAX_AGE_MS } from './store/retention';
import type { CommittedSamples, Matcher } from './store/types';
import { NO_SAMPLES } from './store/sample-batch';
import {
  configTargetSpecs,
  freshRuntime,
  loadUiTargets,
  serializeUiTargets,
  TARGETS_SETTING_KEY,
  uiTargetSpec,
  viewOf,
  type TargetRuntime,
} from './targets';
import { toSeriesColumns } from './series-columns';
import { ApiSession } from './api-session';
import { VERSION } from './version';
import type { KeepPolicy } from './store/retention';
import { RemoteWriteReceiver, type RemoteWriteReply } from './remote-write/receiver';
import { RemoteWriteSenders } from './remote-write/senders';
import { PushGroups } from './push/push-groups';
import type { PushReply, PushRequest } from './push/push-request';
import { DatasourceRegistry } from './datasources/registry';

export interface EngineOptions {
  dataDir: string;
  configFile?: string | null;
  mode: EngineInfo['mode'];
  clock?: Clock;
  dnsResolvers?: Resolvers;
  log?: (msg: string) => void;
  /** Start scraping right away (tests may drive scrapes by hand). */
  autoStart?: boolean;
  /** How long and how much data to keep (default 30 days, no size limit). */
  retention?: KeepPolicy;
  /** PromQL limits and semantics (timeout, max samples, lookback, compat). */
  query?: QueryEngineOptions;
  /** Open an empty store beside an orphaned sample log (--storage.allow-empty-start). */
  allowEmptyStart?: boolean;
  /** How often pushed groups are re-stamped so they stay current (default 30 s). */
  pushRestampMs?: number;
}

const RETENTION_EVERY_MS = 60_000;

interface TargetEntry {
  spec: TargetSpec;
  loop: ScrapeLoop | TcpStreamLoop | null;
  runtime: TargetRuntime;
}

export class Engine {
  readonly store: SeriesStore;
  readonly query: QueryEngine;
  /** TYPE/HELP/UNIT learned from scrapes (/api/v1/metadata). */
  readonly metadata = new MetadataCache();
  readonly config: PrometheusConfig | null;
  private readonly targets = new Map<string, TargetEntry>();
  private readonly sessions = new Set<ApiSession>();
  private readonly clock: Clock;
  private readonly dns: DnsCache;
  private readonly client: HttpClient;
  private readonly log: (msg: string) => void;
  readonly startedAtMs: number;
  readonly counters = { scrapes: 0, scrapeFailures: 0 };
  /** POST /api/v1/write. */
  readonly remoteWriteIn = new RemoteWriteReceiver();
  /** remote_write of the config: every committed sample, through a disk queue. */
  readonly remoteWriteOut: RemoteWriteSenders;
  /** Pushgateway-compatible pushes (PUT/POST/DELETE /metrics/job/...). */
  readonly pushes: PushGroups;
  /** Remote Prometheus-API servers that queries can run against instead of the store. */
  readonly datasources: DatasourceRegistry;
  private closed = false;

  constructor(private readonly opts: EngineOptions) {
    this.log = opts.log ?? ((m) => console.error(m));
    this.clock = opts.clock ?? systemClock;
    this.startedAtMs = this.clock.now();
    // The config is read before the store opens, so a bad file fails fast and touches nothing.
    this.config = opts.configFile ? loadPrometheusConfig(opts.configFile) : null;
    for (const w of this.config?.warnings ?? []) this.log(`config warning: ${w}`);
    this.store = openStore(opts.dataDir, { allowEmptyStart: opts.allowEmptyStart, log: this.log });
    this.query = new QueryEngine(this.store, opts.query);
    this.datasources = new DatasourceRegistry(this.store, { log: this.log });
    // Before the push groups: their commits (also restamps) go to remote_write too.
    this.remoteWriteOut = new RemoteWriteSenders(this.config?.remoteWrite ?? [], {
      dataDir: opts.dataDir,
      externalLabels: this.config?.global.externalLabels,
      log: this.log,
    });
    this.remoteWriteOut.start();
    this.pushes = new PushGroups(this.store, this.clock, {
      restampMs: opts.pushRestampMs,
      log: this.log,
      onCommit: (c) => this.appended(c),
    });
    this.dns = new DnsCache(opts.dnsResolvers);
    this.client = new HttpClient(this.dns);
    for (const spec of this.config ? configTargetSpecs(this.config) : []) {
      this.targets.set(spec.id, { spec, loop: null, runtime: freshRuntime() });
    }
    for (const spec of loadUiTargets(this.store.getSetting(TARGETS_SETTING_KEY), this.log)) {
      this.targets.set(spec.id, { spec, loop: null, runtime: freshRuntime() });
    }
    if (opts.autoStart !== false) for (const t of this.targets.values()) this.startLoop(t);
    // Retention runs in small batches between scrapes (the store yields between them).
    this.retentionTimer = setInterval(() => {
      const keep = opts.retention ?? {};
      this.store
        .retention({ maxAgeMs: keep.maxAgeMs ?? DEFAULT_MAX_AGE_MS, maxBytes: keep.maxBytes })
        .then(() =>
          keep.downsampleAfterMs ? this.store.downsample({ afterMs: keep.downsampleAfterMs }) : null,
        )
        .catch((err: Error) => this.log(`retention failed: ${err.message}`));
    }, RETENTION_EVERY_MS);
    this.retentionTimer.unref();
  }

  private readonly retentionTimer: NodeJS.Timeout;

  /** The config as loaded (its file's text), for /api/v1/status/config. */
  configYaml(): string {
    if (!this.opts.configFile) return '';
    try {
      return readFileSync(this.opts.configFile, 'utf8');
    } catch {
      return '';
    }
  }

  get dnsLookups(): number {
    return this.dns.lookups;
  }

  info(): EngineInfo {
    return {
      version: VERSION,
      mode: this.opts.mode,
      dataDir: this.opts.dataDir,
      configFile: this.opts.configFile ?? null,
    };
  }

  createSession(send: (event: ApiEvent) => void): ApiSession {
    const s = new ApiSession(this, send);
    this.sessions.add(s);
    return s;
  }

  closeSession(s: ApiSession): void {
    s.close();
    this.sessions.delete(s);
  }

  private startLoop(t: TargetEntry): void {
    if (t.spec.paused || this.closed) return;
    t.loop = this.newLoop(t.spec);
    t.loop.start();
  }

  private newLoop(spec: TargetSpec): ScrapeLoop | TcpStreamLoop {
    const deps: ScrapeLoopDeps = {
      client: this.client,
      appender: (expectedSamples) => this.store.appender(expectedSamples),
      clock: this.clock,
      onScrape: (o) => this.onScrape(o),
      metadata: this.metadata,
    };
    return spec.input.kind === 'tcp-stream' ? new TcpStreamLoop(spec, deps) : new ScrapeLoop(spec, deps);
  }

  /** A running tcp-stream target's loop (tests wait for its connection). */
  streamLoop(id: string): TcpStreamLoop | null {
    const loop = this.targets.get(id)?.loop;
    return loop instanceof TcpStreamLoop ? loop : null;
  }

  private onScrape(o: ScrapeOutcome): void {
    this.counters.scrapes++;
    if (!o.up) this.counters.scrapeFailures++;
    const t = this.targets.get(o.targetId);
    if (t) {
      t.runtime = {
        health: o.up ? 'up' : 'down',
        lastScrapeMs: o.timestampMs,
        lastDurationMs: o.durationMs,
        lastError: o.error,
        lastSamples: o.samples,
      };
    }
    this.publish(o.commit.committed);
  }

  /** After a scrape or a target edit: the samples, and the target list changed. */
  private publish(committed: CommittedSamples): void {
    this.appended(committed);
    for (const s of this.sessions) s.targetsChanged();
  }

  /**
   * Every commit to the store ends here, whatever its source (scrape, push, remote write in):
   * remote_write forwards all of it, as Prometheus forwards everything appended to its TSDB.
   */
  private appended(committed: CommittedSamples): void {
    if (committed.length === 0) return;
    this.remoteWriteOut.enqueue(committed);
    for (const s of this.sessions) s.deliver(committed);
  }

  /** Stored in slices, each forwarded as it commits; resolves once all of it is stored. */
  remoteWrite(body: Uint8Array | null, encoding: string | null): Promise<RemoteWriteReply> {
    return this.remoteWriteIn.receive(
      body,
      encoding,
      () => this.store.appender(),
      (c) => this.appended(c),
    );
  }

  push(req: PushRequest): PushReply {
    return this.pushes.handle(req);
  }

  /** Runs one scrape of a target now and waits for it (tests, "scrape now"). */
  async scrapeNow(id: string): Promise<ScrapeOutcome> {
    const t = this.requireTarget(id);
    const loop = t.loop ?? this.newLoop(t.spec);
    return loop.scrapeOnce();
  }

  listTargets(): TargetView[] {
    return [...this.targets.values()]
      .map((t) => viewOf(t.spec, t.runtime))
      .sort((a, b) => a.input.job.localeCompare(b.input.job) || a.input.url.localeCompare(b.input.url));
  }

  private requireTarget(id: string, editable = false): TargetEntry {
    const t = this.targets.get(id);
    if (!t) throw new Error(`no target with id "${id}"`);
    if (editable && t.spec.source === 'config') {
      throw new Error(
        `target "${t.spec.input.url}" comes from the config file ${this.opts.configFile}; edit it there`,
      );
    }
    return t;
  }

  private persist(): void {
    this.store.putSetting(
      TARGETS_SETTING_KEY,
      serializeUiTargets([...this.targets.values()].map((t) => t.spec)),
    );
  }

  private afterTargetsChange(): void {
    this.persist();
    this.publish(NO_SAMPLES);
  }

  addTarget(input: TargetInput): TargetView {
    for (const t of this.targets.values()) {
      if (t.spec.input.url === input.url && t.spec.input.job === input.job) {
        throw new Error(`a target for ${input.url} in job "${input.job}" exists already`);
      }
    }
    const entry: TargetEntry = { spec: uiTargetSpec(input), loop: null, runtime: freshRuntime() };
    this.targets.set(entry.spec.id, entry);
    this.startLoop(entry);
    this.afterTargetsChange();
    return viewOf(entry.spec, entry.runtime);
  }

  async updateTarget(id: string, input: TargetInput): Promise<TargetView> {
    const t = this.requireTarget(id, true);
    await this.stopLoop(t, true);
    t.spec = uiTargetSpec(input, id, t.spec.paused);
    t.runtime = freshRuntime();
    this.startLoop(t);
    this.afterTargetsChange();
    return viewOf(t.spec, t.runtime);
  }

  async removeTarget(id: string): Promise<void> {
    const t = this.requireTarget(id, true);
    await this.stopLoop(t, true);
    this.targets.delete(id);
    this.afterTargetsChange();
  }

  async setTargetPaused(id: string, paused: boolean): Promise<TargetView> {
    const t = this.requireTarget(id);
    if (t.spec.paused !== paused) {
      t.spec = { ...t.spec, paused };
      if (paused) {
        await this.stopLoop(t, true);
        t.runtime = { ...t.runtime, health: 'unknown' };
      } else this.startLoop(t);
      this.afterTargetsChange();
    }
    return viewOf(t.spec, t.runtime);
  }

  private async stopLoop(t: TargetEntry, endSeries: boolean): Promise<void> {
    const loop = t.loop;
    t.loop = null;
    if (!loop) return;
    const commit = await loop.stop(endSeries);
    if (commit) this.publish(commit.committed);
  }

  fetchExposition(req: FetchExpositionRequest): Promise<FetchExpositionResult> {
    return fetchExposition(this.client, req, this.clock);
  }

  testScrape(input: TargetInput): Promise<TestScrapeResult> {
    const spec = uiTargetSpec(input, 'test');
    if (input.kind === 'tcp-stream') return testTcpStream(spec, this.clock);
    return testScrape(this.client, spec, this.clock);
  }

  private selectorMatchers(match: string | undefined): Matcher[][] {
    return match ? [parseSeriesSelector(match)] : [];
  }

  labelNames(match?: string): string[] {
    return this.store.labelNames(this.selectorMatchers(match), -Infinity, Infinity);
  }

  labelValues(name: string, match?: string): string[] {
    return this.store.labelValues(name, this.selectorMatchers(match), -Infinity, Infinity);
  }

  queryRange(req: QueryRangeRequest): QueryRangeResult {
    if (req.endMs < req.startMs) throw new Error('end must not be before start');
    if ((req.endMs - req.startMs) / req.stepMs > 11_000) {
      throw new Error(
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      );
    }
    const res = this.query.range(req.query, req.startMs, req.endMs, req.stepMs);
    return { series: toSeriesColumns(res), warnings: res.warnings };
  }

  queryInstant(req: QueryInstantRequest): QueryInstantResult {
    const res = this.query.instant(req.query, req.timeMs);
    return {
      resultType: res.resultType,
      series: toSeriesColumns(res),
      scalar: res.resultType === 'scalar' ? res.v : null,
      string: res.resultType === 'string' ? res.v : null,
      warnings: res.warnings,
    };
  }

  checkQuery(query: string): QueryCheck {
    try {
      parseExpr(query);
      return { ok: true };
    } catch (err) {
      if (err instanceof PromQLParseError) {
        return { ok: false, message: err.message, start: err.position.start, end: err.position.end };
      }
      throw err;
    }
  }

  /** Stops scraping and closes the store. Shutdown writes no stale markers (like Prometheus). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.retentionTimer);
    this.pushes.close();
    await Promise.all([...this.targets.values()].map((t) => this.stopLoop(t, false)));
    for (const s of this.sessions) s.close();
    this.sessions.clear();
    this.client.close();
    this.datasources.close();
    await this.remoteWriteOut.close();
    this.store.close();
  }
}
