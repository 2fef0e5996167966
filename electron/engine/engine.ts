// The composition root: opens the store, runs one scrape loop per target, answers the Api, and
// pushes new samples to the sessions (windows, WebSocket clients) that subscribed to them.
import { readFileSync } from 'node:fs';
import type {
  ApiEvent,
  ConfigStatus,
  EngineInfo,
  FoundExporter,
  OtlpPushView,
  RemoteWriteStatus,
  SettingsView,
  FetchExpositionRequest,
  FetchExpositionResult,
  LabelRange,
  QueryCheck,
  QueryInstantRequest,
  QueryInstantResult,
  QueryRangeRequest,
  QueryRangeResult,
  RelabelDebugRequest,
  RelabelDebugResult,
  TargetInput,
  TargetView,
  TestScrapeResult,
} from '../../shared/api';
import { loadPrometheusConfig, type PrometheusConfig } from './config/prometheus-config';
import { PromQLParseError, QueryEngine, parseExpr, parseSeriesSelector } from './query';
import type { QueryEngineOptions } from './query';
import { MetadataCache } from './metadata';
import { DnsCache, type Resolvers } from './scrape/dns-cache';
import { DnsSdResolver } from './discovery/dns-sd-lookup';
import { watchConfigFile, type ConfigWatch } from './config/config-watch';
import { HttpClient } from './scrape/http-fetch';
import type { ScrapeOutcome } from './scrape/scrape-loop';
import type { TcpStreamLoop } from './sources/tcp-stream-loop';
import { testTcpStream } from './sources/tcp-stream-test';
import { systemClock, type Clock } from './scrape/clock';
import { testScrape } from './scrape/test-scrape';
import { debugRelabel } from './relabel/debug-request';
import { fetchExposition } from './scrape/preview-fetch';
import { openStore, type SeriesStore } from './store/open-store';
import { DEFAULT_MAX_AGE_MS } from './store/retention';
import type { CommittedSamples, Matcher } from './store/types';
import { uiTargetSpec, type DroppedTarget } from './targets';
import { TargetSet } from './target-set';
import type { EngineApi, EngineHttpView, EngineMetricsView } from './engine-api';
import { resolutionError } from './resolution-limit';
import { EngineSettings } from './engine-settings';
import type { SettingsPatch } from '../../shared/settings';
import { toSeriesColumns } from './series-columns';
import { ApiSession } from './api-session';
import { VERSION } from './version';
import type { KeepPolicy } from './store/retention';
import { RemoteWriteReceiver, type RemoteWriteReply } from './remote-write/receiver';
import { OtlpReceiver, type OtlpHttpRequest, type OtlpReply } from './otlp/receiver';
import { RemoteWriteSenders } from './remote-write/senders';
import { PushGroups } from './push/push-groups';
import type { PushReply, PushRequest } from './push/push-request';
import { DatasourceRegistry } from './datasources/registry';
import { DashboardStore } from './dashboards/dashboard-store';
import type { RuleManager } from './rules/manager';
import {
  applyConfigRules,
  configRuleGroups,
  createEngineRules,
  type EngineRuleOptions,
} from './rules/engine-rules';
import { UiRuleStore } from './rules/ui-rules';
import { EngineAlertmanagers, type AlertmanagerFlags } from './notify/alertmanager/engine-alertmanagers';
import { probeLoopback } from './discovery/loopback-probe';
import { exporterPorts } from './discovery/exporter-ports';
import { OtlpPreview } from './otlp/preview';
import { Silences } from './notify/silences';
import { Notifier } from './notify/notifier';
import { notifyExternalURL } from './notify/external-url';

export interface EngineOptions {
  dataDir: string;
  configFile?: string | null;
  mode: EngineInfo['mode'];
  clock?: Clock;
  dnsResolvers?: Resolvers;
  /** The DNS servers dns_sd_configs asks, as Resolver.setServers takes them; default the system's. */
  dnsSdServers?: string[];
  /** --config.watch: a change to the config file on disk reloads it (a broken save keeps the old). */
  watchConfig?: boolean;
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
  /** The loopback ports probeExporters tries (default: the well-known exporter ports). */
  probePorts?: readonly number[];
  /** Settings keys the command-line flags set (getSettings shows them as overridden). */
  overriddenSettings?: readonly string[];
  /** --web.external-url and the for-state restore flags. */
  rules?: EngineRuleOptions;
  /** --rules.alert.resend-delay and --alertmanager.notification-queue-capacity. */
  alerting?: AlertmanagerFlags;
}

const RETENTION_EVERY_MS = 60_000;

export class Engine implements EngineApi, EngineHttpView, EngineMetricsView {
  readonly store: SeriesStore;
  readonly query: QueryEngine;
  /** TYPE/HELP/UNIT learned from scrapes (/api/v1/metadata). */
  readonly metadata = new MetadataCache();
  /** The config in force: the last one that loaded (a reload that fails keeps it). */
  config: PrometheusConfig | null;
  /** The last reload's outcome, for /metrics (prometheus_config_last_reload_* twins). */
  readonly reloads = {
    lastOk: true,
    lastSuccessMs: 0,
    lastError: null as string | null,
    lastAttemptMs: null as number | null,
  };
  /** --config.watch's watcher (null: off, or no config file). */
  private readonly configWatch: ConfigWatch | null;
  /** Every target, its loop and its state. */
  private readonly targets: TargetSet;
  private readonly sessions = new Set<ApiSession>();
  private readonly clock: Clock;
  private readonly dns: DnsCache;
  private readonly client: HttpClient;
  private readonly log: (msg: string) => void;
  readonly startedAtMs: number;
  /** POST /api/v1/write. */
  readonly remoteWriteIn = new RemoteWriteReceiver();
  /** POST /api/v1/otlp/v1/metrics. */
  readonly otlpIn = new OtlpReceiver(() => ({
    promoteResourceAttributes: this.config?.otlp?.promoteResourceAttributes ?? [],
  }));
  /** What OTLP pushes bring, kept for the Preview pane while it listens. */
  private readonly otlpPreview = new OtlpPreview(() => this.clock.now());
  /** remote_write of the config: every committed sample, through a disk queue. */
  readonly remoteWriteOut: RemoteWriteSenders;
  /** Pushgateway-compatible pushes (PUT/POST/DELETE /metrics/job/...). */
  readonly pushes: PushGroups;
  /** Remote Prometheus-API servers that queries can run against instead of the store. */
  readonly datasources: DatasourceRegistry;
  readonly dashboards: DashboardStore;
  /** Rule groups (rule_files, the UI's, the starter set), each evaluated on its interval. */
  readonly rules: RuleManager;
  /** Rules made in the UI and the starter set (<data dir>/rules/), handed to `rules`. */
  readonly uiRules: UiRuleStore;
  /** Alerts to the Alertmanagers of `alerting:`, as Prometheus's notifier sends them. */
  readonly alertmanagers: EngineAlertmanagers;
  readonly silences: Silences;
  /** Promdesk's own notifications: the windows, the webhook, ntfy. */
  readonly notifier: Notifier;
  private readonly settings: EngineSettings;
  private closed = false;

  constructor(private readonly opts: EngineOptions) {
    this.log = opts.log ?? ((m) => console.error(m));
    this.clock = opts.clock ?? systemClock;
    this.startedAtMs = this.clock.now();
    // The config is read before the store opens, so a bad file fails fast and touches nothing.
    this.config = opts.configFile ? loadPrometheusConfig(opts.configFile) : null;
    for (const w of this.config?.warnings ?? []) this.log(`config warning: ${w}`);
    const configRules = configRuleGroups(this.config);
    this.reloads.lastSuccessMs = this.clock.now();
    this.store = openStore(opts.dataDir, { allowEmptyStart: opts.allowEmptyStart, log: this.log });
    this.settings = new EngineSettings(opts.dataDir, opts.overriddenSettings ?? [], this.log);
    // As Prometheus: a subquery without a step takes global.evaluation_interval's (read at start).
    this.query = new QueryEngine(this.store, {
      defaultSubqueryStepMs: this.config?.global.evaluationIntervalMs,
      ...opts.query,
    });
    this.datasources = new DatasourceRegistry(this.store, { log: this.log });
    this.dashboards = new DashboardStore(opts.dataDir, this.log);
    this.rules = createEngineRules({
      clock: this.clock,
      query: this.query,
      store: this.store,
      appended: (c) => this.appended(c),
      log: this.log,
      options: opts.rules,
    });
    applyConfigRules(this.rules, this.config, configRules);
    this.uiRules = new UiRuleStore(
      opts.dataDir,
      (source, groups) => this.rules.setGroups(source, groups),
      this.log,
    );
    this.uiRules.load();
    // Before the Alertmanagers: their http_sd and dns_sd ask through these, as the scrape jobs' do.
    this.dns = new DnsCache(opts.dnsResolvers);
    this.dnsSd = new DnsSdResolver(opts.dnsSdServers);
    this.client = new HttpClient(this.dns);
    this.alertmanagers = new EngineAlertmanagers(this.config, {
      rules: this.rules,
      externalUrl: opts.rules?.externalUrl,
      flags: opts.alerting,
      discovery: { client: this.client, dns: this.dnsSd },
      log: this.log,
    });
    this.silences = new Silences(opts.dataDir, () => this.clock.now(), this.log);
    this.notifier = new Notifier({
      clock: this.clock,
      silenced: (labels) => this.silences.isSilenced(labels),
      settings: () => this.settings.get().settings,
      externalURL: () => notifyExternalURL(opts.rules?.externalUrl, this.settings.get().settings.listen),
      broadcast: (event) => {
        for (const s of this.sessions) s.push(event);
      },
      log: this.log,
    });
    this.rules.setSilenceCheck((labels) => this.silences.isSilenced(labels));
    this.rules.onEvaluated((ev) => this.notifier.evaluated(ev));
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
    this.targets = new TargetSet({
      loop: {
        client: this.client,
        appender: (expectedSamples) => this.store.appender(expectedSamples),
        clock: this.clock,
        metadata: this.metadata,
      },
      settings: this.store,
      config: this.config,
      configFile: opts.configFile ?? null,
      dnsSd: this.dnsSd,
      log: this.log,
      changed: (committed) => this.publish(committed),
    });
    if (opts.autoStart !== false) this.targets.start();
    this.configWatch =
      opts.watchConfig && opts.configFile
        ? watchConfigFile(opts.configFile, () => this.reloadConfig(), {
            log: this.log,
            ruleFiles: () => this.config?.ruleFiles ?? [],
          })
        : null;
    // Retention runs in small batches between scrapes (the store yields between them).
    this.retentionTimer = setInterval(() => {
      const keep = opts.retention ?? {};
      this.store
        .retention({ maxAgeMs: keep.maxAgeMs ?? DEFAULT_MAX_AGE_MS, maxBytes: keep.maxBytes })
        .then(() =>
          keep.downsampleAfterMs ? this.store.downsample({ afterMs: keep.downsampleAfterMs }) : null,
        )
        // Small closed chunks merged into larger rows, once their 2 h window is over.
        .then(() => this.store.compact())
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

  /** dns_sd_configs' lookups and failures since start (/metrics). */
  readonly dnsSd: DnsSdResolver;

  /** Scrapes run and failed since start (/metrics). */
  get counters(): { readonly scrapes: number; readonly scrapeFailures: number } {
    return this.targets.counters;
  }

  info(): EngineInfo {
    return {
      version: VERSION,
      mode: this.opts.mode,
      dataDir: this.opts.dataDir,
      configFile: this.opts.configFile ?? null,
      scrapingPaused: this.targets.paused,
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

  /** A running tcp-stream target's loop (tests wait for its connection). */
  streamLoop(id: string): TcpStreamLoop | null {
    return this.targets.streamLoop(id);
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

  /** OTLP metrics in: all of a request is stored in one commit, or none of it. */
  otlp(req: OtlpHttpRequest): OtlpReply {
    const watch = this.otlpPreview.watch(req);
    const reply = this.otlpIn.receive(
      req,
      () => this.store.appender(),
      (c) => this.appended(c),
      watch?.translated,
    );
    watch?.replied(reply);
    return reply;
  }

  /** Runs one scrape of a target now and waits for it (tests, "scrape now"). */
  scrapeNow(id: string): Promise<ScrapeOutcome> {
    return this.targets.scrapeNow(id);
  }

  listTargets(): TargetView[] {
    return this.targets.list();
  }

  droppedTargets(): DroppedTarget[] {
    return this.targets.dropped();
  }

  addTarget(input: TargetInput): TargetView {
    return this.targets.add(input);
  }

  updateTarget(id: string, input: TargetInput): Promise<TargetView> {
    return this.targets.update(id, input);
  }

  removeTarget(id: string): Promise<void> {
    return this.targets.remove(id);
  }

  setTargetPaused(id: string, paused: boolean): Promise<TargetView> {
    return this.targets.setPaused(id, paused);
  }

  async setScrapingPaused(paused: boolean): Promise<EngineInfo> {
    await this.targets.setScrapingPaused(paused);
    return this.info();
  }

  remoteWriteStatus(): RemoteWriteStatus[] {
    return this.remoteWriteOut.status();
  }

  getSettings(): SettingsView {
    return this.settings.get();
  }

  putSettings(settings: SettingsPatch): SettingsView {
    return this.settings.put(settings);
  }

  fetchExposition(req: FetchExpositionRequest): Promise<FetchExpositionResult> {
    return fetchExposition(this.client, req, this.clock);
  }

  debugRelabel(req: RelabelDebugRequest): RelabelDebugResult {
    return debugRelabel(req, { config: this.config, targets: this.targets.list() });
  }

  testScrape(input: TargetInput): Promise<TestScrapeResult> {
    const spec = uiTargetSpec(input, 'test');
    if (input.kind === 'tcp-stream') return testTcpStream(spec, this.clock);
    return testScrape(this.client, spec, this.clock);
  }

  private selectorMatchers(match: string | undefined): Matcher[][] {
    return match ? [parseSeriesSelector(match)] : [];
  }

  labelNames(match?: string, range?: LabelRange): string[] {
    return this.store.labelNames(
      this.selectorMatchers(match),
      range?.startMs ?? -Infinity,
      range?.endMs ?? Infinity,
    );
  }

  labelValues(name: string, match?: string, range?: LabelRange): string[] {
    return this.store.labelValues(
      name,
      this.selectorMatchers(match),
      range?.startMs ?? -Infinity,
      range?.endMs ?? Infinity,
    );
  }

  queryRange(req: QueryRangeRequest): QueryRangeResult {
    if (req.endMs < req.startMs) throw new Error('end must not be before start');
    const tooMany = resolutionError(req.startMs, req.endMs, req.stepMs);
    if (tooMany) throw new Error(tooMany);
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

  /** Exporters answering on loopback at the well-known ports, those a target scrapes left out. */
  probeExporters(): Promise<FoundExporter[]> {
    // Windows opening at once share one probe rather than each knocking on every port.
    this.probing ??= (async () => {
      const client = new HttpClient(this.dns);
      try {
        return await probeLoopback(client, {
          ports: this.opts.probePorts ?? exporterPorts(),
          scraped: this.targets.list().map((t) => t.input.url),
        });
      } finally {
        client.close();
        this.probing = null;
      }
    })();
    return this.probing;
  }

  private probing: Promise<FoundExporter[]> | null = null;

  /** Keeps the Preview's OTLP listening on; the pushes after `afterSeq`. */
  listenOtlp(afterSeq: number): OtlpPushView[] {
    return this.otlpPreview.listen(afterSeq);
  }

  /** The config file's status for the Targets view; null without one. */
  configStatus(): ConfigStatus | null {
    if (!this.opts.configFile) return null;
    return {
      file: this.opts.configFile,
      loadedMs: this.reloads.lastSuccessMs,
      lastReloadMs: this.reloads.lastAttemptMs,
      ok: this.reloads.lastOk,
      error: this.reloads.lastError,
      warnings: [...(this.config?.warnings ?? [])],
      watching: this.configWatch !== null,
    };
  }

  /**
   * Reads the config file again (SIGHUP, POST /-/reload). Targets follow it; an invalid file keeps
   * the config in force, and its error is returned, logged and shown on /metrics. remote_write
   * and otlp settings take effect on the next start.
   */
  reloadConfig(): { ok: boolean; error: string | null } {
    // The UI's rule file too: a hand edit takes effect; one that does not check keeps its rules.
    this.uiRules.load();
    if (!this.opts.configFile) return { ok: true, error: null };
    this.reloads.lastAttemptMs = this.clock.now();
    let next: PrometheusConfig;
    try {
      next = loadPrometheusConfig(this.opts.configFile);
    } catch (err) {
      const error = (err as Error).message;
      Object.assign(this.reloads, { lastOk: false, lastError: error });
      this.log(`config reload failed, the previous config stays in force: ${error}`);
      return { ok: false, error };
    }
    for (const w of next.warnings) this.log(`config warning: ${w}`);
    this.config = next;
    this.targets.reload(next);
    this.alertmanagers.applyConfig(next);
    const rulesError = applyConfigRules(this.rules, next);
    if (rulesError !== null) {
      Object.assign(this.reloads, { lastOk: false, lastError: rulesError });
      this.log(`rule files reload failed, the previous rules stay in force: ${rulesError}`);
      return { ok: false, error: rulesError };
    }
    Object.assign(this.reloads, { lastOk: true, lastSuccessMs: this.clock.now(), lastError: null });
    this.log(`config reloaded from ${this.opts.configFile}`);
    return { ok: true, error: null };
  }

  /** Stops scraping and closes the store. Shutdown writes no stale markers (like Prometheus). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.configWatch?.close();
    clearInterval(this.retentionTimer);
    this.rules.close();
    this.notifier.close();
    await this.alertmanagers.close();
    this.pushes.close();
    await this.targets.close();
    for (const s of this.sessions) s.close();
    this.sessions.clear();
    this.client.close();
    this.datasources.close();
    await this.remoteWriteOut.close();
    this.store.close();
  }
}
