// The panel editor's pure edits: finding and replacing a panel (nested in collapsed rows too), a
// panel's queries (add, duplicate, remove, reorder, refIds as Grafana names them), values set at
// an options path, thresholds and value mappings, and a change of visualisation.
import {
  isRowPanel,
  type Dashboard,
  type FieldOverride,
  type Panel,
  type Target,
  type ThresholdStep,
  type Thresholds,
  type ValueMapping,
} from '../../../../../shared/dashboards/model';

/** The panel with this id, at the top level or inside a (collapsed) row. */
export function findPanel(d: Dashboard, id: number): Panel | undefined {
  for (const p of d.panels) {
    if (p.id === id) return p;
    if (isRowPanel(p)) {
      const inner = (p.panels ?? []).find((q) => q.id === id);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** `d` with the panel of `panel.id` replaced by `panel` (where it was; appended if absent). */
export function replacePanel(d: Dashboard, panel: Panel): Dashboard {
  let found = false;
  const panels = d.panels.map((p) => {
    if (p.id === panel.id) return ((found = true), panel);
    if (isRowPanel(p) && (p.panels ?? []).some((q) => q.id === panel.id)) {
      found = true;
      return { ...p, panels: p.panels.map((q) => (q.id === panel.id ? panel : q)) };
    }
    return p;
  });
  return { ...d, panels: found ? panels : [...panels, panel] };
}

export function removePanel(d: Dashboard, id: number): Dashboard {
  return {
    ...d,
    panels: d.panels
      .filter((p) => p.id !== id)
      .map((p) => (isRowPanel(p) ? { ...p, panels: (p.panels ?? []).filter((q) => q.id !== id) } : p)),
  };
}

/** Grafana's next query letter: A..Z, then AA, AB, ... skipping those in use. */
export function nextRefId(targets: readonly Target[]): string {
  const used = new Set(targets.map((t) => t.refId));
  for (let n = 0; ; n++) {
    let id = '';
    let k = n;
    do {
      id = String.fromCharCode(65 + (k % 26)) + id;
      k = Math.floor(k / 26) - 1;
    } while (k >= 0);
    if (!used.has(id)) return id;
  }
}

export function addTarget(targets: readonly Target[]): Target[] {
  return [...targets, { refId: nextRefId(targets), expr: '', range: true, instant: false }];
}

/** A copy of query `i` under a new refId, right after it. */
export function duplicateTarget(targets: readonly Target[], i: number): Target[] {
  const copy = { ...targets[i], refId: nextRefId(targets) };
  return [...targets.slice(0, i + 1), copy, ...targets.slice(i + 1)];
}

export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

/** `list` with item `i` moved by `delta` places (clamped to the ends). */
export function moveItem<T>(list: readonly T[], i: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, i + delta));
  if (to === i || i < 0 || i >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(i, 1);
  out.splice(to, 0, item);
  return out;
}

export type QueryType = 'range' | 'instant' | 'both';

export function queryTypeOf(t: Target): QueryType {
  if (t.instant && t.range) return 'both';
  return t.instant ? 'instant' : 'range';
}

export function withQueryType(t: Target, type: QueryType): Target {
  return { ...t, range: type !== 'instant', instant: type !== 'range' };
}

type Obj = Record<string, unknown>;

export function getIn(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
}

/**
 * A copy of `obj` with `value` at `path` (objects created on the way); undefined deletes the key,
 * so an option cleared in the editor leaves no `"unit": undefined` in the saved JSON.
 */
export function setIn<T extends object>(obj: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return obj;
  const [k, ...rest] = path;
  const base = obj as Obj;
  const child = Object.hasOwn(base, k) ? base[k] : undefined;
  const next =
    rest.length === 0
      ? value
      : setIn(child !== null && typeof child === 'object' && !Array.isArray(child) ? child : {}, rest, value);
  const out: Obj = { ...base };
  if (next === undefined) delete out[k];
  else out[k] = next;
  return out as T;
}

export const VIZ_TYPES = ['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'text', 'heatmap'] as const;

/** The panel as another visualisation: queries and field options kept, text gets its content. */
export function changeVizType(panel: Panel, type: string): Panel {
  if (panel.type === type) return panel;
  const next: Panel = { ...panel, type };
  if (type === 'text') {
    const content = getIn(panel.options, ['content']);
    next.options = {
      ...panel.options,
      mode: 'markdown',
      content: typeof content === 'string' ? content : '',
    };
  }
  return next;
}

const STEP_COLORS = ['green', 'red', 'orange', 'yellow', 'blue', 'purple'];

export const DEFAULT_THRESHOLDS: Thresholds = {
  mode: 'absolute',
  steps: [
    { color: 'green', value: null },
    { color: 'red', value: 80 },
  ],
};

/** Steps in Grafana's order: the base (null) first, then by value. */
export function sortSteps(steps: readonly ThresholdStep[]): ThresholdStep[] {
  return [...steps].sort((a, b) => (a.value === null ? -1 : b.value === null ? 1 : a.value - b.value));
}

/** A new step above the highest (by 10), in the next colour. */
export function addThresholdStep(t: Thresholds): Thresholds {
  const values = t.steps.map((s) => s.value).filter((v): v is number => v !== null);
  const top = values.length ? Math.max(...values) : 0;
  const color = STEP_COLORS[t.steps.length % STEP_COLORS.length];
  return { ...t, steps: sortSteps([...t.steps, { color, value: top + 10 }]) };
}

/** A new value mapping of `type` with its fields empty. */
export function newMapping(type: ValueMapping['type']): ValueMapping {
  switch (type) {
    case 'value':
      return { type, options: { '': { text: '' } } };
    case 'range':
      return { type, options: { from: null, to: null, result: { text: '' } } };
    case 'regex':
      return { type, options: { pattern: '', result: { text: '' } } };
    default:
      return { type: 'special', options: { match: 'null', result: { text: '' } } };
  }
}

/** What changes a panel's data (not only how it is drawn): a new query when it changes. */
export function queryKey(panel: Panel): string {
  return JSON.stringify([
    panel.targets ?? [],
    panel.maxDataPoints ?? null,
    panel.interval ?? null,
    panel.timeFrom ?? null,
    panel.timeShift ?? null,
  ]);
}

/** A number typed in an option field: empty clears it (undefined), junk is refused (null). */
export function parseOptionalNumber(text: string): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Overrides typed as JSON: a list of {matcher: {id}, properties: [...]}, or what is wrong where. */
export function parseOverrides(text: string): { overrides: FieldOverride[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { error: `overrides: not JSON (${(e as Error).message})` };
  }
  if (!Array.isArray(parsed)) return { error: 'overrides: expected a list' };
  for (const [i, o] of parsed.entries()) {
    const m = (o as { matcher?: { id?: unknown } } | null)?.matcher;
    if (typeof m?.id !== 'string') return { error: `overrides[${i}].matcher.id: expected a string` };
    if (!Array.isArray((o as { properties?: unknown }).properties))
      return { error: `overrides[${i}].properties: expected a list` };
  }
  return { overrides: parsed as FieldOverride[] };
}

/**
 * A panel ready for the editor: each query with its own refId (a file may have none, or the same
 * twice; the editor keys queries by it). The same object when nothing needed it.
 */
export function editablePanel(panel: Panel): Panel {
  const targets = panel.targets ?? [];
  const seen = new Set<string>();
  const ok = targets.every((t) => {
    if (typeof t.refId !== 'string' || t.refId === '' || seen.has(t.refId)) return false;
    seen.add(t.refId);
    return true;
  });
  if (ok) return panel;
  const fixed: Target[] = [];
  for (const t of targets) {
    const good = typeof t.refId === 'string' && t.refId !== '' && !fixed.some((f) => f.refId === t.refId);
    fixed.push(good ? t : { ...t, refId: nextRefId([...fixed, ...targets.filter((x) => x !== t)]) });
  }
  return { ...panel, targets: fixed };
}

/** Thresholds as the steps editor can show them: well-formed steps only, else the default. */
export function thresholdsOf(v: unknown): Thresholds {
  const t = v as { mode?: unknown; steps?: unknown } | null | undefined;
  if (!t || typeof t !== 'object' || !Array.isArray(t.steps)) return DEFAULT_THRESHOLDS;
  const steps = t.steps.filter(
    (s: unknown): s is ThresholdStep =>
      !!s &&
      typeof (s as ThresholdStep).color === 'string' &&
      ((s as ThresholdStep).value === null || Number.isFinite((s as ThresholdStep).value)),
  );
  if (!steps.some((s) => s.value === null)) steps.unshift({ color: 'green', value: null });
  return { mode: t.mode === 'percentage' ? 'percentage' : 'absolute', steps: sortSteps(steps) };
}

/** Whether the mappings editor can show and edit this mapping (others are kept as they are). */
export function isEditableMapping(m: unknown): m is ValueMapping {
  const o = (m as { options?: unknown } | null)?.options as Record<string, unknown> | undefined;
  if (!o || typeof o !== 'object') return false;
  const isResult = (r: unknown) => !!r && typeof r === 'object';
  switch ((m as { type?: unknown }).type) {
    case 'value':
      return Object.keys(o).length === 1 && isResult(Object.values(o)[0]);
    case 'range':
      return isResult(o.result);
    case 'regex':
      return typeof o.pattern === 'string' && isResult(o.result);
    case 'special':
      return typeof o.match === 'string' && isResult(o.result);
    default:
      return false;
  }
}

/**
 * Mappings as the editor lists them: a value mapping of several values (as Grafana saves them)
 * split into one per value, which maps the same values to the same results.
 */
export function splitValueMappings(v: unknown): ValueMapping[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((m: ValueMapping) => {
    if (m?.type !== 'value' || !m.options || typeof m.options !== 'object') return [m];
    const keys = Object.keys(m.options);
    return keys.length > 1 ? keys.map((k) => ({ ...m, options: { [k]: m.options[k] } })) : [m];
  });
}

/**
 * The panel id an `editPanel` parameter names: `4`, or as newer Grafana writes it `panel-4`, and
 * a repeated copy `panel-4-clone-1` (its source is edited). Null for anything else.
 */
export function editPanelId(param: string | null): number | null {
  const m = param === null ? null : /^(?:panel-)?(\d+)(?:-clone-\d+)?$/.exec(param);
  return m ? Number(m[1]) : null;
}

/**
 * A panel typed as JSON in the editor: an object with a type and a gridPos of numbers; its id
 * stays the edited panel's (the dashboard refers to it). Or what is wrong, naming where.
 */
export function parsePanelJson(text: string, id: number): { panel: Panel } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { error: `panel: not JSON (${(e as Error).message})` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return { error: 'panel: expected an object' };
  const p = parsed as Record<string, unknown>;
  if (typeof p.type !== 'string' || p.type === '') return { error: 'panel.type: expected a string' };
  if (p.type === 'row') return { error: 'panel.type: a row is not edited here' };
  const g = p.gridPos as Record<string, unknown> | undefined;
  for (const k of ['x', 'y', 'w', 'h'])
    if (!g || typeof g !== 'object' || !Number.isFinite(g[k]))
      return { error: `panel.gridPos.${k}: expected a number` };
  if (p.targets !== undefined && !Array.isArray(p.targets))
    return { error: 'panel.targets: expected a list' };
  return { panel: { ...(p as unknown as Panel), id } };
}
