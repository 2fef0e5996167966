// One loop per target, like Prometheus: scrapes at a fixed interval with a stable per-target
// offset (so targets do not all fire together, and keep their phase across restarts), never
// two scrapes of one target at once (a slow scrape skips the ticks it overran), each scrape
// bounded by the timeout, and every scrape committed as one batch.
import type { Appender, CommitResult } from '../store/types';
import type { MetadataCache } from '../metadata';
import type { LabelSet } from '../../../shared/api';
import type { Clock } from './clock';
import { FetchError, type HttpClient } from './http-fetch';
import { ReportSeries, TargetSeriesState, type ScrapeReport } from './ingest';
import { NO_SAMPLES } from '../store/sample-batch';
import { targetLabelsOf, type TargetSpec } from './target-spec';
import { authHeaders } from './auth-headers';
import { bodyStepOf } from '../sources/body-step';

/** Prometheus 2.42's scrape Accept header: OpenMetrics preferred, the text format next. */
export const ACCEPT_HEADER =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;
export const USER_AGENT = 'Promdesk/0.1';

export interface ScrapeOutcome {
  targetId: string;
  timestampMs: number;
  durationMs: number;
  up: boolean;
  error: string | null;
  samples: number;
  commit: CommitResult;
}

export interface ScrapeLoopDeps {
  client: HttpClient;
  /** A batch for one scrape, sized for about `expectedSamples`. */
  appender: (expectedSamples?: number) => Appender;
  clock: Clock;
  onScrape: (outcome: ScrapeOutcome) => void;
  /** Learns TYPE/HELP/UNIT from scraped bodies. */
  metadata?: MetadataCache;
}

/**
 * Appends the report series and commits a scrape's batch. If the store refuses it (a full disk),
 * the scrape failed: the error says why, and the report series alone are tried again with
 * up = 0, a far smaller commit that a nearly full disk may still take. If that fails as well,
 * nothing of the scrape is stored; the target's error and /metrics' failed commits tell.
 */
export function commitScrape(
  app: Appender,
  appender: ScrapeLoopDeps['appender'],
  report: ReportSeries,
  ts: number,
  r: ScrapeReport,
): { commit: CommitResult; error: string | null } {
  report.append(app, ts, r);
  try {
    return { commit: app.commit(), error: null };
  } catch (err) {
    const error = `storing the scrape failed: ${(err as Error).message}`;
    const retry = appender(8);
    report.append(retry, ts, { ...r, up: false });
    try {
      return { commit: retry.commit(), error };
    } catch {
      return { commit: { samples: 0, newSeries: 0, committed: NO_SAMPLES }, error };
    }
  }
}

/** FNV-1a of the target's identity: a stable phase within the interval. */
export function scrapeOffsetMs(key: string, intervalMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % intervalMs;
}

/** The first aligned tick strictly after `now`. */
export function nextTick(now: number, intervalMs: number, offsetMs: number): number {
  const k = Math.floor((now - offsetMs) / intervalMs) + 1;
  return k * intervalMs + offsetMs;
}

export class ScrapeLoop {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private abort = new AbortController();
  /** A fetch is under way (stop() aborts it). */
  private inFlight = false;
  /** Request headers, the same for every scrape of this spec (built on first use). */
  private headers: Record<string, string> | null = null;
  private stopped = true;
  private readonly series = new TargetSeriesState();
  private lastScrapeMs: number | null = null;
  /** About how many samples the next scrape's batch will hold (the last one's count). */
  private expectedSamples = 0;
  readonly targetLabels: LabelSet;
  private readonly report: ReportSeries;
  private readonly step: ReturnType<typeof bodyStepOf>;

  constructor(
    readonly spec: TargetSpec,
    private readonly deps: ScrapeLoopDeps,
  ) {
    this.targetLabels = targetLabelsOf(spec);
    this.report = new ReportSeries(this.targetLabels);
    this.step = bodyStepOf(spec.input, ACCEPT_HEADER);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const { intervalMs } = this.spec.input;
    const offset = scrapeOffsetMs(`${this.spec.input.job}|${this.spec.input.url}`, intervalMs);
    const now = this.deps.clock.now();
    const at = nextTick(now, intervalMs, offset);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.running = this.scrapeOnce(at)
        .then(() => undefined)
        .catch((err: Error) =>
          console.error(`scrape of ${this.spec.input.url} failed to store: ${err.message}`),
        )
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, at - now);
  }

  /** Runs one scrape now (also used by tests and "scrape now" actions). */
  async scrapeOnce(scheduledMs = this.deps.clock.now()): Promise<ScrapeOutcome> {
    const { clock } = this.deps;
    const startMs = clock.now();
    // Like Prometheus's timestamp tolerance: a scrape that starts within 2 ms of its tick is
    // stamped with the tick, which keeps intervals exact and compresses better.
    const ts = Math.abs(startMs - scheduledMs) <= 2 ? scheduledMs : startMs;
    const input = this.spec.input;
    this.headers ??= {
      Accept: this.step.accept,
      'User-Agent': USER_AGENT,
      'X-Prometheus-Scrape-Timeout-Seconds': String(input.timeoutMs / 1000),
      ...authHeaders(input.auth),
    };
    // One controller serves scrape after scrape until stop() aborts it.
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.inFlight = true;
    let body: Uint8Array | null = null;
    let contentType: string | null = null;
    let error: string | null = null;
    try {
      const res = await this.deps.client.fetch(
        {
          url: input.url,
          timeoutMs: input.timeoutMs,
          bodySizeLimitBytes: this.spec.bodySizeLimitBytes || DEFAULT_BODY_LIMIT,
          headers: this.headers,
          tlsInsecureSkipVerify: input.tlsInsecureSkipVerify,
          caFile: this.spec.caFile,
          followRedirects: this.spec.followRedirects,
        },
        this.abort.signal,
      );
      body = res.body;
      contentType = res.contentType;
    } catch (err) {
      error = err instanceof FetchError ? err.message : `scrape failed: ${(err as Error).message}`;
    } finally {
      this.inFlight = false;
    }
    const durationMs = clock.now() - startMs;
    const app = this.deps.appender(this.expectedSamples);
    let total = 0;
    let added = 0;
    let seriesAdded = 0;
    if (body !== null) {
      const meta = this.deps.metadata?.sink();
      const r = this.series.ingest(app, body, contentType, ts, {
        targetLabels: this.targetLabels,
        honorLabels: input.honorLabels,
        honorTimestamps: input.honorTimestamps,
        sampleLimit: this.spec.sampleLimit,
        metadata: meta,
        parse: this.step.parse,
        metricRelabel: this.spec.metricRelabel,
      });
      meta?.done();
      ({ total, added, seriesAdded } = r);
      error = r.error;
      if (error !== null && /^text\/html\b/i.test(contentType ?? '')) {
        error = `the target answered with an HTML page (Content-Type ${contentType}), not metrics: ${error}`;
      }
    } else {
      this.series.fail(app, ts);
    }
    const stored = commitScrape(app, this.deps.appender, this.report, ts, {
      up: error === null,
      durationSeconds: durationMs / 1000,
      total,
      added,
      seriesAdded,
    });
    const commit = stored.commit;
    if (stored.error === null) {
      // Stale markers and the report series ride along; a few spare slots cover small growth.
      this.expectedSamples = commit.samples + 16;
    } else error = error === null ? stored.error : `${error}; ${stored.error}`;
    this.lastScrapeMs = ts;
    const outcome: ScrapeOutcome = {
      targetId: this.spec.id,
      timestampMs: ts,
      durationMs,
      up: error === null,
      error,
      samples: total,
      commit,
    };
    this.deps.onScrape(outcome);
    return outcome;
  }

  /**
   * Stops the loop. `endSeries` writes staleness markers for everything the target exposed
   * (the target was removed or paused); on shutdown they are not written, as in Prometheus,
   * because the target will most likely be scraped again after a restart.
   */
  async stop(endSeries: boolean): Promise<CommitResult | null> {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight) this.abort.abort();
    if (this.running) await this.running.catch(() => undefined);
    if (!endSeries || this.lastScrapeMs === null) return null;
    const app = this.deps.appender();
    const t = Math.max(this.deps.clock.now(), this.lastScrapeMs + 1);
    this.series.fail(app, t);
    this.report.appendStale(app, t);
    return app.commit();
  }
}
