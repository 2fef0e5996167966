// A target's whole life in one place: added, updated, paused, removed, its scrape loop started
// and stopped, its last state, the UI targets persisted, and scraping paused as a whole (the
// tray's "pause scraping", which leaves each target's own paused flag alone).
import type { TargetInput, TargetView } from '../../shared/api';
import type { PrometheusConfig } from './config/prometheus-config';
import { JobDiscovery, type JobGroups } from './discovery/job-discovery';
import type { DnsSdLookup } from './discovery/dns-sd-lookup';
import { labelsKey } from '../../shared/labels-key';
import { ScrapeLoop, type ScrapeLoopDeps, type ScrapeOutcome } from './scrape/scrape-loop';
import type { TargetSpec } from './scrape/target-spec';
import { TcpStreamLoop } from './sources/tcp-stream-loop';
import { NO_SAMPLES } from './store/sample-batch';
import type { CommittedSamples } from './store/types';
import {
  freshRuntime,
  jobTargets,
  loadUiTargets,
  serializeUiTargets,
  TARGETS_SETTING_KEY,
  uiTargetSpec,
  viewOf,
  type DroppedTarget,
  type TargetRuntime,
} from './targets';

export interface TargetSetDeps {
  loop: Omit<ScrapeLoopDeps, 'onScrape'>;
  /** Where the UI's targets are kept (the store's settings table). */
  settings: { getSetting(key: string): string | undefined; putSetting(key: string, value: string): void };
  config: PrometheusConfig | null;
  configFile: string | null;
  /** What dns_sd_configs asks. */
  dnsSd: DnsSdLookup;
  log: (msg: string) => void;
  /** Samples were committed (a scrape, a loop's end), and the target list or a state changed. */
  changed: (committed: CommittedSamples) => void;
}

interface TargetEntry {
  spec: TargetSpec;
  loop: ScrapeLoop | TcpStreamLoop | null;
  runtime: TargetRuntime;
}

type Loop = ScrapeLoop | TcpStreamLoop;

export class TargetSet {
  private readonly entries = new Map<string, TargetEntry>();
  readonly counters = { scrapes: 0, scrapeFailures: 0 };
  private scrapingPaused = false;
  private closed = false;
  private started = false;

  /** Per job: config targets that relabel_configs dropped (for /api/v1/targets). */
  private readonly droppedByJob = new Map<string, DroppedTarget[]>();
  /** Per job: what its discovery sources could not read now (they keep their last good targets). */
  private readonly sdErrorsByJob = new Map<string, readonly string[]>();
  private discovery: JobDiscovery | null;

  constructor(private readonly deps: TargetSetDeps) {
    this.discovery = deps.config ? new JobDiscovery(deps.config, deps.loop.client, deps.dnsSd) : null;
    for (const job of this.discovery?.all() ?? []) this.syncJob(job);
    for (const spec of loadUiTargets(deps.settings.getSetting(TARGETS_SETTING_KEY), deps.log)) {
      this.entries.set(spec.id, { spec, loop: null, runtime: freshRuntime() });
    }
  }

  /** Starts every loop (the engine's autoStart) and service discovery's refreshes. */
  start(): void {
    this.started = true;
    for (const t of this.entries.values()) this.startLoop(t);
    this.startDiscovery();
  }

  /**
   * A reloaded config: each job synced to its new groups (a target that stays keeps its state; one
   * whose options changed restarts its loop without stale markers), a job no longer in the config
   * stops its targets with stale markers, and discovery restarts from the new blocks.
   */
  reload(config: PrometheusConfig): void {
    this.discovery?.stop();
    this.discovery = new JobDiscovery(config, this.deps.loop.client, this.deps.dnsSd);
    const jobs = this.discovery.all();
    const names = new Set(jobs.map((j) => j.sc.jobName));
    for (const t of [...this.entries.values()]) {
      if (t.spec.source !== 'config' || names.has(t.spec.input.job)) continue;
      this.endTarget(t);
    }
    for (const job of [...this.droppedByJob.keys()]) if (!names.has(job)) this.droppedByJob.delete(job);
    for (const job of [...this.sdErrorsByJob.keys()]) if (!names.has(job)) this.sdErrorsByJob.delete(job);
    for (const job of jobs) this.syncJob(job);
    if (this.started) this.startDiscovery();
    this.deps.changed(NO_SAMPLES);
  }

  private startDiscovery(): void {
    const discovery = this.discovery;
    discovery?.start((job) => {
      if (this.closed || discovery !== this.discovery) return;
      this.syncJob(job);
      this.deps.changed(NO_SAMPLES);
    });
  }

  /** A config target's end: its loop stops with stale markers. */
  private endTarget(t: TargetEntry): void {
    this.entries.delete(t.spec.id);
    this.stopLoop(t, true).catch((err: Error) =>
      this.deps.log(`stopping ${t.spec.input.url}: ${err.message}`),
    );
  }

  /** Discovery errors per job, as now (the API and the Targets view show them). */
  discoveryErrors(): { job: string; error: string }[] {
    return [...this.sdErrorsByJob].flatMap(([job, errs]) => errs.map((error) => ({ job, error })));
  }

  /**
   * A job's targets made to match its groups, as Prometheus's scrape pool sync: a target with the
   * same labels, URL, interval and timeout keeps its entry (loop, state), new ones start, and the
   * ones no longer found stop with stale markers.
   */
  private syncJob(j: JobGroups): void {
    const job = j.sc.jobName;
    const next = jobTargets(j.sc, j.groups);
    // As Prometheus logs "Creating target failed": the config loads, the target is left out.
    for (const f of next.failures) this.deps.log(`creating target failed: ${f}`);
    this.droppedByJob.set(job, next.dropped);
    const before = this.sdErrorsByJob.get(job) ?? [];
    for (const e of j.errors) if (!before.includes(e)) this.deps.log(`discovery failed: job ${job}: ${e}`);
    this.sdErrorsByJob.set(job, j.errors);

    const current = new Map<string, TargetEntry>();
    for (const t of this.entries.values()) {
      if (t.spec.source === 'config' && t.spec.input.job === job) current.set(syncKey(t.spec), t);
    }
    const kept = new Set<TargetEntry>();
    for (const spec of next.active) {
      const old = current.get(syncKey(spec));
      if (old && !kept.has(old)) {
        kept.add(old);
        const renewed = { ...spec, id: old.spec.id, paused: old.spec.paused };
        if (optionsOf(renewed) !== optionsOf(old.spec)) this.restart(old, renewed);
        else old.spec = renewed;
        continue;
      }
      let id = `cfg:${job}:${spec.input.url}`;
      for (let n = 2; this.entries.has(id); n++) id = `cfg:${job}:${spec.input.url}#${n}`;
      const t: TargetEntry = { spec: { ...spec, id }, loop: null, runtime: freshRuntime() };
      this.entries.set(id, t);
      if (this.started) this.startLoop(t);
    }
    for (const t of current.values()) if (!kept.has(t)) this.endTarget(t);
  }

  get paused(): boolean {
    return this.scrapingPaused;
  }

  list(): TargetView[] {
    return [...this.entries.values()]
      .map((t) => this.view(t))
      .sort((a, b) => a.input.job.localeCompare(b.input.job) || a.input.url.localeCompare(b.input.url));
  }

  /** Targets that relabeling dropped, with their discovered labels. */
  dropped(): DroppedTarget[] {
    return [...this.droppedByJob.values()].flat();
  }

  add(input: TargetInput): TargetView {
    this.refuseDuplicate(input, null);
    const t: TargetEntry = { spec: uiTargetSpec(input), loop: null, runtime: freshRuntime() };
    this.entries.set(t.spec.id, t);
    this.startLoop(t);
    this.afterChange();
    return this.view(t);
  }

  async update(id: string, input: TargetInput): Promise<TargetView> {
    const t = this.require(id, true);
    this.refuseDuplicate(input, id);
    // Built first: rules that do not check (or drop the target) leave it running as it was.
    const spec = uiTargetSpec(input, id, t.spec.paused);
    await this.stopLoop(t, true);
    t.spec = spec;
    t.runtime = freshRuntime();
    this.startLoop(t);
    this.afterChange();
    return this.view(t);
  }

  async remove(id: string): Promise<void> {
    const t = this.require(id, true);
    await this.stopLoop(t, true);
    this.entries.delete(id);
    this.afterChange();
  }

  async setPaused(id: string, paused: boolean): Promise<TargetView> {
    const t = this.require(id);
    if (t.spec.paused !== paused) {
      t.spec = { ...t.spec, paused };
      if (paused) await this.stopPaused(t);
      else this.startLoop(t);
      this.afterChange();
    }
    return this.view(t);
  }

  /** Pauses or resumes every loop; targets' own paused flags stay as they are. */
  async setScrapingPaused(paused: boolean): Promise<void> {
    if (paused === this.scrapingPaused) return;
    this.scrapingPaused = paused;
    if (paused) await Promise.all([...this.entries.values()].map((t) => this.stopPaused(t)));
    else for (const t of this.entries.values()) this.startLoop(t);
    this.deps.changed(NO_SAMPLES);
  }

  /** Runs one scrape of a target now and waits for it (tests, "scrape now"). */
  scrapeNow(id: string): Promise<ScrapeOutcome> {
    const t = this.require(id);
    return (t.loop ?? this.newLoop(t.spec)).scrapeOnce();
  }

  /** A running tcp-stream target's loop (tests wait for its connection). */
  streamLoop(id: string): TcpStreamLoop | null {
    const loop = this.entries.get(id)?.loop;
    return loop instanceof TcpStreamLoop ? loop : null;
  }

  /** Stops every loop without stale markers (a shutdown, as Prometheus does). */
  async close(): Promise<void> {
    this.closed = true;
    this.discovery?.stop();
    await Promise.all([...this.entries.values()].map((t) => this.stopLoop(t, false)));
  }

  private view(t: TargetEntry): TargetView {
    return viewOf(t.spec, t.runtime, this.warningsFor(t.spec));
  }

  /** Prometheus scrapes one URL under several jobs without a word; Promdesk says so. */
  private warningsFor(spec: TargetSpec): string[] {
    const sd = spec.source === 'config' ? [...(this.sdErrorsByJob.get(spec.input.job) ?? [])] : [];
    return [...sd, ...this.sameUrlWarnings(spec)];
  }

  private sameUrlWarnings(spec: TargetSpec): string[] {
    const url = sameUrl(spec.input.url);
    const jobs = new Set<string>();
    for (const o of this.entries.values()) {
      if (o.spec.id !== spec.id && sameUrl(o.spec.input.url) === url) jobs.add(o.spec.input.job);
    }
    if (jobs.size === 0) return [];
    return [`${spec.input.url} is also scraped by job ${[...jobs].sort().join(', ')}`];
  }

  /** The same URL in the same job would write the same series twice: refused. */
  private refuseDuplicate(input: TargetInput, exceptId: string | null): void {
    const url = sameUrl(input.url);
    for (const o of this.entries.values()) {
      if (o.spec.id !== exceptId && o.spec.input.job === input.job && sameUrl(o.spec.input.url) === url) {
        throw new Error(`a target for ${input.url} in job "${input.job}" exists already`);
      }
    }
  }

  private require(id: string, editable = false): TargetEntry {
    const t = this.entries.get(id);
    if (!t) throw new Error(`no target with id "${id}"`);
    if (editable && t.spec.source === 'config') {
      throw new Error(
        `target "${t.spec.input.url}" comes from the config file ${this.deps.configFile}; edit it there`,
      );
    }
    return t;
  }

  private startLoop(t: TargetEntry): void {
    if (t.spec.paused || this.scrapingPaused || this.closed || t.loop) return;
    t.loop = this.newLoop(t.spec);
    t.loop.start();
  }

  private newLoop(spec: TargetSpec): Loop {
    const deps: ScrapeLoopDeps = { ...this.deps.loop, onScrape: (o) => this.scraped(o) };
    return spec.input.kind === 'tcp-stream' ? new TcpStreamLoop(spec, deps) : new ScrapeLoop(spec, deps);
  }

  private scraped(o: ScrapeOutcome): void {
    this.counters.scrapes++;
    if (!o.up) this.counters.scrapeFailures++;
    const t = this.entries.get(o.targetId);
    if (t) {
      t.runtime = {
        health: o.up ? 'up' : 'down',
        lastScrapeMs: o.timestampMs,
        lastDurationMs: o.durationMs,
        lastError: o.error,
        lastSamples: o.samples,
      };
    }
    this.deps.changed(o.commit.committed);
  }

  private async stopLoop(t: TargetEntry, endSeries: boolean): Promise<void> {
    const loop = t.loop;
    t.loop = null;
    if (!loop) return;
    const commit = await loop.stop(endSeries);
    if (commit) this.deps.changed(commit.committed);
  }

  /** New options for a target that stays (a reload): its series go on, no stale markers. */
  private restart(t: TargetEntry, spec: TargetSpec): void {
    const loop = t.loop;
    t.loop = null;
    t.spec = spec;
    const stopped = loop ? loop.stop(false) : Promise.resolve(null);
    stopped
      .then((commit) => {
        if (commit) this.deps.changed(commit.committed);
        if (this.started && this.entries.get(spec.id) === t) this.startLoop(t);
      })
      .catch((err: Error) => this.deps.log(`restarting ${spec.input.url}: ${err.message}`));
  }

  /** A paused target's last up or down says nothing of now: unknown. */
  private async stopPaused(t: TargetEntry): Promise<void> {
    await this.stopLoop(t, true);
    t.runtime = { ...t.runtime, health: 'unknown' };
  }

  private afterChange(): void {
    this.deps.settings.putSetting(
      TARGETS_SETTING_KEY,
      serializeUiTargets([...this.entries.values()].map((t) => t.spec)),
    );
    this.deps.changed(NO_SAMPLES);
  }
}

/** What makes a config target the same one across a discovery refresh. */
function syncKey(spec: TargetSpec): string {
  const i = spec.input;
  return `${labelsKey(spec.labels ?? {})}\n${i.url}\n${i.intervalMs}\n${i.timeoutMs}`;
}

/** Everything a target's loop uses, to tell whether a reload changed it. */
function optionsOf(spec: TargetSpec): string {
  return JSON.stringify({ ...spec, discoveredLabels: undefined });
}

/** URLs compared as fetched: `http://X:80/metrics` is `http://x/metrics`. */
function sameUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
