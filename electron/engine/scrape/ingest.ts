// Turns one scrape's body into stored samples with Prometheus 2.42's scrape-loop semantics:
// target labels (job, instance, static labels) with honor_labels conflict handling, explicit
// timestamps, the first of duplicate samples wins, staleness markers for series that vanished,
// all or nothing on a parse error, and the synthetic report series (up, scrape_*).
import type { LabelSet } from '../../../shared/api';
import { scrapeSampleError, seriesLabels } from '../../../shared/exposition';
import { forEachSample } from './parse-body';
import type { MetadataSink } from '../metadata';
import type { Appender } from '../store/types';
import { labelsKey } from '../store/labels-key';

interface CachedSeries {
  labels: LabelSet;
  key: string;
}

export interface IngestOptions {
  targetLabels: LabelSet;
  honorLabels: boolean;
  honorTimestamps: boolean;
  sampleLimit: number;
  /** Receives the body's TYPE/HELP/UNIT lines (for /api/v1/metadata). */
  metadata?: MetadataSink;
}

export interface IngestResult {
  /** Samples in the body (up to a parse error). */
  total: number;
  /** Samples after relabeling (Promdesk has no metric relabeling yet, so = total). */
  added: number;
  /** Series this scrape added that the previous scrapes of the target did not have. */
  seriesAdded: number;
  error: string | null;
}

/** Per-target memory between scrapes: which series were exposed, and a label cache. */
export class TargetSeriesState {
  /** Series (without explicit timestamps) exposed by the last scrape, by series key. */
  private prevExposed = new Map<string, LabelSet>();
  private cache = new Map<string, CachedSeries>();

  ingest(
    app: Appender,
    body: Uint8Array,
    contentType: string | null,
    scrapeTimeMs: number,
    opts: IngestOptions,
  ): IngestResult {
    const exposed = new Map<string, LabelSet>();
    const nextCache = new Map<string, CachedSeries>();
    let total = 0;
    let added = 0;
    let seriesAdded = 0;
    let error: string | null = null;
    try {
      forEachSample(
        body,
        contentType,
        (name, flat, value, timestampMs) => {
          total++;
          if (opts.sampleLimit > 0 && total > opts.sampleLimit) {
            // Keep counting (Prometheus reports the full total), store nothing of this scrape.
            error = `sample limit exceeded: more than ${opts.sampleLimit} samples`;
            return;
          }
          const raw = flat.length === 0 ? name : name + '\u0000' + flat.join('\u0000');
          let entry = this.cache.get(raw) ?? nextCache.get(raw);
          if (!entry) {
            const labels = mutateSampleLabels(name, flat, opts);
            entry = { labels, key: labelsKey(labels) };
          }
          nextCache.set(raw, entry);
          const ts = opts.honorTimestamps && timestampMs !== null ? timestampMs : scrapeTimeMs;
          const outcome = app.append(entry.labels, ts, value, entry.key);
          added++;
          if (outcome === 'ok') {
            if (timestampMs === null || !opts.honorTimestamps) exposed.set(entry.key, entry.labels);
            if (!this.prevExposed.has(entry.key) && !this.cache.has(raw)) seriesAdded++;
          }
        },
        opts.metadata,
      );
    } catch (err) {
      error = (err as Error).message;
    }
    if (error !== null) {
      // Like Prometheus: drop everything this scrape appended, then end only the series that
      // the body did not get to before failing.
      app.rollback();
      this.staleVanished(app, exposed, scrapeTimeMs);
      this.cache = nextCache.size > 0 ? nextCache : this.cache;
      return { total, added, seriesAdded, error };
    }
    this.staleVanished(app, exposed, scrapeTimeMs);
    this.prevExposed = exposed;
    this.cache = nextCache;
    return { total, added, seriesAdded, error: null };
  }

  /** A failed scrape (no body): every series of the last successful scrape ends now. */
  fail(app: Appender, scrapeTimeMs: number): void {
    this.staleVanished(app, new Map(), scrapeTimeMs);
    this.prevExposed = new Map();
  }

  private staleVanished(app: Appender, exposed: Map<string, LabelSet>, t: number): void {
    for (const [key, labels] of this.prevExposed) if (!exposed.has(key)) app.appendStale(labels, t);
  }
}

/** Applies target labels to a scraped sample's labels (scrape.go mutateSampleLabels). */
export function mutateSampleLabels(name: string, flat: readonly string[], opts: IngestOptions): LabelSet {
  const invalid = scrapeSampleError(name, flat);
  if (invalid) throw new Error(invalid);
  const exposed: LabelSet = {};
  const sorted = flat.length === 0 ? ['__name__', name] : seriesLabels(name, flat);
  for (let i = 0; i < sorted.length; i += 2) exposed[sorted[i]] = sorted[i + 1];
  const out: LabelSet = { ...exposed };
  const target = opts.targetLabels;
  if (opts.honorLabels) {
    for (const [n, v] of Object.entries(target)) if (!exposed[n]) out[n] = v;
  } else {
    const conflicts: [string, string][] = [];
    for (const [n, v] of Object.entries(target)) {
      if (exposed[n]) conflicts.push([n, exposed[n]]);
      out[n] = v;
    }
    if (conflicts.length > 0) {
      // Shortest names first; each conflicting label moves to exported_<name>, prefixed again
      // until the name is free among exposed labels, target labels and earlier renames.
      conflicts.sort((a, b) => a[0].length - b[0].length);
      const taken = new Set<string>();
      for (const [n, v] of conflicts) {
        let newName = n;
        do newName = 'exported_' + newName;
        while (newName in exposed || newName in target || taken.has(newName));
        taken.add(newName);
        out[newName] = v;
      }
    }
  }
  for (const n of Object.keys(out)) if (out[n] === '') delete out[n];
  return out;
}

/** The synthetic series Prometheus writes for every scrape, labelled with the target labels. */
export function appendReport(
  app: Appender,
  targetLabels: LabelSet,
  t: number,
  r: { up: boolean; durationSeconds: number; total: number; added: number; seriesAdded: number },
): void {
  const add = (name: string, v: number) => app.append({ ...targetLabels, __name__: name }, t, v);
  add('up', r.up ? 1 : 0);
  add('scrape_duration_seconds', r.durationSeconds);
  add('scrape_samples_scraped', r.total);
  add('scrape_samples_post_metric_relabeling', r.added);
  add('scrape_series_added', r.seriesAdded);
}

export const REPORT_METRICS = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
] as const;

/** Stale markers for a target's report series, when the target goes away. */
export function appendReportStale(app: Appender, targetLabels: LabelSet, t: number): void {
  for (const name of REPORT_METRICS) app.appendStale({ ...targetLabels, __name__: name }, t);
}
