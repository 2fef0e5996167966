// The angular `table-old` (and the pre-7 `table` with `styles`) as Grafana turns it into the
// current `table`: column styles become overrides (unit, decimals, alias, hidden, thresholds).
import type { FieldOverride, OverrideProperty } from '../../../shared/dashboards/model';
import { isObject } from './validate';
import type { Note, Obj } from './migrate-types';

const TABLE_OLD_KEYS = [
  'styles',
  'columns',
  'transform',
  'sort',
  'fontSize',
  'pageSize',
  'scroll',
  'showHeader',
];

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function styleProps(style: Obj): OverrideProperty[] {
  const props: OverrideProperty[] = [];
  if (style.type === 'hidden') props.push({ id: 'custom.hidden', value: true });
  if (typeof style.unit === 'string' && style.unit !== 'short') props.push({ id: 'unit', value: style.unit });
  if (num(style.decimals) !== undefined) props.push({ id: 'decimals', value: num(style.decimals) });
  if (typeof style.alias === 'string' && style.alias) props.push({ id: 'displayName', value: style.alias });
  if (typeof style.colorMode === 'string' && Array.isArray(style.thresholds) && style.thresholds.length) {
    const colors = (Array.isArray(style.colors) ? style.colors : []).map(String);
    const steps = [{ color: colors[0] ?? 'green', value: null as number | null }];
    style.thresholds.forEach((t, i) => steps.push({ color: colors[i + 1] ?? 'red', value: Number(t) }));
    props.push({ id: 'thresholds', value: { mode: 'absolute', steps } });
    props.push({
      id: 'custom.cellOptions',
      value: { type: style.colorMode === 'cell' ? 'color-background' : 'color-text' },
    });
  }
  return props;
}

/** Migrates a `table-old` panel (or an old `table` with styles) in place to `table`. */
export function tableOldToTable(panel: Obj, note: Note): void {
  const fieldConfig = isObject(panel.fieldConfig) ? panel.fieldConfig : {};
  const defaults: Obj = isObject(fieldConfig.defaults) ? { ...fieldConfig.defaults } : {};
  const overrides: FieldOverride[] = Array.isArray(fieldConfig.overrides) ? [...fieldConfig.overrides] : [];
  const custom: Obj = isObject(defaults.custom) ? { ...defaults.custom } : {};
  const options: Obj = isObject(panel.options) ? { ...panel.options } : {};
  options.showHeader = panel.showHeader !== false;

  for (const [i, style] of (Array.isArray(panel.styles) ? panel.styles : []).filter(isObject).entries()) {
    const pattern = typeof style.pattern === 'string' ? style.pattern : '';
    const props = styleProps(style);
    if (style.type === 'date' && pattern !== 'Time')
      note(`styles[${i}] "${pattern}"`, 'date formatting of a column is not applied');
    if (style.link === true) note(`styles[${i}] "${pattern}".link`, 'cell links are not carried over');
    if (!props.length) continue;
    if (pattern === '/.*/') {
      for (const p of props) {
        if (p.id.startsWith('custom.')) custom[p.id.slice(7)] = p.value;
        else defaults[p.id] = p.value;
      }
      continue;
    }
    const re = /^\/(.*)\/[a-z]*$/.exec(pattern);
    overrides.push({
      matcher: re ? { id: 'byRegexp', options: re[1] } : { id: 'byName', options: pattern },
      properties: props,
    });
  }
  const transform = panel.transform;
  if (typeof transform === 'string' && transform !== 'table' && transform !== 'timeseries_to_columns')
    note(
      'transform',
      `"${transform}" is not applied: the table shows each series as a row, labels as columns`,
    );
  if (Array.isArray(panel.columns) && panel.columns.length)
    note('columns', 'aggregation columns (avg, max, current...) are not computed');
  if (isObject(panel.sort) && num(panel.sort.col) !== undefined)
    note('sort', `sorting by column ${num(panel.sort.col)} is not kept: click a header to sort`);
  if (typeof panel.fontSize === 'string' && panel.fontSize !== '100%')
    note('fontSize', `"${panel.fontSize}" is not applied`);

  defaults.custom = custom;
  panel.fieldConfig = { defaults, overrides };
  panel.options = options;
  panel.type = 'table';
  for (const k of TABLE_OLD_KEYS) delete panel[k];
}
