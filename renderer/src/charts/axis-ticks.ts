// Y-axis tick labels with one scale and one number of decimals for the whole axis, the decimals
// picked from the tick step. Formatting each tick on its own to 3 significant digits printed
// "30.7, 30.7, 30.7" (or "22.9 GiB" twice) whenever the range was narrow.
import { formatSeconds, formatTimestamp } from '../lib/format';
import type { Unit } from '../lib/units';

interface Scale {
  factor: number;
  suffix: string;
}

const si: [number, string][] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];
const iec = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const durations: [number, string][] = [
  [86400, 'd'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
  [1e-3, 'ms'],
  [1e-6, 'µs'],
  [1e-9, 'ns'],
];

/** The one scale for an axis, chosen from its largest magnitude. */
function scaleFor(unit: Unit, maxAbs: number): Scale {
  switch (unit) {
    case 'bytes': {
      let i = 0;
      while (maxAbs >= 1024 ** (i + 1) && i < iec.length - 1) i++;
      return { factor: 1024 ** i, suffix: ' ' + iec[i] };
    }
    case 'seconds': {
      const d = durations.find(([f]) => maxAbs >= f) ?? durations[durations.length - 1];
      return { factor: d[0], suffix: d[1] };
    }
    case 'ratio':
      return { factor: 0.01, suffix: '%' };
    case 'percent':
      return { factor: 1, suffix: '%' };
    default: {
      const p = si.find(([f]) => maxAbs >= f);
      return p ? { factor: p[0], suffix: p[1] } : { factor: 1, suffix: '' };
    }
  }
}

const MAX_DECIMALS = 12;

/**
 * Labels for the ticks `splits`, `step` apart. `decimals` (a panel's setting) is a floor: more
 * are used where it would make two labels equal.
 */
export function formatAxisTicks(splits: number[], step: number, unit: Unit, decimals?: number): string[] {
  if (splits.length === 0) return [];
  if (unit === 'date') return splits.map((s) => formatTimestamp(s * 1000));
  const finite = splits.filter(Number.isFinite);
  const maxAbs = finite.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  // Whole-second durations of a minute or more read best as "2h 30m" when that tells them apart.
  if (unit === 'seconds' && maxAbs >= 60 && step >= 1 && decimals === undefined) {
    const out = splits.map(formatSeconds);
    if (new Set(out).size === out.length) return out;
  }
  const { factor, suffix } = scaleFor(unit, maxAbs);
  const scaledStep = Math.abs(step) / factor;
  let d = decimals ?? 0;
  if (decimals === undefined && scaledStep > 0 && Number.isFinite(scaledStep)) {
    // Enough decimals that each label is within a tenth of a step of its tick (2.5 → 1 decimal).
    while (d < MAX_DECIMALS && roundingError(finite, factor, d) > scaledStep * 0.1) d++;
  }
  let out = splits.map((v) => label(v, factor, d, suffix));
  while (new Set(out).size < out.length && d < MAX_DECIMALS) {
    d++;
    out = splits.map((v) => label(v, factor, d, suffix));
  }
  return out;
}

function roundingError(values: number[], factor: number, d: number): number {
  let worst = 0;
  for (const v of values) {
    const x = v / factor;
    worst = Math.max(worst, Math.abs(Number(x.toFixed(d)) - x));
  }
  return worst;
}

function label(v: number, factor: number, d: number, suffix: string): string {
  if (!Number.isFinite(v)) return String(v);
  let s = (v / factor).toFixed(d);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1); // no "-0"
  return s + suffix;
}
