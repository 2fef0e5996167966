// Variables and built-ins substituted into a panel's queries and title, as Grafana's Prometheus
// datasource does: `$var`, `${var}`, `${var:format}`, `[[var]]`; multi-value and All joined as a
// regex alternation (values regex-escaped); `$__interval`, `$__rate_interval`, `$__range*`,
// `$__from`, `$__to`. A first slice: D2's shared/dashboards/templating/ replaces it when it lands.

/** A variable's current value(s); `all` when "All" is selected. */
export interface VarValue {
  values: string[];
  all: boolean;
  /** The value to use for All (the variable's allValue), else the options joined. */
  allValue?: string | null;
  multi: boolean;
}

export interface Builtins {
  intervalMs: number;
  rateIntervalMs: number;
  startMs: number;
  endMs: number;
}

const escapeRegex = (s: string) => s.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');

/** Grafana's interval text: whole units, largest first ("1m", "30s", "2h", "500ms"). */
export function formatInterval(ms: number): string {
  const units: [string, number][] = [
    ['y', 365 * 86_400_000],
    ['w', 7 * 86_400_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [u, n] of units) if (ms >= n && ms % n === 0) return `${ms / n}${u}`;
  return `${Math.max(1, Math.round(ms))}ms`;
}

function formatValue(v: VarValue, format: string | undefined): string {
  const vals = v.values;
  if (vals.length === 0) return '';
  if (format === 'csv') return vals.join(',');
  if (format === 'pipe') return vals.join('|');
  if (format === 'raw' || format === 'text') return vals.join(',');
  if (format === 'json') return JSON.stringify(vals);
  if (format === 'regex' || v.multi || v.all) {
    if (v.all && v.allValue) return v.allValue;
    const esc = vals.map(escapeRegex);
    return esc.length === 1 ? esc[0] : `(${esc.join('|')})`;
  }
  return vals.join(',');
}

function builtin(name: string, b: Builtins): string | null {
  switch (name) {
    case '__interval':
      return formatInterval(b.intervalMs);
    case '__interval_ms':
      return String(b.intervalMs);
    case '__rate_interval':
      return formatInterval(b.rateIntervalMs);
    case '__range':
      return `${Math.round((b.endMs - b.startMs) / 1000)}s`;
    case '__range_s':
      return String(Math.round((b.endMs - b.startMs) / 1000));
    case '__range_ms':
      return String(Math.round(b.endMs - b.startMs));
    case '__from':
      return String(Math.round(b.startMs));
    case '__to':
      return String(Math.round(b.endMs));
    default:
      return null;
  }
}

/** Substitutes what is known; unknown names stay as written (Grafana does the same). */
export function interpolate(text: string, vars: ReadonlyMap<string, VarValue>, b: Builtins | null): string {
  return text.replace(
    /\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)(?::(\w+))?\]\]|\$(\w+)/g,
    (whole, n1?: string, f1?: string, n2?: string, f2?: string, n3?: string) => {
      const name = (n1 ?? n2 ?? n3)!;
      const fmt = f1 ?? f2;
      if (name.startsWith('__')) return (b && builtin(name, b)) ?? whole;
      const v = vars.get(name);
      return v ? formatValue(v, fmt) : whole;
    },
  );
}

/** Grafana's rounding of a computed interval to a tidy one. */
export function roundInterval(ms: number): number {
  const table: [number, number][] = [
    [15, 10],
    [35, 20],
    [75, 50],
    [150, 100],
    [350, 200],
    [750, 500],
    [1500, 1000],
    [3500, 2000],
    [7500, 5000],
    [12500, 10_000],
    [17500, 15_000],
    [25000, 20_000],
    [45000, 30_000],
    [90000, 60_000],
    [210000, 120_000],
    [450000, 300_000],
    [750000, 600_000],
    [1050000, 900_000],
    [1500000, 1_200_000],
    [2700000, 1_800_000],
    [5400000, 3_600_000],
    [9000000, 7_200_000],
    [16200000, 10_800_000],
    [24300000, 21_600_000],
    [64800000, 43_200_000],
    [129600000, 86_400_000],
    [604800000, 604_800_000],
  ];
  if (ms <= 10) return 1;
  for (const [limit, v] of table) if (ms <= limit) return v;
  return 31_536_000_000;
}

/**
 * A panel's $__interval (ms): its range over its data points, rounded as Grafana rounds, at
 * least the minimum (the scrape interval or the panel's own min interval).
 */
export function panelIntervalMs(rangeMs: number, maxDataPoints: number, minMs: number): number {
  return Math.max(roundInterval(rangeMs / Math.max(1, maxDataPoints)), minMs);
}

/** Grafana's $__rate_interval: max($__interval + scrape interval, 4 × scrape interval). */
export function rateIntervalMs(intervalMs: number, scrapeMs: number): number {
  return Math.max(intervalMs + scrapeMs, 4 * scrapeMs);
}
