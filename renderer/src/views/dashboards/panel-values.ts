// What single-value panels (stat, gauge, bar gauge) and tables show: a series reduced to one
// number (Grafana's reduceOptions.calcs), shown and coloured by its field options
// (shared/dashboards/field-config: mappings, unit, decimals, thresholds, noValue).
import type { FieldConfigDefaults } from '../../../../shared/dashboards/model';
import { displayValue, type ResolvedField } from '../../../../shared/dashboards/field-config';
import type { PanelSeries } from './panel-data';

/** One of Grafana's reducers over a series' values (NaN skipped); null when nothing is left. */
export function reduceValues(values: Float64Array, calc: string): number | null {
  const vals = Array.from(values).filter((v) => !Number.isNaN(v));
  if (vals.length === 0) return null;
  switch (calc) {
    case 'first':
    case 'firstNotNull':
      return vals[0];
    case 'min':
      return Math.min(...vals);
    case 'max':
      return Math.max(...vals);
    case 'mean':
      return vals.reduce((a, b) => a + b, 0) / vals.length;
    case 'sum':
    case 'total':
      return vals.reduce((a, b) => a + b, 0);
    case 'count':
      return vals.length;
    case 'range':
      return Math.max(...vals) - Math.min(...vals);
    case 'delta':
    case 'diff':
      return vals[vals.length - 1] - vals[0];
    default:
      return vals[vals.length - 1];
  }
}

/** The calc a panel's reduceOptions ask for (lastNotNull when none). */
export function panelCalc(options: Record<string, unknown> | undefined): string {
  const ro = options?.reduceOptions as { calcs?: unknown } | undefined;
  const calcs = Array.isArray(ro?.calcs) ? ro.calcs : [];
  return typeof calcs[0] === 'string' ? calcs[0] : 'lastNotNull';
}

export interface ReducedValue {
  /** The series' display name (its field config's displayName, else its name). */
  name: string;
  value: number | null;
  /** The series' field options after defaults and overrides. */
  config: FieldConfigDefaults;
}

export function reduceSeries(
  series: PanelSeries[],
  calc: string,
  fields: readonly ResolvedField[],
): ReducedValue[] {
  return series.map((s, i) => ({
    name: fields[i]?.displayName ?? s.name,
    value: reduceValues(s.values, calc),
    config: fields[i]?.config ?? {},
  }));
}

/** A value as the panel shows it (mappings, unit, decimals, noValue) and its colour. */
export function shownValue(
  value: number | null,
  config: FieldConfigDefaults,
): { text: string; color?: string } {
  const d = displayValue(value, config, { min: config.min ?? 0, max: config.max ?? defaultMax(config.unit) });
  const text = `${d.prefix ?? ''}${d.text}${d.suffix ?? ''}`;
  return { text: text === '' ? 'No data' : text, color: d.color };
}

/** Grafana's gauge maximum when none is set: 1 for percentunit, else 100. */
export function defaultMax(unit: string | undefined): number {
  return unit === 'percentunit' ? 1 : 100;
}

/** The field defaults a panel's values use. */
export function defaultsOf(fieldConfig: { defaults?: FieldConfigDefaults } | undefined): FieldConfigDefaults {
  return fieldConfig?.defaults ?? {};
}
