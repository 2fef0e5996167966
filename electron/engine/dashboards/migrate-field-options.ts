// Gauge, bar gauge and stat panels saved before Grafana 7 keep their field settings in
// `options.fieldOptions` (and before 6.2 in `options.valueOptions` beside top-level thresholds and
// valueMappings). Grafana moves these on load to fieldConfig.defaults/overrides and
// options.reduceOptions; this does the same, and turns the old threshold lists, colour strings
// and numbered value mappings into today's shapes. What has no place is noted.
import type { ThresholdStep, ValueMapping } from '../../../shared/dashboards/model';
import { isObject } from './validate';
import type { Note, Obj } from './migrate-types';

/** The panel types whose pre-7 options carried `fieldOptions`. */
export const FIELD_OPTIONS_PANELS = new Set(['gauge', 'bargauge', 'stat']);

/** Old reducer names Grafana still reads as aliases of today's ids. */
const REDUCER_ALIASES: Record<string, string> = { avg: 'mean', current: 'last', total: 'sum' };

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

const isNullText = (v: unknown) => v === null || v === 'null';

/** Before 6.2: options.valueOptions {stat, unit, decimals, prefix, suffix} and friends. */
function fromValueOptions(options: Obj, note: Note): Obj {
  const vo = options.valueOptions as Obj;
  const defaults: Obj = {};
  if (typeof vo.unit === 'string') defaults.unit = vo.unit;
  if (num(vo.decimals) !== undefined) defaults.decimals = num(vo.decimals);
  if (num(options.minValue) !== undefined) defaults.min = num(options.minValue);
  if (num(options.maxValue) !== undefined) defaults.max = num(options.maxValue);
  for (const k of ['prefix', 'suffix'])
    if (typeof vo[k] === 'string' && vo[k]) note(`valueOptions.${k}`, `"${String(vo[k])}" is not shown`);
  const fieldOptions: Obj = {
    defaults,
    calcs: typeof vo.stat === 'string' ? [vo.stat] : undefined,
    thresholds: options.thresholds,
    mappings: options.valueMappings,
  };
  for (const k of ['valueOptions', 'minValue', 'maxValue', 'thresholds', 'valueMappings']) delete options[k];
  return fieldOptions;
}

/** [{index, value: -Infinity|null, color}] (any order) → steps from the base up. */
function thresholdSteps(list: unknown[], note: Note): ThresholdStep[] {
  const steps: ThresholdStep[] = [];
  for (const t of list) {
    if (!isObject(t) || typeof t.color !== 'string') {
      note('thresholds', 'a step without a colour was left out');
      continue;
    }
    const v = num(t.value);
    steps.push({ color: t.color, value: v === undefined ? null : v });
  }
  steps.sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
  if (steps.length && steps[0].value !== null) steps.unshift({ color: 'green', value: null });
  // Only the first step is the base: a second "no value" step would shadow it.
  return steps.filter((s, i) => i === 0 || s.value !== null);
}

/** Numbered mappings (type 1 value, 2 range) → Grafana 8's typed ones; new ones pass through. */
function valueMappings(list: unknown[], note: Note): ValueMapping[] {
  const out: ValueMapping[] = [];
  const values: Record<string, { text: string }> = {};
  for (const m of list) {
    if (!isObject(m)) continue;
    if (typeof m.type === 'string') {
      out.push(m as unknown as ValueMapping);
      continue;
    }
    const text = String(m.text ?? '');
    if (m.type === 1 && isNullText(m.value))
      out.push({ type: 'special', options: { match: 'null', result: { text } } });
    else if (m.type === 1 && m.value !== undefined) values[String(m.value)] = { text };
    else if (m.type === 2 && isNullText(m.from) && isNullText(m.to))
      out.push({ type: 'special', options: { match: 'null', result: { text } } });
    else if (m.type === 2)
      out.push({
        type: 'range',
        options: { from: num(m.from) ?? null, to: num(m.to) ?? null, result: { text } },
      });
    else note('mappings', `a mapping of type ${JSON.stringify(m.type)} is not known: it was left out`);
  }
  if (Object.keys(values).length) out.unshift({ type: 'value', options: values });
  return out;
}

/**
 * Moves a pre-7 gauge/bargauge/stat panel's `options.fieldOptions` (or older valueOptions) in
 * place to fieldConfig and options.reduceOptions. A panel without them is left as it is.
 */
export function migrateFieldOptions(panel: Obj, note: Note): void {
  if (!isObject(panel.options)) return;
  const options: Obj = { ...panel.options };
  let fo: Obj | undefined = isObject(options.fieldOptions) ? { ...options.fieldOptions } : undefined;
  if (!fo && isObject(options.valueOptions)) fo = fromValueOptions(options, note);
  if (!fo) return;
  delete options.fieldOptions;

  const fieldConfig = isObject(panel.fieldConfig) ? panel.fieldConfig : {};
  const defaults: Obj = {
    ...(isObject(fieldConfig.defaults) ? fieldConfig.defaults : {}),
    ...(isObject(fo.defaults) ? fo.defaults : {}),
  };
  const overrides = [
    ...(Array.isArray(fieldConfig.overrides) ? fieldConfig.overrides : []),
    ...(Array.isArray(fo.overrides) ? fo.overrides : []),
  ];
  // 6.x's single `override` object was dropped by Grafana 6.6 as well.
  if (isObject(fo.override) && Object.keys(fo.override).length)
    note('fieldOptions.override', 'the 6.x override (for every field) was dropped, as Grafana 6.6 does');

  // Thresholds and mappings sat beside defaults (6.2) or in them (6.3 on), as plain lists.
  const thresholds = defaults.thresholds ?? fo.thresholds;
  if (Array.isArray(thresholds))
    defaults.thresholds = { mode: 'absolute', steps: thresholdSteps(thresholds, note) };
  const mappings = defaults.mappings ?? fo.mappings;
  if (Array.isArray(mappings)) {
    const converted = valueMappings(mappings, note);
    if (converted.length) defaults.mappings = converted;
    else delete defaults.mappings;
  }
  if (typeof defaults.color === 'string') defaults.color = { mode: 'fixed', fixedColor: defaults.color };
  // 7.0's `title` (with ${__series.name} and friends) is 7.1's displayName.
  if (typeof defaults.title === 'string') {
    defaults.displayName ??= defaults.title;
    delete defaults.title;
  }

  const calcs = (Array.isArray(fo.calcs) ? fo.calcs : ['mean'])
    .filter((c): c is string => typeof c === 'string')
    .map((c) => REDUCER_ALIASES[c] ?? c);
  const reduceOptions: Obj = { values: fo.values === true, calcs, fields: '' };
  if (typeof fo.fields === 'string') reduceOptions.fields = fo.fields;
  if (num(fo.limit) !== undefined) reduceOptions.limit = num(fo.limit);
  options.reduceOptions = {
    ...reduceOptions,
    ...(isObject(options.reduceOptions) ? options.reduceOptions : {}),
  };

  panel.fieldConfig = { defaults, overrides };
  panel.options = options;
}
