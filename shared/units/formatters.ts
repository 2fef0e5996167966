// The kinds of formatter Grafana's units are built from: a fixed suffix, scaling by 1000 or 1024
// through prefixes, counts with K/M/B, time units that change scale, durations, clocks, dates and
// booleans. Each returns the parts (prefix, text, suffix) so a legend can align them.
import { toFixed } from './to-fixed';

export interface FormattedValue {
  prefix?: string;
  text: string;
  suffix?: string;
}

export type ValueFormatter = (value: number, decimals?: number | null) => FormattedValue;

function special(value: number): FormattedValue | undefined {
  return Number.isFinite(value) ? undefined : { text: toFixed(value) };
}

/** The number with a fixed unit after it (or before it, for currencies). */
export function fixedUnit(unit: string, asPrefix = false): ValueFormatter {
  return (value, decimals) => {
    const text = toFixed(value, decimals);
    if (!unit) return { text };
    return asPrefix ? { prefix: unit, text } : { text, suffix: ` ${unit}` };
  };
}

/**
 * Scales by `factor` and picks the suffix for the power used; `offset` is the index of the
 * unscaled suffix (values below 1 use the suffixes before it, where there are any).
 */
export function scaledUnits(factor: number, suffixes: readonly string[], offset = 0): ValueFormatter {
  return (value, decimals) => {
    const bad = special(value);
    if (bad) return bad;
    const power = value === 0 ? 0 : Math.floor(Math.log(Math.abs(value)) / Math.log(factor));
    const clamped = Math.min(Math.max(power, -offset), suffixes.length - offset - 1);
    return { text: toFixed(value / factor ** clamped, decimals), suffix: suffixes[offset + clamped] };
  };
}

const SI = ['f', 'p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SI_BASE = SI.indexOf('');
const IEC = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

/** Metric prefixes (…m, k, M…) on `unit`; `offset` 1 when the value is already in kilo-units. */
export function siPrefix(unit: string, offset = 0): ValueFormatter {
  return scaledUnits(
    1000,
    SI.map((p) => ` ${p}${unit}`),
    SI_BASE + offset,
  );
}

/** Binary prefixes (Ki, Mi…) on `unit`; `offset` 1 when the value is already in KiB. */
export function binaryPrefix(unit: string, offset = 0): ValueFormatter {
  return scaledUnits(
    1024,
    IEC.map((p) => ` ${p}${unit}`),
    offset,
  );
}

/** Counts per something: 1.50K ops/s. */
export function countUnit(symbol: string): ValueFormatter {
  const scaled = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (value, decimals) => {
    const v = scaled(value, decimals);
    return { ...v, suffix: `${v.suffix ?? ''} ${symbol}` };
  };
}

export function currency(symbol: string, asSuffix = false): ValueFormatter {
  const scaled = scaledUnits(1000, ['', 'K', 'M', 'B', 'T']);
  return (value, decimals) => {
    const v = scaled(value, decimals);
    return asSuffix
      ? { text: v.text, suffix: `${v.suffix ?? ''}${symbol}` }
      : { prefix: symbol, text: v.text, suffix: v.suffix };
  };
}

export function percent(scale: number): ValueFormatter {
  return (value, decimals) => ({ text: toFixed(value * scale, decimals), suffix: '%' });
}

export function boolean(onTrue: string, onFalse: string): ValueFormatter {
  return (value) => ({ text: value ? onTrue : onFalse });
}

export const localeNumber: ValueFormatter = (value, decimals) => ({
  text: value.toLocaleString(undefined, { maximumFractionDigits: decimals ?? undefined }),
});

export const scientific: ValueFormatter = (value, decimals) => ({
  text: Number.isFinite(value) ? value.toExponential(decimals ?? undefined) : toFixed(value),
});

export function hex(with0x: boolean): ValueFormatter {
  return (value, decimals) => {
    const bad = special(value);
    if (bad) return bad;
    const digits = Number(toFixed(Math.abs(value), decimals))
      .toString(16)
      .toUpperCase();
    const sign = value < 0 ? '-' : '';
    return { text: with0x ? `${sign}0x${digits}` : `${sign}${digits}` };
  };
}

/**
 * A time unit that climbs to larger units as the value grows: `steps` are [limit in the base
 * unit, divisor, suffix], the first whose limit the value is under wins (the last has none).
 */
export function timeScale(steps: ReadonlyArray<readonly [number, number, string]>): ValueFormatter {
  return (value, decimals) => {
    const bad = special(value);
    if (bad) return bad;
    const abs = Math.abs(value);
    const step = steps.find(([limit]) => abs < limit) ?? steps[steps.length - 1];
    return { text: toFixed(value / step[1], decimals), suffix: step[2] };
  };
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['year', 31_536_000_000],
  ['month', 2_592_000_000],
  ['week', 604_800_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
  ['millisecond', 1],
];

/**
 * "2 days, 3 hours": the largest unit and then `decimals` more (Grafana's dtdurations; one more
 * when the panel sets no decimals).
 */
export function duration(msPerUnit: number, baseName: string): ValueFormatter {
  return (value, decimals) => {
    const bad = special(value);
    if (bad) return bad;
    if (value === 0) return { text: `0 ${baseName}s` };
    let rest = Math.abs(value) * msPerUnit;
    let more = decimals ?? 1;
    const parts: string[] = [];
    for (const [name, ms] of DURATION_UNITS) {
      if (more < 0) break;
      const n = rest / ms;
      if (n >= 1 || parts.length) {
        const whole = Math.floor(n);
        parts.push(`${whole} ${name}${whole !== 1 ? 's' : ''}`);
        rest %= ms;
        more--;
      }
    }
    return { text: parts.join(', ') + (value < 0 ? ' ago' : '') };
  };
}

const pad = (n: number, w = 2) => String(Math.floor(n)).padStart(w, '0');

/** hh:mm:ss (dthms), or "d hh:mm:ss" with days first (dtdhms). Input in seconds. */
export function hms(withDays: boolean): ValueFormatter {
  return (value) => {
    const bad = special(value);
    if (bad) return bad;
    const s = Math.abs(value);
    const days = withDays ? Math.floor(s / 86400) : 0;
    const rest = s - days * 86400;
    const text = `${pad(rest / 3600)}:${pad((rest % 3600) / 60)}:${pad(rest % 60)}`;
    return { text: (days ? `${days} d ${text}` : text) + (value < 0 ? ' ago' : '') };
  };
}

/** Grafana's clock units: 01h:02m:03s:004ms, shortened by decimals. Input in ms times `scale`. */
export function clock(scale: number): ValueFormatter {
  return (value, decimals) => {
    const bad = special(value);
    if (bad) return bad;
    const ms = value * scale;
    const d = new Date(ms);
    const mm = `${pad(d.getUTCMinutes())}m`;
    const ss = `${pad(d.getUTCSeconds())}s`;
    const sss = `${pad(d.getUTCMilliseconds(), 3)}ms`;
    if (ms < 1000) return { text: sss };
    if (ms < 60_000) return { text: decimals === 0 ? ss : `${ss}:${sss}` };
    if (ms < 3_600_000)
      return { text: decimals === 0 ? mm : decimals === 1 ? `${mm}:${ss}` : `${mm}:${ss}:${sss}` };
    const hours = `${pad(ms / 3_600_000)}h`;
    const tail =
      decimals === 0 ? '' : decimals === 1 ? mm : decimals === 2 ? `${mm}:${ss}` : `${mm}:${ss}:${sss}`;
    return { text: tail ? `${hours}:${tail}` : hours };
  };
}

/** Date/time of a ms timestamp, as Grafana's dateTimeAsIso / dateTimeAsUS. */
export function dateTime(style: 'iso' | 'us', utc = false): ValueFormatter {
  return (value) => {
    const bad = special(value);
    if (bad) return bad;
    const d = new Date(value);
    const get = utc
      ? [
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
        ]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
    const [y, mo, da, h, mi, s] = get;
    if (style === 'iso') return { text: `${y}-${pad(mo)}-${pad(da)} ${pad(h)}:${pad(mi)}:${pad(s)}` };
    const h12 = h % 12 === 0 ? 12 : h % 12;
    return { text: `${pad(mo)}/${pad(da)}/${y} ${h12}:${pad(mi)}:${pad(s)} ${h < 12 ? 'am' : 'pm'}` };
  };
}
