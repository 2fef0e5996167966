// Time ranges of charts: relative ("last 1h", follows now) or absolute (a zoomed or typed window).
export type TimeRange =
  { kind: 'relative'; durationMs: number } | { kind: 'absolute'; startMs: number; endMs: number };

export const rangePresets: { label: string; durationMs: number }[] = [
  { label: '5m', durationMs: 5 * 60_000 },
  { label: '15m', durationMs: 15 * 60_000 },
  { label: '1h', durationMs: 3_600_000 },
  { label: '6h', durationMs: 6 * 3_600_000 },
  { label: '24h', durationMs: 24 * 3_600_000 },
];

const unitMs: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

/** Prometheus-style duration ("90s", "1h30m", "2d") to ms; null when it does not parse. */
export function parseDuration(s: string): number | null {
  const txt = s.trim();
  if (!txt) return null;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(txt)) !== null) {
    total += Number(m[1]) * unitMs[m[2]];
    consumed = re.lastIndex;
  }
  if (consumed !== txt.length || total <= 0) return null;
  return Math.round(total);
}

/** ms to the shortest Prometheus duration string: 300000 → "5m", 5400000 → "1h30m". */
export function formatDurationShort(ms: number): string {
  if (ms <= 0) return '0s';
  const order = ['w', 'd', 'h', 'm', 's', 'ms'];
  let rest = Math.round(ms);
  let out = '';
  for (const u of order) {
    const f = unitMs[u];
    if (rest >= f) {
      out += Math.floor(rest / f) + u;
      rest %= f;
    }
  }
  return out;
}

/** The concrete window of a range at time `nowMs`. */
export function resolveRange(r: TimeRange, nowMs: number): { startMs: number; endMs: number } {
  return r.kind === 'relative'
    ? { startMs: nowMs - r.durationMs, endMs: nowMs }
    : { startMs: r.startMs, endMs: r.endMs };
}

const niceSteps = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
].map((s) => s * 1000);

/** A step (ms) that keeps a window under `maxPoints` points: a "nice" value, at least 1 s. */
export function chooseStepMs(rangeMs: number, maxPoints = 1500): number {
  const raw = Math.max(1000, rangeMs / maxPoints);
  for (const s of niceSteps) if (s >= raw) return s;
  return Math.ceil(raw / 86_400_000) * 86_400_000;
}

/** Points a chart of `widthPx` can show usefully: about one per pixel, capped at 1500. */
export function maxPointsForWidth(widthPx: number): number {
  return Math.max(100, Math.min(1500, Math.round(widthPx)));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** ms → the value of an <input type="datetime-local"> (local time, seconds precision). */
export function toDatetimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The value of a datetime-local input → ms, or null. */
export function fromDatetimeLocal(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s);
  if (!m) return null;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
  const t = d.getTime();
  return Number.isFinite(t) ? t : null;
}

/** How a range reads in the URL hash: "1h" or "<start>-<end>" in ms. */
export function rangeToParam(r: TimeRange): string {
  return r.kind === 'relative'
    ? formatDurationShort(r.durationMs)
    : `${Math.round(r.startMs)}-${Math.round(r.endMs)}`;
}

export function rangeFromParam(s: string | null | undefined): TimeRange | null {
  if (!s) return null;
  const abs = /^(\d+)-(\d+)$/.exec(s);
  if (abs) {
    const startMs = Number(abs[1]);
    const endMs = Number(abs[2]);
    return endMs > startMs ? { kind: 'absolute', startMs, endMs } : null;
  }
  const d = parseDuration(s);
  return d === null ? null : { kind: 'relative', durationMs: d };
}
