// Human-readable numbers for axes, legends, tooltips and the Targets table.
import type { Unit } from './units';

const siPrefixes: [number, string][] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Up to `digits` significant digits, trailing zeros dropped. */
export function trimNumber(v: number, digits = 3): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 10 ** digits) return String(Math.round(v));
  return String(Number(v.toPrecision(digits)));
}

/** Plain numbers: SI prefixes for large magnitudes, exponent for tiny ones. */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  for (const [f, p] of siPrefixes) if (abs >= f) return trimNumber(v / f, digits) + p;
  if (abs !== 0 && abs < 1e-3) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return trimNumber(v, digits);
}

/** Seconds as a duration: 250µs, 12.3ms, 4.5s, 3m 20s, 2h 5m, 3d 4h. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  const sign = s < 0 ? '-' : '';
  const a = Math.abs(s);
  if (a === 0) return '0s';
  if (a < 1e-6) return sign + trimNumber(a * 1e9) + 'ns';
  if (a < 1e-3) return sign + trimNumber(a * 1e6) + 'µs';
  if (a < 1) return sign + trimNumber(a * 1e3) + 'ms';
  if (a < 60) return sign + trimNumber(a) + 's';
  const parts: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  let rest = Math.round(a);
  const out: string[] = [];
  for (const [f, u] of parts) {
    if (rest >= f) {
      out.push(Math.floor(rest / f) + u);
      rest %= f;
    }
    if (out.length === 2) break;
  }
  return sign + out.join(' ');
}

const iec = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes with IEC (1024-based) units: 512 B, 1.5 KiB, 3.2 GiB. */
export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return String(b);
  const sign = b < 0 ? '-' : '';
  let a = Math.abs(b);
  let i = 0;
  while (a >= 1024 && i < iec.length - 1) {
    a /= 1024;
    i++;
  }
  return sign + trimNumber(a) + ' ' + iec[i];
}

/** A 0..1 ratio as a percentage. */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return String(r);
  return trimNumber(r * 100) + '%';
}

export function formatValue(v: number | null | undefined, unit: Unit): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  switch (unit) {
    case 'seconds':
      return formatSeconds(v);
    case 'bytes':
      return formatBytes(v);
    case 'ratio':
      return formatRatio(v);
    case 'percent':
      return trimNumber(v) + '%';
    case 'date':
      return formatTimestamp(v * 1000);
    default:
      return formatNumber(v);
  }
}

/** "just now", "12s ago", "5m ago", "3h ago", "2d ago"; future times read "in 5s". */
export function formatRelativeTime(ms: number, nowMs: number): string {
  const d = nowMs - ms;
  const a = Math.abs(d);
  if (a < 1000) return 'just now';
  const s = Math.round(a / 1000);
  let txt: string;
  if (s < 60) txt = `${s}s`;
  else if (s < 3600) txt = `${Math.floor(s / 60)}m ${s % 60}s`;
  else if (s < 86400) txt = `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  else txt = `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
  return d >= 0 ? `${txt} ago` : `in ${txt}`;
}

/** A duration given in milliseconds (scrape durations, intervals). */
export function formatMs(ms: number): string {
  return formatSeconds(ms / 1000);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Local time as YYYY-MM-DD HH:MM:SS (tooltips, tables). */
export function formatTimestamp(ms: number, withMs = false): string {
  const d = new Date(ms);
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withMs ? `${base}.${pad(d.getMilliseconds(), 3)}` : base;
}

/**
 * Time-axis tick labels (24-hour clock, local time): seconds only when ticks are closer than a
 * minute; the date goes on a second line of the first tick and wherever the day changes.
 */
export function formatTimeTicks(splitsSec: number[], incrSec: number): string[] {
  let prevDay = '';
  return splitsSec.map((s) => {
    const d = new Date(s * 1000);
    const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const newDay = day !== prevDay;
    prevDay = day;
    if (incrSec >= 86_400) return day;
    const clock =
      incrSec < 60
        ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
        : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return newDay ? `${clock}\n${day}` : clock;
  });
}
