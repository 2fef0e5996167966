// Turns one scrape's body into stored samples with Prometheus 2.42's scrape-loop semantics:
// target labels (job, instance, static labels) with honor_labels conflict handling, explicit
// timestamps, metric_relabel_configs, the first of duplicate samples wins, staleness markers for series that vanished,
// all or nothing on a parse error, and the synthetic report series (up, scrape_*).
import type { LabelSet } from '../../../shared/api';
import { MetaBlocks, scrapeSampleError, seriesLabels } from '../../../shared/exposition';
import { SeriesTextCache } from './series-text-cache';
import { sharedString } from './own-string';
import { forEachSample, type BodyParser } from './parse-body';
import type { MetadataSink } from '../metadata';
import type { Appender, SeriesRef } from '../store/types';
import { labelsKey, normalizeLabels } from '../../../shared/labels-key';
import { relabel } from '../relabel/apply';
import type { RelabelRule } from '../relabel/rule';

export interface IngestOptions {
  targetLabels: LabelSet;
  honorLabels: boolean;
  honorTimestamps: boolean;
  sampleLimit: number;
  /** Receives the body's TYPE/HELP/UNIT lines (for /api/v1/metadata). */
  metadata?: MetadataSink;
  /** The body's parser (default: the Prometheus text/OpenMetrics parser). */
  parse?: BodyParser;
  /** metric_relabel_configs, applied to each new series after the target labels. */
  metricRelabel?: readonly RelabelRule[];
}

export interface IngestResult {
  /** Samples in the body (up to a parse error). */
  total: number;
  /** Samples after metric relabeling. */
  added: number;
  /** Series this scrape added that the previous scrapes of the target did not have. */
  seriesAdded: number;
  error: string | null;
}

/** An epoch no scrape has (epochs count from 1). */
const NEVER = -1;

/**
 * One series of a target as the scrape loop remembers it between scrapes. It holds its labels
 * only until the store has the series (the store keeps its own copy): after that the store's
 * handle in `slot` is what appends use, and should the store ever ask again (a rolled-back new
 * series), the labels are read back from the key, which spells them out.
 */
class SeriesRecord implements SeriesRef {
  slot: unknown = undefined;
  /** Epoch of the last scrape that exposed it (appended, without an explicit timestamp). */
  seen = NEVER;
  private held: LabelSet | null;

  constructor(
    readonly key: string,
    labels: LabelSet,
    /** Epoch of the last scrape whose body had it at all (for pruning the caches). */
    public used: number,
    /** Dropped by metric_relabel_configs: never appended (remembered so as not to relabel again). */
    readonly dropped: boolean,
  ) {
    this.held = labels;
  }

  get labels(): LabelSet {
    return this.held ?? labelsOfKey(this.key);
  }

  /** The store holds the series now (`slot` is set): the labels need not be kept twice. */
  stored(): void {
    this.held = null;
  }
}

/** The labels a labelsKey() spells out (sorted, without empty values). */
function labelsOfKey(key: string): LabelSet {
  const out: LabelSet = {};
  for (const [n, v] of JSON.parse(key) as [string, string][]) out[n] = v;
  return out;
}

const PRUNE_EVERY = 16;

/**
 * Per-target memory between scrapes: which series were exposed, and a cache from each series'
 * text as written to its labels and store handle. Like Prometheus's scrape cache, a line whose
 * series text is unchanged since the last scrape costs no label parsing, no label-key work and
 * no index lookup: only its value is parsed and appended.
 */
export class TargetSeriesState {
  /** Series texts as written → record (the text parser's fast path). */
  private texts = new SeriesTextCache<SeriesRecord>();
  /** The last body's runs of HELP / TYPE lines (the text parser replays unchanged ones). */
  private metaBlocks = new MetaBlocks();
  /** Name + labels joined → record, for parsers without series texts (OpenMetrics, JSON). */
  private cache = new Map<string, SeriesRecord>();
  private byKey = new Map<string, SeriesRecord>();
  private epoch = 0;
  /** Series exposed by the last successful scrape. */
  private prevExposed: SeriesRecord[] = [];
  /** The array the next scrape fills (swapped with prevExposed: reused, not old-space garbage). */
  private spareExposed: SeriesRecord[] = [];
  /** 0: no scrape yet (NEVER is no epoch either, so a new record never counts as seen). */
  private prevEpoch = 0;

  ingest(
    app: Appender,
    body: Uint8Array,
    contentType: string | null,
    scrapeTimeMs: number,
    opts: IngestOptions,
  ): IngestResult {
    const epoch = ++this.epoch;
    const prevEpoch = this.prevEpoch;
    const exposed = this.spareExposed;
    let exposedLen = 0;
    const limit = opts.sampleLimit;
    const honorTimestamps = opts.honorTimestamps;
    let total = 0;
    /** Samples past metric relabeling, for the sample limit (Prometheus limits those). */
    let kept = 0;
    let added = 0;
    let seriesAdded = 0;
    let error: string | null = null;
    /** Counts a sample (before anything can reject it, as Prometheus does); false past the limit. */
    const count = (): boolean => {
      total++;
      // Past the limit: keep counting (Prometheus reports the full total), store nothing.
      return error === null;
    };
    const put = (rec: SeriesRecord, miss: boolean, value: number, timestampMs: number | null): void => {
      rec.used = epoch;
      if (rec.dropped) return;
      if (limit > 0 && ++kept > limit) {
        error = `sample limit exceeded: more than ${limit} samples`;
        return;
      }
      const explicit = honorTimestamps && timestampMs !== null;
      const outcome = app.appendRef(rec, explicit ? timestampMs : scrapeTimeMs, value, false);
      if (miss && rec.slot !== undefined) rec.stored();
      added++;
      if (outcome === 'ok') {
        if (miss && rec.seen !== prevEpoch) seriesAdded++;
        if (!explicit && rec.seen !== epoch) {
          rec.seen = epoch;
          exposed[exposedLen++] = rec;
        }
      }
    };
    const cache = this.cache;
    const texts = this.texts;
    texts.begin();
    try {
      (opts.parse ?? forEachSample)(
        body,
        contentType,
        (name, flat, value, timestampMs, _line, seriesText) => {
          if (!count()) return;
          let rec =
            seriesText === undefined
              ? cache.get(flat.length === 0 ? name : name + '\u0000' + flat.join('\u0000'))
              : texts.lookup(seriesText);
          let miss = false;
          if (rec === undefined) {
            miss = true;
            const labels = relabelSample(mutateSampleLabels(name, flat, opts), opts.metricRelabel);
            if (labels === null) {
              rec = new SeriesRecord('', {}, epoch, true);
            } else {
              // The store keeps these values for the series' life: shared, and cut from the body.
              for (const n in labels) labels[n] = sharedString(labels[n]);
              const key = labelsKey(labels);
              rec = this.byKey.get(key);
              if (rec === undefined) {
                rec = new SeriesRecord(key, labels, epoch, false);
                this.byKey.set(key, rec);
              }
            }
            if (seriesText === undefined) {
              cache.set(flat.length === 0 ? name : name + '\u0000' + flat.join('\u0000'), rec);
            } else texts.add(seriesText, rec);
          }
          put(rec, miss, value, timestampMs);
        },
        opts.metadata,
        {
          known: (src, start) => texts.match(src, start),
          knownSample: (value, timestampMs) => {
            const rec = texts.takeMatched();
            if (count()) put(rec, false, value, timestampMs);
          },
          metaBlocks: this.metaBlocks,
        },
      );
    } catch (err) {
      error = (err as Error).message;
    }
    if (error !== null) {
      // Like Prometheus: drop everything this scrape appended, then end only the series that
      // the body did not get to before failing.
      app.rollback();
      this.staleVanished(app, epoch, scrapeTimeMs);
      return { total, added, seriesAdded, error };
    }
    this.staleVanished(app, epoch, scrapeTimeMs);
    texts.complete();
    if (exposed.length > exposedLen) exposed.length = exposedLen;
    this.spareExposed = this.prevExposed;
    this.prevExposed = exposed;
    this.prevEpoch = epoch;
    if (epoch % PRUNE_EVERY === 0) this.prune(epoch);
    return { total, added, seriesAdded, error: null };
  }

  /** A failed scrape (no body): every series of the last successful scrape ends now. */
  fail(app: Appender, scrapeTimeMs: number): void {
    this.staleVanished(app, ++this.epoch, scrapeTimeMs);
    this.prevExposed.length = 0;
    this.prevEpoch = this.epoch;
  }

  private staleVanished(app: Appender, epoch: number, t: number): void {
    for (const rec of this.prevExposed) if (rec.seen !== epoch) app.appendRef(rec, t, NaN, true);
  }

  /** Forgets series not exposed for a while (they are relabelled on their next appearance). */
  private prune(epoch: number): void {
    const horizon = epoch - PRUNE_EVERY;
    for (const [raw, rec] of this.cache) if (rec.used < horizon) this.cache.delete(raw);
    this.texts.prune((rec) => rec.used >= horizon);
    for (const [key, rec] of this.byKey) if (rec.used < horizon) this.byKey.delete(key);
  }
}

/** Applies target labels to a scraped sample's labels (scrape.go mutateSampleLabels). */
export function mutateSampleLabels(name: string, flat: readonly string[], opts: IngestOptions): LabelSet {
  const invalid = scrapeSampleError(name, flat);
  if (invalid) throw new Error(invalid);
  const exposed: LabelSet = {};
  // Not `{ ...exposed }`: a spread copy gets a hidden class of its own, and these records live
  // as long as their series (tens of thousands of extra maps for the GC to trace).
  const out: LabelSet = {};
  const sorted = flat.length === 0 ? ['__name__', name] : seriesLabels(name, flat);
  for (let i = 0; i < sorted.length; i += 2) {
    exposed[sorted[i]] = sorted[i + 1];
    out[sorted[i]] = sorted[i + 1];
  }
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

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * metric_relabel_configs on a series' labels, as Prometheus 2.42's scrape loop: null when dropped
 * (or relabelled to no labels at all); a series left without a valid __name__ or with an invalid
 * label name fails the whole scrape.
 */
export function relabelSample(labels: LabelSet, rules: readonly RelabelRule[] | undefined): LabelSet | null {
  if (!rules || rules.length === 0) return labels;
  const out = relabel(labels, rules);
  if (out === null || Object.keys(out).length === 0) return null;
  if (out.__name__ === undefined) throw new Error('missing metric name (__name__ label)');
  if (!METRIC_NAME.test(out.__name__) || Object.keys(out).some((n) => !LABEL_NAME.test(n))) {
    const text = Object.keys(out)
      .sort()
      .map((n) => `${n}=${JSON.stringify(out[n])}`)
      .join(', ');
    throw new Error(`invalid metric name or label names: {${text}}`);
  }
  return out;
}

export const REPORT_METRICS = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
] as const;

/** What a scrape reports about itself in its synthetic series. */
export interface ScrapeReport {
  up: boolean;
  durationSeconds: number;
  total: number;
  added: number;
  seriesAdded: number;
}

/**
 * The synthetic series Prometheus writes for every scrape of a target (up, scrape_duration_seconds,
 * ...), labelled with the target labels. Labelled once per target and kept as store refs, so a
 * scrape does not rebuild and re-key five label sets.
 */
export class ReportSeries {
  private readonly refs: SeriesRef[];

  constructor(targetLabels: LabelSet) {
    this.refs = REPORT_METRICS.map((name) => {
      const labels = normalizeLabels({ ...targetLabels, __name__: name });
      return { key: labelsKey(labels), labels, slot: undefined };
    });
  }

  append(app: Appender, t: number, r: ScrapeReport): void {
    const [up, duration, scraped, postRelabel, added] = this.refs;
    app.appendRef(up, t, r.up ? 1 : 0, false);
    app.appendRef(duration, t, r.durationSeconds, false);
    app.appendRef(scraped, t, r.total, false);
    app.appendRef(postRelabel, t, r.added, false);
    app.appendRef(added, t, r.seriesAdded, false);
  }

  /** Stale markers for the report series, when the target goes away. */
  appendStale(app: Appender, t: number): void {
    for (const ref of this.refs) app.appendRef(ref, t, NaN, true);
  }
}
