// Checks a dashboard's shape, naming the JSON path of the first thing that is wrong
// ("panels[3].gridPos.w: must be a number"): a file from outside, or a dashboard the UI sends,
// never reaches the store or the renderer half-formed.
import { jsonErrorAt } from './json-error-at';
import { CURRENT_SCHEMA_VERSION, GRID_COLUMNS, type Dashboard } from '../../../shared/dashboards/model';

/** A dashboard that cannot be read; `path` is the JSON path of what is wrong ('' for the whole). */
export class DashboardError extends Error {
  override name = 'DashboardError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

/** Grafana's uid rule: up to 40 letters, digits, `-` and `_` (also safe as a file name). */
export const UID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

type Obj = Record<string, unknown>;

/** "x: must be a number, not the string "6"", or "x: missing (must be a number)". */
function wrongType(v: unknown, path: string, what: string): DashboardError {
  return new DashboardError(
    path,
    v === undefined ? `missing (must be ${what})` : `must be ${what}, not ${describe(v)}`,
  );
}

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 40))}` : `${typeof v} ${String(v)}`;
}

export function expectObject(v: unknown, path: string): Obj {
  if (!isObject(v)) throw wrongType(v, path, 'an object');
  return v;
}

export function expectArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw wrongType(v, path, 'an array');
  return v;
}

function expectNumber(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw wrongType(v, path, 'a number');
  return v;
}

function expectString(v: unknown, path: string): string {
  if (typeof v !== 'string') throw wrongType(v, path, 'a string');
  return v;
}

function optional<T>(o: Obj, key: string, path: string, check: (v: unknown, p: string) => T): void {
  if (o[key] !== undefined && o[key] !== null) check(o[key], path ? `${path}.${key}` : key);
}

/** JSON text to a value; a syntax error names the line and column. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message
      .replace(/,? ?(in JSON )?at position \d+.*$/, '')
      .replace(/, .*is not valid JSON$/, '');
    const at = jsonErrorAt(text);
    if (at < 0) throw new DashboardError('', `not JSON: ${msg}`);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const what = at >= text.length ? 'the text ends too early' : msg;
    throw new DashboardError('', `not JSON: ${what} at line ${line}, column ${column}`);
  }
}

function checkGridPos(v: unknown, path: string): void {
  const g = expectObject(v, path);
  for (const k of ['x', 'y', 'w', 'h']) expectNumber(g[k], `${path}.${k}`);
  const { x, w, h } = g as { x: number; w: number; h: number };
  if (w < 1 || w > GRID_COLUMNS)
    throw new DashboardError(`${path}.w`, `must be 1 to ${GRID_COLUMNS}, not ${w}`);
  if (x < 0 || x >= GRID_COLUMNS)
    throw new DashboardError(`${path}.x`, `must be 0 to ${GRID_COLUMNS - 1}, not ${x}`);
  if (h < 1) throw new DashboardError(`${path}.h`, `must be at least 1, not ${h}`);
}

function checkTargets(v: unknown, path: string): void {
  expectArray(v, path).forEach((t, i) => {
    const o = expectObject(t, `${path}[${i}]`);
    optional(o, 'expr', `${path}[${i}]`, expectString);
    optional(o, 'legendFormat', `${path}[${i}]`, expectString);
    optional(o, 'refId', `${path}[${i}]`, expectString);
  });
}

function checkFieldConfig(v: unknown, path: string): void {
  const fc = expectObject(v, path);
  optional(fc, 'defaults', path, expectObject);
  if (fc.overrides === undefined) return;
  expectArray(fc.overrides, `${path}.overrides`).forEach((ov, i) => {
    const p = `${path}.overrides[${i}]`;
    const o = expectObject(ov, p);
    expectObject(o.matcher, `${p}.matcher`);
    expectString((o.matcher as Obj).id, `${p}.matcher.id`);
    expectArray(o.properties, `${p}.properties`).forEach((pr, j) =>
      expectString(expectObject(pr, `${p}.properties[${j}]`).id, `${p}.properties[${j}].id`),
    );
  });
}

/** One panel of the current model (gridPos required), rows' nested panels included. */
function checkPanel(v: unknown, path: string, nested: boolean): void {
  const p = expectObject(v, path);
  expectString(p.type, `${path}.type`);
  optional(p, 'title', path, expectString);
  checkGridPos(p.gridPos, `${path}.gridPos`);
  optional(p, 'targets', path, checkTargets);
  optional(p, 'fieldConfig', path, checkFieldConfig);
  optional(p, 'options', path, expectObject);
  if (p.type === 'row' && p.panels !== undefined) {
    if (nested) throw new DashboardError(`${path}`, 'a row cannot hold a row');
    expectArray(p.panels, `${path}.panels`).forEach((c, i) => checkPanel(c, `${path}.panels[${i}]`, true));
  }
}

function checkVariables(v: unknown, path: string): void {
  const t = expectObject(v, path);
  if (t.list === undefined) return;
  expectArray(t.list, `${path}.list`).forEach((item, i) => {
    const o = expectObject(item, `${path}.list[${i}]`);
    expectString(o.name, `${path}.list[${i}].name`);
    expectString(o.type, `${path}.list[${i}].type`);
  });
}

/**
 * A dashboard of the current model, as migrate() leaves it or the UI sends it: checked, and its
 * defaults filled in (tags, time, templating...). Throws DashboardError naming the path.
 */
export function validateDashboard(v: unknown): Dashboard {
  const d = expectObject(v, '');
  expectString(d.uid, 'uid');
  if (!UID_PATTERN.test(d.uid as string))
    throw new DashboardError('uid', 'must be 1 to 40 letters, digits, "-" or "_" (as Grafana requires)');
  expectString(d.title, 'title');
  expectArray(d.panels, 'panels').forEach((p, i) => checkPanel(p, `panels[${i}]`, false));
  optional(d, 'tags', '', (t, p) => expectArray(t, p).forEach((s, i) => expectString(s, `${p}[${i}]`)));
  optional(d, 'templating', '', checkVariables);
  optional(d, 'time', '', (t, p) => {
    const o = expectObject(t, p);
    expectString(o.from, `${p}.from`);
    expectString(o.to, `${p}.to`);
  });
  optional(d, 'schemaVersion', '', expectNumber);
  optional(d, 'graphTooltip', '', expectNumber);
  const dash = d as Dashboard;
  return {
    ...dash,
    tags: dash.tags ?? [],
    templating: { ...(isObject(d.templating) ? d.templating : {}), list: dash.templating?.list ?? [] },
    time: dash.time ?? { from: 'now-6h', to: 'now' },
    refresh: typeof d.refresh === 'string' ? d.refresh : '',
    graphTooltip: dash.graphTooltip ?? 0,
    schemaVersion: dash.schemaVersion ?? CURRENT_SCHEMA_VERSION,
  };
}
