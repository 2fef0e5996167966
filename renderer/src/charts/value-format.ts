// How a chart writes its values: in a panel's Grafana unit (shared/units) when it has one, else in
// the kind guessed from the metric name (renderer/src/lib/units). Axis ticks in either get one
// number of decimals for the whole axis, enough that no two labels are the same and the labels
// step evenly (2.5 s steps read "0.0, 2.5, 5.0", not "0, 3, 5").
import { formatParts } from '../../../shared/units/units';
import { formatValue } from '../lib/format';
import type { Unit } from '../lib/units';
import { formatAxisTicks } from './axis-ticks';

const guessedKinds: readonly string[] = ['seconds', 'bytes', 'ratio', 'percent', 'date', 'none'];

/** A chart's unit: a Grafana unit id (`s`, `bytes`, `percentunit`, `decbytes`, ...) or a guessed kind. */
export type ChartUnit = Unit | (string & {});

export interface ChartFormat {
  value(v: number): string;
  ticks(splits: number[], step: number): string[];
}

const MAX_DECIMALS = 12;

export function chartFormat(unit: ChartUnit, decimals?: number): ChartFormat {
  if (guessedKinds.includes(unit)) {
    const kind = unit as Unit;
    return {
      value: (v) =>
        decimals !== undefined && kind === 'none' && Number.isFinite(v)
          ? v.toFixed(decimals)
          : formatValue(v, kind),
      ticks: (splits, step) => formatAxisTicks(splits, step, kind, decimals),
    };
  }
  const text = (v: number, d?: number) => {
    const p = formatParts(v, unit, d);
    return `${p.prefix ?? ''}${p.text}${p.suffix ?? ''}`;
  };
  return {
    value: (v) => text(v, decimals),
    ticks: (splits) => grafanaTicks(splits, (v, d) => formatParts(v, unit, d), decimals),
  };
}

/**
 * Tick labels through a Grafana formatter: the fewest decimals (from the panel's, if set) at which
 * the labels are distinct and, among ticks with the same suffix, step evenly.
 */
export function grafanaTicks(
  splits: number[],
  parts: (v: number, decimals: number) => { prefix?: string; text: string; suffix?: string },
  decimals?: number,
): string[] {
  let out: string[] = [];
  for (let d = decimals ?? 0; d <= MAX_DECIMALS; d++) {
    const ps = splits.map((v) => parts(v, d));
    out = ps.map((p) => `${p.prefix ?? ''}${p.text}${p.suffix ?? ''}`);
    if (new Set(out).size === out.length && evenSteps(ps)) return out;
  }
  return out;
}

function evenSteps(ps: { text: string; suffix?: string }[]): boolean {
  let step: number | null = null;
  for (let i = 1; i < ps.length; i++) {
    if ((ps[i].suffix ?? '') !== (ps[i - 1].suffix ?? '')) continue; // a scale change (999 MiB → 1 GiB)
    const a = Number(ps[i - 1].text);
    const b = Number(ps[i].text);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return true; // not numbers (dates, words)
    const diff = b - a;
    if (step === null) step = diff;
    else if (Math.abs(diff - step) > Math.abs(step) * 1e-6) return false;
  }
  return true;
}
