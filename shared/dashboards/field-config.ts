// Applies a panel's fieldConfig to its series as Grafana does: each override whose matcher takes
// the series sets its properties (later overrides win), then the defaults fill what is left
// (`custom` key by key). Matchers: byName, byNames, byRegexp, byFrameRefID, byType. Then what the
// panels read is made plain: the display name (with ${__field.labels.x}), hidden-from flags,
// negative-Y, dashes, fill; and the display of a value (mappings, unit, decimals, thresholds,
// noValue).
import type {
  FieldColor,
  FieldConfig,
  FieldConfigDefaults,
  FieldMatcher,
  Thresholds,
  ValueMapping,
} from './model';
import { activeThreshold, colorByName, paletteColor, resolveColor, schemeColor } from './field-colors';
import { interpolate, type VariableValue } from './templating/interpolate';
import { mapValue, stringToRegex, type RawValue } from './value-mappings';
import { formatParts } from '../units/units';

/** One series (a field of a frame in Grafana's terms) before field config. */
export interface SeriesField {
  /** Its name before any displayName: the legend format applied, or the series' labels. */
  name: string;
  labels: Readonly<Record<string, string>>;
  /** The query it came from. */
  refId?: string;
  /** Grafana's field type; series values are numbers. */
  type?: 'number' | 'time' | 'string' | 'boolean';
}

export interface HideFrom {
  legend: boolean;
  tooltip: boolean;
  viz: boolean;
}

/** A series' field options after defaults and overrides, with what panels read made plain. */
export interface ResolvedField {
  config: FieldConfigDefaults;
  displayName: string;
  hideFrom: HideFrom;
  /** custom.transform "negative-Y": the series is drawn below zero. */
  negativeY: boolean;
  /** custom.lineStyle as a canvas dash pattern; undefined for a solid line. */
  dash?: number[];
  fillOpacity?: number;
  /** Its colour: fixed, the palette's at its index, or (thresholds mode) undefined here. */
  color?: string;
}

function matcherTakes(m: FieldMatcher, f: SeriesField): boolean {
  const opt = m.options;
  switch (m.id) {
    case 'byName':
      return typeof opt === 'string' && opt === f.name;
    case 'byNames': {
      const o = (opt ?? {}) as { names?: unknown; mode?: string };
      const names = Array.isArray(o.names) ? o.names : [];
      const has = names.includes(f.name);
      return o.mode === 'exclude' ? !has : has;
    }
    case 'byRegexp': {
      if (typeof opt !== 'string') return false;
      try {
        return stringToRegex(opt).test(f.name);
      } catch {
        return false;
      }
    }
    case 'byFrameRefID':
      return typeof opt === 'string' && opt === f.refId;
    case 'byType':
      return opt === (f.type ?? 'number');
    default:
      return false;
  }
}

/** Matcher ids this module applies (an importer reports the others as not carried over). */
export const SUPPORTED_MATCHERS: readonly string[] = [
  'byName',
  'byNames',
  'byRegexp',
  'byFrameRefID',
  'byType',
];

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = target;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    cur = cur[k] = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {};
  }
  const last = keys[keys.length - 1];
  if (value === undefined || value === null) delete cur[last];
  else cur[last] = value;
}

/** The field options of one series: overrides that match it, then the defaults. */
export function fieldOptions(field: SeriesField, fc: Partial<FieldConfig> | undefined): FieldConfigDefaults {
  const set: Record<string, unknown> = {};
  // Imported JSON: anything not shaped as Grafana's is skipped rather than trusted.
  for (const o of Array.isArray(fc?.overrides) ? fc.overrides : []) {
    if (!o || typeof o !== 'object' || !o.matcher || !matcherTakes(o.matcher, field)) continue;
    for (const p of Array.isArray(o.properties) ? o.properties : [])
      if (typeof p?.id === 'string' && p.id && !/(^|\.)(__proto__|constructor|prototype)(\.|$)/.test(p.id))
        setPath(set, p.id, p.value);
  }
  const defaults = fc?.defaults && typeof fc.defaults === 'object' ? fc.defaults : {};
  const plain = (x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
  const custom = { ...plain(defaults.custom), ...plain(set.custom) };
  return { ...defaults, ...set, custom };
}

function dashOf(lineStyle: unknown): number[] | undefined {
  if (!lineStyle || typeof lineStyle !== 'object') return undefined;
  const s = lineStyle as { fill?: string; dash?: unknown };
  const dash =
    Array.isArray(s.dash) && s.dash.every((n) => typeof n === 'number') ? (s.dash as number[]) : undefined;
  if (s.fill === 'dash') return dash ?? [10, 10];
  if (s.fill === 'dot') return dash ?? [0, 10];
  return undefined;
}

function seriesColor(color: FieldColor | undefined, index: number, name: string): string | undefined {
  const mode = typeof color?.mode === 'string' ? color.mode : 'palette-classic';
  if (mode === 'fixed' || mode === 'shades') return resolveColor(color?.fixedColor);
  if (mode === 'palette-classic-by-name') return colorByName(name);
  if (mode === 'thresholds' || mode.startsWith('continuous')) return undefined;
  return paletteColor(index);
}

export interface ApplyOptions {
  /** Dashboard variables for ${var} in display names (their text is used). */
  vars?: ReadonlyMap<string, VariableValue>;
}

/** Field options of each series, in order (the index picks palette colours). */
export function applyFieldConfig(
  fields: readonly SeriesField[],
  fc: Partial<FieldConfig> | undefined,
  opts: ApplyOptions = {},
): ResolvedField[] {
  return fields.map((field, index) => {
    const config = fieldOptions(field, fc);
    const custom = config.custom ?? {};
    const hide = (custom.hideFrom ?? {}) as Partial<HideFrom>;
    const displayName = config.displayName
      ? interpolate(String(config.displayName), {
          vars: opts.vars ?? new Map(),
          format: 'text',
          scoped: {
            __field: { name: field.name, displayName: field.name, labels: field.labels },
            __series: { name: field.name },
          },
        })
      : field.name;
    return {
      config,
      displayName,
      hideFrom: { legend: !!hide.legend, tooltip: !!hide.tooltip, viz: !!hide.viz },
      negativeY: custom.transform === 'negative-Y',
      dash: dashOf(custom.lineStyle),
      fillOpacity: typeof custom.fillOpacity === 'number' ? custom.fillOpacity : undefined,
      color: seriesColor(config.color, index, displayName),
    };
  });
}

/** How a single value shows (stat, gauge, table cell, legend, tooltip). */
export interface DisplayValue {
  text: string;
  prefix?: string;
  suffix?: string;
  /** CSS colour from a mapping or the thresholds; undefined when neither says. */
  color?: string;
  numeric: number;
}

/**
 * Grafana's display of `value` under field options: a matching value mapping gives text and/or
 * colour; otherwise the unit with its decimals; null/NaN without a mapping show `noValue`. In
 * thresholds colour mode (or when a mapping has none) the colour is the threshold step's.
 */
export function displayValue(
  value: RawValue,
  config: FieldConfigDefaults,
  range?: { min: number; max: number },
): DisplayValue {
  const numeric =
    typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : Number(value ?? NaN);
  const mapped = mapValue(value, config.mappings as ValueMapping[] | undefined);
  const thresholds = config.thresholds as Thresholds | undefined;
  const min = typeof config.min === 'number' ? config.min : (range?.min ?? 0);
  const max = typeof config.max === 'number' ? config.max : (range?.max ?? 100);
  const stepColor = Number.isFinite(numeric)
    ? activeThreshold(numeric, thresholds, { min, max })?.color
    : undefined;
  const mode = config.color?.mode;
  const continuous =
    typeof mode === 'string' && mode.startsWith('continuous') && Number.isFinite(numeric)
      ? schemeColor(mode, max === min ? 1 : (numeric - min) / (max - min))
      : undefined;
  const color = mapped?.color
    ? resolveColor(mapped.color)
    : mode === 'fixed'
      ? resolveColor(config.color?.fixedColor)
      : (continuous ?? (stepColor !== undefined ? resolveColor(stepColor) : undefined));
  if (mapped?.text !== undefined && mapped.text !== '') return { text: mapped.text, color, numeric };
  if (
    value === null ||
    value === undefined ||
    (typeof value === 'number' && Number.isNaN(value)) ||
    value === ''
  ) {
    if (config.noValue !== undefined) return { text: config.noValue, color, numeric };
    if (value === null || value === undefined || value === '') return { text: '', color, numeric };
  }
  if (typeof value === 'string' && Number.isNaN(numeric)) return { text: value, color, numeric };
  const p = formatParts(numeric, config.unit, config.decimals);
  return { text: p.text, prefix: p.prefix, suffix: p.suffix, color, numeric };
}
