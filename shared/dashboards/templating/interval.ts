// A query's step and the time built-ins ($__interval, $__rate_interval, $__range, $__from...),
// computed as Grafana's query runner and its Prometheus datasource compute them. Promdesk knows
// each target's real scrape interval, so that is the low limit and the rate floor, where Grafana
// uses a datasource setting the user must keep in step by hand.

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 2_592_000_000,
  y: 31_536_000_000,
};

/**
 * Grafana's interval text ("30s", "1m", "1.5h", ">10s", or a bare number of seconds) in ms;
 * undefined when empty or not an interval.
 */
export function intervalToMs(text: string | number | undefined | null): number | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * 1000 : undefined;
  const m = /^>?\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|M|y)?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] ?? 's'];
}

// Grafana's rounding table (rangeutil.roundInterval): [below this many ms, use this many ms].
const ROUNDING: ReadonlyArray<readonly [number, number]> = [
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, 1000],
  [3500, 2000],
  [7500, 5000],
  [12500, 10000],
  [17500, 15000],
  [25000, 20000],
  [45000, 30000],
  [90000, 60000],
  [450000, 300000],
  [1350000, 900000],
  [2700000, 1800000],
  [5400000, 3600000],
  [9000000, 7200000],
  [16200000, 10800000],
  [32400000, 21600000],
  [86400000, 43200000],
  [604800000, 86400000],
  [1814400000, 604800000],
  [3628800000, 2592000000],
];

/** Rounds a raw interval to Grafana's "nice" steps (10ms ... 1y). */
export function roundInterval(ms: number): number {
  for (const [below, to] of ROUNDING) if (ms < below) return to;
  return 31_536_000_000;
}

/** Grafana's secondsToHms: the largest whole unit, e.g. 60 → "1m", 0.5 → "500ms". */
export function secondsToHms(seconds: number): string {
  const years = Math.floor(seconds / 31536000);
  if (years) return `${years}y`;
  const days = Math.floor((seconds % 31536000) / 86400);
  if (days) return `${days}d`;
  const hours = Math.floor(((seconds % 31536000) % 86400) / 3600);
  if (hours) return `${hours}h`;
  const minutes = Math.floor((((seconds % 31536000) % 86400) % 3600) / 60);
  if (minutes) return `${minutes}m`;
  const secs = Math.floor((((seconds % 31536000) % 86400) % 3600) % 60);
  if (secs) return `${secs}s`;
  const ms = Math.floor(seconds * 1000);
  if (ms) return `${ms}ms`;
  return 'less than a millisecond';
}

/** Range / resolution, rounded, at least `lowLimitMs` (Grafana's rangeutil.calculateInterval). */
export function calculateInterval(rangeMs: number, resolution: number, lowLimitMs = 1): number {
  const raw = roundInterval(rangeMs / Math.max(1, resolution));
  return Math.max(raw, lowLimitMs);
}

/** Seconds as a PromQL duration: whole seconds as "20s", fractions in ms (PromQL has no "2.5s"). */
function promSeconds(s: number): string {
  return Number.isInteger(s) ? `${s}s` : `${Math.round(s * 1000)}ms`;
}

// Grafana writes $__interval with secondsToHms, which drops remainders (90 s → "1m"); keep its
// text where it is exact and write seconds where it would not be.
function intervalText(s: number): string {
  const hms = secondsToHms(s);
  return intervalToMs(hms) === s * 1000 ? hms : promSeconds(s);
}

export interface TimingInput {
  fromMs: number;
  toMs: number;
  /** The panel's maxDataPoints, else its width in pixels. */
  maxDataPoints?: number;
  widthPx?: number;
  /** The panel's "min interval" (panel.interval), already interpolated. */
  panelInterval?: string;
  /** The target's own min interval (target.interval), already interpolated. */
  targetInterval?: string;
  intervalFactor?: number;
  /** The true scrape interval of what the query reads, in seconds (Grafana's ds timeInterval). */
  scrapeIntervalS: number;
}

export interface QueryTiming {
  /** The query_range step, seconds. */
  stepS: number;
  /** The values of the built-ins, as text to put in queries. */
  builtins: Record<string, string>;
}

/** Step and built-ins of one target, as Grafana's Prometheus datasource computes them. */
export function queryTiming(t: TimingInput): QueryTiming {
  const rangeMs = Math.max(0, t.toMs - t.fromMs);
  const scrapeS = t.scrapeIntervalS > 0 ? t.scrapeIntervalS : 15;
  const resolution = t.maxDataPoints || t.widthPx || 1000;
  const lowLimitMs = intervalToMs(t.panelInterval) || scrapeS * 1000;
  const dynamicS = calculateInterval(rangeMs, resolution, lowLimitMs) / 1000;
  const targetS = (intervalToMs(t.targetInterval) ?? 0) / 1000 || undefined;
  const minS = targetS ?? dynamicS;
  const rateScrapeS = targetS ?? scrapeS;
  const rangeS = Math.ceil(rangeMs / 1000);
  let safeS = rangeS / 11000;
  if (safeS > 1) safeS = Math.ceil(safeS);
  const factor = t.intervalFactor && t.intervalFactor > 0 ? t.intervalFactor : 1;
  const stepS = Math.max(dynamicS * factor, minS, safeS);
  const rateS = Math.max(stepS + rateScrapeS, 4 * rateScrapeS);
  const rangeRoundS = Math.round(rangeMs / 1000);
  return {
    stepS,
    builtins: {
      __interval: intervalText(stepS),
      __interval_ms: String(Math.round(stepS * 1000)),
      __rate_interval: promSeconds(rateS),
      __rate_interval_ms: String(Math.round(rateS * 1000)),
      __range: `${rangeRoundS}s`,
      __range_s: String(rangeRoundS),
      __range_ms: String(rangeMs),
      __from: String(Math.round(t.fromMs)),
      __to: String(Math.round(t.toMs)),
    },
  };
}

/** Start and end of a range query, aligned to the step as Grafana aligns them (seconds). */
export function alignRange(fromS: number, toS: number, stepS: number): { start: number; end: number } {
  const start = Math.floor(fromS / stepS) * stepS;
  return { start, end: Math.max(start, Math.floor(toS / stepS) * stepS) };
}
