// Grafana's time expressions in a dashboard URL: `now`, `now-15m`, `now-1d/d` (rounded down to the
// unit), epoch milliseconds, or an ISO date. Resolved against a given "now".
const unitMs: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

/** ms since the epoch for `expr`, or null when it is not a time Grafana would accept. */
export function parseDashTime(expr: string, nowMs: number): number | null {
  const s = expr.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^now(?:([+-])(\d+)([smhdwMy]))?(?:\/([smhdwMy]))?$/.exec(s);
  if (m) {
    let t = nowMs;
    if (m[1]) t += (m[1] === '-' ? -1 : 1) * Number(m[2]) * unitMs[m[3]];
    if (m[4]) t = Math.floor(t / unitMs[m[4]]) * unitMs[m[4]];
    return t;
  }
  const iso = Date.parse(s);
  return Number.isFinite(iso) ? iso : null;
}

export interface DashRange {
  from: string;
  to: string;
}

/** The window a range covers now; a bad expression falls back to the last 6 hours. */
export function resolveDashRange(r: DashRange, nowMs: number): { startMs: number; endMs: number } {
  const end = parseDashTime(r.to, nowMs) ?? nowMs;
  const start = parseDashTime(r.from, nowMs) ?? end - 6 * 3_600_000;
  return start < end ? { startMs: start, endMs: end } : { startMs: end - 6 * 3_600_000, endMs: end };
}

/** Grafana's quick ranges (the common ones). */
export const quickRanges: { label: string; from: string; to: string }[] = [
  { label: 'Last 5 minutes', from: 'now-5m', to: 'now' },
  { label: 'Last 15 minutes', from: 'now-15m', to: 'now' },
  { label: 'Last 30 minutes', from: 'now-30m', to: 'now' },
  { label: 'Last 1 hour', from: 'now-1h', to: 'now' },
  { label: 'Last 3 hours', from: 'now-3h', to: 'now' },
  { label: 'Last 6 hours', from: 'now-6h', to: 'now' },
  { label: 'Last 12 hours', from: 'now-12h', to: 'now' },
  { label: 'Last 24 hours', from: 'now-24h', to: 'now' },
  { label: 'Last 2 days', from: 'now-2d', to: 'now' },
  { label: 'Last 7 days', from: 'now-7d', to: 'now' },
  { label: 'Today so far', from: 'now/d', to: 'now' },
];

/** A range's label: its quick range's name, else "from to to". */
export function rangeLabel(r: DashRange): string {
  return quickRanges.find((q) => q.from === r.from && q.to === r.to)?.label ?? `${r.from} to ${r.to}`;
}
