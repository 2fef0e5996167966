// The angular `singlestat` panel as Grafana turns it into `stat` (or `gauge` when its gauge was
// shown): the reducer, unit, decimals, thresholds with their colours, sparkline and value/range
// maps. What stat has no place for is noted.
import type { ThresholdStep, ValueMapping } from '../../../shared/dashboards/model';
import { isObject } from './validate';
import type { Note, Obj } from './migrate-types';

/** singlestat's valueName → Grafana's reducer ids. */
const REDUCERS: Record<string, string> = {
  avg: 'mean',
  current: 'lastNotNull',
  min: 'min',
  max: 'max',
  total: 'sum',
  first: 'firstNotNull',
  delta: 'delta',
  diff: 'diff',
  range: 'range',
  count: 'count',
};

const SINGLESTAT_KEYS = [
  'valueName',
  'format',
  'decimals',
  'thresholds',
  'colors',
  'colorValue',
  'colorBackground',
  'colorPrefix',
  'colorPostfix',
  'sparkline',
  'gauge',
  'valueMaps',
  'rangeMaps',
  'mappingType',
  'mappingTypes',
  'prefix',
  'postfix',
  'valueFontSize',
  'prefixFontSize',
  'postfixFontSize',
  'nullText',
  'nullPointMode',
  'tableColumn',
  'combine',
];

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

const isNullText = (v: unknown) => v === 'null' || v === null;

/** valueMaps or rangeMaps, whichever mappingType says is in effect, as value mappings. */
function mappings(panel: Obj): ValueMapping[] {
  const out: ValueMapping[] = [];
  if (panel.mappingType === 2) {
    for (const m of (Array.isArray(panel.rangeMaps) ? panel.rangeMaps : []).filter(isObject)) {
      const text = String(m.text ?? '');
      if (isNullText(m.from) && isNullText(m.to))
        out.push({ type: 'special', options: { match: 'null', result: { text } } });
      else
        out.push({
          type: 'range',
          options: { from: num(m.from) ?? null, to: num(m.to) ?? null, result: { text } },
        });
    }
  } else {
    const values: Record<string, { text: string }> = {};
    for (const m of (Array.isArray(panel.valueMaps) ? panel.valueMaps : []).filter(isObject)) {
      const text = String(m.text ?? '');
      if (isNullText(m.value)) out.push({ type: 'special', options: { match: 'null', result: { text } } });
      else values[String(m.value)] = { text };
    }
    if (Object.keys(values).length) out.push({ type: 'value', options: values });
  }
  return out;
}

/** "50,80" with three colours → base colour, then one step per threshold. */
function thresholdSteps(panel: Obj): ThresholdStep[] {
  const colors = (Array.isArray(panel.colors) ? panel.colors : []).filter(
    (c): c is string => typeof c === 'string',
  );
  const values = String(panel.thresholds ?? '')
    .split(',')
    .map((s) => num(s))
    .filter((v): v is number => v !== undefined);
  const steps: ThresholdStep[] = [{ color: colors[0] ?? 'green', value: null }];
  values.forEach((v, i) =>
    steps.push({ color: colors[i + 1] ?? colors[colors.length - 1] ?? 'red', value: v }),
  );
  return steps;
}

/** Migrates a `singlestat` panel in place to `stat`, or `gauge` when it showed a gauge. */
export function singlestatToStat(panel: Obj, note: Note): void {
  const fieldConfig = isObject(panel.fieldConfig) ? panel.fieldConfig : {};
  const defaults: Obj = isObject(fieldConfig.defaults) ? { ...fieldConfig.defaults } : {};
  const overrides = Array.isArray(fieldConfig.overrides) ? fieldConfig.overrides : [];
  const valueName = typeof panel.valueName === 'string' ? panel.valueName : 'avg';
  const options: Obj = isObject(panel.options) ? { ...panel.options } : {};
  let calc = REDUCERS[valueName];
  if (valueName === 'name') options.textMode = 'name';
  else if (!calc) note('valueName', `"${valueName}" has no stat equivalent: the last value is shown`);
  calc ??= 'lastNotNull';
  options.reduceOptions = { calcs: [calc], fields: '', values: false };

  let unit = typeof panel.format === 'string' && panel.format ? panel.format : 'none';
  const prefix = typeof panel.prefix === 'string' ? panel.prefix : '';
  const postfix = typeof panel.postfix === 'string' ? panel.postfix : '';
  // A prefix or postfix on a plain number becomes Grafana's prefix:/suffix: unit; beside a real
  // unit (which already says what the value is) it has no place.
  const plain = unit === 'none' || unit === 'short';
  if (postfix && prefix)
    note('prefix/postfix', `both "${prefix}" and "${postfix}" cannot be shown: the prefix is left out`);
  if (postfix && plain) unit = `suffix:${postfix}`;
  else if (prefix && plain) unit = `prefix:${prefix}`;
  else if (postfix) note('postfix', `"${postfix}" is not shown: the unit "${unit}" formats the value`);
  else if (prefix) note('prefix', `"${prefix}" is not shown: the unit "${unit}" formats the value`);
  defaults.unit = unit;
  if (num(panel.decimals) !== undefined) defaults.decimals = num(panel.decimals);
  if (typeof panel.nullText === 'string' && panel.nullText) defaults.noValue = panel.nullText;
  defaults.thresholds = { mode: 'absolute', steps: thresholdSteps(panel) };
  const maps = mappings(panel);
  if (maps.length) defaults.mappings = maps;

  const gauge = isObject(panel.gauge) ? panel.gauge : {};
  const sparkline = isObject(panel.sparkline) ? panel.sparkline : {};
  const colored = panel.colorValue === true || panel.colorBackground === true;
  defaults.color = colored ? { mode: 'thresholds' } : { mode: 'fixed', fixedColor: 'text' };
  if (gauge.show === true) {
    panel.type = 'gauge';
    defaults.min = num(gauge.minValue) ?? 0;
    defaults.max = num(gauge.maxValue) ?? 100;
    options.showThresholdLabels = gauge.thresholdLabels === true;
    options.showThresholdMarkers = gauge.thresholdMarkers !== false;
    if (sparkline.show === true) note('sparkline', 'a gauge draws no sparkline');
  } else {
    panel.type = 'stat';
    options.colorMode =
      panel.colorBackground === true ? 'background' : panel.colorValue === true ? 'value' : 'none';
    options.graphMode = sparkline.show === true ? 'area' : 'none';
    options.justifyMode = 'auto';
    options.textMode ??= 'auto';
    options.orientation = 'horizontal';
    if (sparkline.show === true && sparkline.full === true)
      note('sparkline.full', 'the sparkline is drawn under the value, not over the whole panel');
  }
  if (panel.colorPrefix === true || panel.colorPostfix === true)
    note('colorPrefix/colorPostfix', 'prefix and postfix take the value colour with the value');
  if (typeof panel.valueFontSize === 'string' && panel.valueFontSize !== '80%')
    note('valueFontSize', `"${panel.valueFontSize}" is not applied: stat sizes the value to fit the panel`);
  if (typeof panel.tableColumn === 'string' && panel.tableColumn)
    note('tableColumn', `column "${panel.tableColumn}" is not picked: every series is shown`);

  panel.fieldConfig = { defaults, overrides };
  panel.options = options;
  for (const k of SINGLESTAT_KEYS) delete panel[k];
}
