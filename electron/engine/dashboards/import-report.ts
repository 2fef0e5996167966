// What of a (migrated) dashboard Promdesk does not draw or apply, item by item, judged against
// shared/dashboards/supported.ts. Everything stays in the stored file (an export gives it back);
// this list is how the user learns what the dashboard will look like without it.
import type { Dashboard, Panel, UnsupportedItem } from '../../../shared/dashboards/model';
import {
  CUSTOM_FIELD_KEYS,
  FIELD_DEFAULT_KEYS,
  INERT_PANEL_KEYS,
  isSupportedPanelType,
  OVERRIDE_MATCHERS,
  OVERRIDE_PROPERTIES,
  PANEL_KEYS,
  PANEL_OPTION_KEYS,
  TARGET_KEYS,
  VARIABLE_TYPES,
  type SupportedPanelType,
} from '../../../shared/dashboards/supported';
import { panelLabel } from './migrate';
import { isObject } from './validate';

/** Why a known panel key is not carried, where a plain "not applied" would not say enough. */
const KEY_REASONS: Record<string, string> = {
  alert: 'Grafana alert rules are not carried: Promdesk evaluates Prometheus alerting rules instead',
  transformations: 'transformations are not applied',
  thresholds: 'the legacy panel thresholds are not drawn',
};

/** Top-level keys Promdesk honours or that change nothing it shows. */
const DASHBOARD_KEYS = new Set([
  'uid',
  'title',
  'tags',
  'schemaVersion',
  'panels',
  'templating',
  'time',
  'refresh',
  'graphTooltip',
  'timezone',
  'description',
  'editable',
  'version',
  'id',
  'links',
  'annotations',
  'timepicker',
  'fiscalYearStartMonth',
  'weekStart',
  'liveNow',
  'preload',
]);

/** Query-variable functions Promdesk resolves (Grafana's Prometheus datasource's set). */
const VARIABLE_QUERY = /^\s*(label_values|label_names|metrics|query_result)\s*\(/;

function checkOptions(
  type: SupportedPanelType,
  options: Record<string, unknown>,
  add: (item: string, reason: string) => void,
): void {
  const known = PANEL_OPTION_KEYS[type];
  for (const [key, value] of Object.entries(options)) {
    const listedBySubKey = [...known].some((k) => k.startsWith(`${key}.`));
    if (isObject(value) && listedBySubKey) {
      for (const sub of Object.keys(value))
        if (!known.has(`${key}.${sub}`))
          add(`options.${key}.${sub}`, `a ${type} option Promdesk does not apply`);
    } else if (!known.has(key)) add(`options.${key}`, `a ${type} option Promdesk does not apply`);
  }
}

function checkFieldConfig(
  type: SupportedPanelType,
  panel: Panel,
  add: (item: string, reason: string) => void,
): void {
  const fc = panel.fieldConfig;
  if (!fc) return;
  const custom = CUSTOM_FIELD_KEYS[type];
  for (const key of Object.keys(fc.defaults ?? {}))
    if (!FIELD_DEFAULT_KEYS.has(key))
      add(`fieldConfig.defaults.${key}`, 'a field option Promdesk does not apply');
  for (const key of Object.keys(fc.defaults?.custom ?? {}))
    if (!custom.has(key))
      add(`fieldConfig.defaults.custom.${key}`, `a ${type} field option Promdesk does not apply`);
  (fc.overrides ?? []).forEach((ov, i) => {
    const what = `fieldConfig.overrides[${i}]`;
    if (!OVERRIDE_MATCHERS.has(ov.matcher.id)) {
      add(`${what}.matcher ${ov.matcher.id}`, 'overrides matching fields this way are not applied');
      return;
    }
    for (const prop of ov.properties) {
      const ok =
        OVERRIDE_PROPERTIES.has(prop.id) || (prop.id.startsWith('custom.') && custom.has(prop.id.slice(7)));
      if (!ok)
        add(`${what}.properties ${prop.id}`, `an override property Promdesk does not apply to ${type}`);
    }
  });
}

function checkPanel(panel: Panel, add: (panel: string, item: string, reason: string) => void): void {
  const label = panelLabel(panel);
  const here = (item: string, reason: string) => add(label, item, reason);
  if (!isSupportedPanelType(panel.type)) {
    here(
      `type ${panel.type}`,
      `Promdesk does not draw "${panel.type}" panels: a placeholder naming the type is shown`,
    );
    return;
  }
  for (const key of Object.keys(panel)) {
    if (PANEL_KEYS.has(key) || INERT_PANEL_KEYS.has(key)) continue;
    const value = panel[key];
    // Empty leftovers (an empty transformations list, a null alert) change nothing.
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (key === 'transformations' && Array.isArray(value)) {
      for (const t of value)
        here(`transformations ${isObject(t) ? String(t.id) : '?'}`, KEY_REASONS.transformations);
      continue;
    }
    here(key, KEY_REASONS[key] ?? 'a panel setting Promdesk does not apply');
  }
  if (isObject(panel.options)) checkOptions(panel.type, panel.options, here);
  checkFieldConfig(panel.type, panel, here);
  for (const target of panel.targets ?? []) {
    for (const key of Object.keys(target))
      if (!TARGET_KEYS.has(key) && target[key] !== undefined && target[key] !== null)
        here(`targets ${target.refId}.${key}`, 'a query setting Promdesk does not apply');
    const type = isObject(target.datasource) ? target.datasource.type : undefined;
    if (typeof type === 'string' && type !== 'prometheus' && type !== 'datasource')
      here(`targets ${target.refId}`, `queries a "${type}" datasource: Promdesk runs PromQL only`);
  }
  const pType = isObject(panel.datasource) ? panel.datasource.type : undefined;
  if (typeof pType === 'string' && !['prometheus', 'datasource', '-- Mixed --'].includes(pType))
    here('datasource', `a "${pType}" datasource: Promdesk runs PromQL only`);
  if (panel.type === 'row')
    for (const child of (panel as { panels?: Panel[] }).panels ?? []) checkPanel(child, add);
}

/** Every item of `dashboard` that Promdesk will not draw or apply, in panel order. */
export function unsupportedItems(dashboard: Dashboard): UnsupportedItem[] {
  const items: UnsupportedItem[] = [];
  const add = (panel: string, item: string, reason: string) => items.push({ panel, item, reason });
  for (const key of Object.keys(dashboard))
    if (!DASHBOARD_KEYS.has(key) && dashboard[key] !== null && dashboard[key] !== undefined)
      add('dashboard', key, 'a dashboard setting Promdesk does not apply');
  const annotations = isObject(dashboard.annotations) ? dashboard.annotations.list : [];
  for (const a of Array.isArray(annotations) ? annotations : []) {
    if (!isObject(a) || a.builtIn === 1 || a.enable === false) continue;
    add('dashboard', `annotation ${String(a.name ?? '?')}`, 'annotation queries are not drawn');
  }
  for (const v of dashboard.templating.list) {
    const where = `variable ${v.name}`;
    if (!VARIABLE_TYPES.has(v.type)) {
      add(where, `type ${v.type}`, `"${v.type}" variables are not resolved: the variable is left out`);
      continue;
    }
    const query = isObject(v.query) ? v.query.query : v.query;
    if (v.type === 'query' && typeof query === 'string' && query.trim() && !VARIABLE_QUERY.test(query))
      add(
        where,
        'query',
        `"${query}" is not a query Promdesk resolves (label_values, label_names, metrics, query_result)`,
      );
  }
  for (const panel of dashboard.panels) checkPanel(panel, add);
  return items;
}
