// Repeated panels and rows, as Grafana lays them out: a panel with `repeat: <var>` is shown once
// per selected value of that variable (every option when All is selected), each copy with the
// variable scoped to its one value (Grafana's scopedVars) for its queries and title. Horizontal
// copies (the default) share the row, at most maxPerRow (default 4) per grid row, starting at the
// left edge (a last, shorter grid row is shared out too, so nothing floats into a half-empty
// band of copies); vertical ones stack at the panel's own column. A repeated row copies itself and its
// panels per value. Copies make room by pushing what they land on downwards.
import { clampBox, settle, type GridItem } from './grid-layout';
import { GRID_COLUMNS, type Panel, type RowPanel } from './model';
import { ALL_VALUE, type VariableValue } from './templating/interpolate';

/** One value a copy is made for, and the text its title shows. */
export interface RepeatValue {
  value: string;
  text: string;
}

/** A variable as a repeat reads it; a resolved variable's `choices` give each value's text. */
export type RepeatVariable = VariableValue & { choices?: readonly { text: string; value: string }[] };

/** The values a repeat runs over: the selected ones, or every option when All is selected. */
export function repeatValues(v: RepeatVariable): RepeatValue[] {
  const selected = Array.isArray(v.value) ? v.value : [v.value];
  const all = selected.includes(ALL_VALUE);
  const values = [...new Set(all ? (v.options ?? []) : selected)];
  const texts = new Map((v.choices ?? []).map((c) => [c.value, c.text]));
  const shown = !all && Array.isArray(v.text) && v.text.length === selected.length ? v.text : null;
  return values.map((value) => ({
    value,
    text: shown?.[selected.indexOf(value)] ?? texts.get(value) ?? value,
  }));
}

export type Scope = Readonly<Record<string, RepeatValue>>;

/**
 * The variables as one copy sees them: each scoped variable narrowed to its one value. Its
 * multi/All flags stay, so a query gets the value escaped as Grafana's Prometheus datasource
 * escapes a single value of a multi-value variable.
 */
export function scopeVariables<V extends VariableValue>(
  vars: ReadonlyMap<string, V>,
  scope: Scope,
): ReadonlyMap<string, V> {
  const names = Object.keys(scope);
  if (names.length === 0) return vars;
  const out = new Map(vars);
  for (const name of names) {
    const v = vars.get(name);
    if (v) out.set(name, { ...v, value: scope[name].value, text: scope[name].text });
  }
  return out;
}

/** A dashboard section as layout.ts builds it: a row (or none, above the first) and its panels. */
export interface SectionModel {
  row: RowPanel | null;
  panels: Panel[];
  /** Keys of the panels, unique in the dashboard (see layout.ts panelKeys). */
  keys: string[];
  key: string;
}

export interface ShownPanel {
  /** The model panel (a copy shares its source's object). */
  panel: Panel;
  /** Unique on the page: the source's key, or `panel-<id>-clone-<n>` for a copy. */
  key: string;
  /** The model panel's key. */
  sourceKey: string;
  /** 0 for the panel itself, n for its n-th copy (also when its row is a copy). */
  clone: number;
  scope: Scope;
  box: GridItem;
}

export interface ShownSection {
  row: RowPanel | null;
  /** The model section it shows (a row copy points at its source). */
  sourceKey: string;
  key: string;
  clone: number;
  scope: Scope;
  panels: ShownPanel[];
}

type Lookup = (name: string, scope: Scope) => RepeatValue[] | null;

function lookupIn(vars: ReadonlyMap<string, RepeatVariable>): Lookup {
  return (name, scope) => {
    if (Object.hasOwn(scope, name)) return [scope[name]];
    const v = vars.get(name);
    return v ? repeatValues(v) : null;
  };
}

const repeatOf = (p: Panel) => (typeof p.repeat === 'string' && p.repeat ? p.repeat : null);

/** Columns of the i-th of m copies side by side: whole columns that fill the row. */
function sliceOf(i: number, m: number): { x: number; w: number } {
  const x = Math.round((i * GRID_COLUMNS) / m);
  return { x, w: Math.max(1, Math.round(((i + 1) * GRID_COLUMNS) / m) - x) };
}

function expandPanels(
  s: SectionModel,
  keyPrefix: string,
  clone: number,
  scope: Scope,
  lookup: Lookup,
): ShownPanel[] {
  let shown: ShownPanel[] = s.panels.map((panel, i) => {
    const key = keyPrefix + s.keys[i];
    return { panel, key, sourceKey: s.keys[i], clone, scope, box: clampBox(key, panel.gridPos) };
  });
  const sources = shown
    .filter((p) => repeatOf(p.panel) !== null)
    .sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)
    .map((p) => p.sourceKey);
  // Copies already laid out stay where they are; a later repeat starts below those in its way.
  const fixed = new Set<string>();
  for (const sourceKey of sources) {
    const at = shown.findIndex((p) => p.sourceKey === sourceKey);
    const src = shown[at];
    const name = repeatOf(src.panel)!;
    const values = lookup(name, scope);
    if (!values || values.length === 0) continue;
    const vertical = src.panel.repeatDirection === 'v';
    const maxPerRow =
      typeof src.panel.maxPerRow === 'number' && src.panel.maxPerRow >= 1
        ? Math.min(GRID_COLUMNS, Math.floor(src.panel.maxPerRow))
        : 4;
    const perRow = Math.min(values.length, maxPerRow);
    // Horizontal copies take whole grid rows from the left edge; vertical ones the panel's columns.
    const [left, right] = vertical ? [src.box.x, src.box.x + src.box.w] : [0, GRID_COLUMNS];
    let top = src.box.y;
    for (const p of shown)
      if (fixed.has(p.key) && p.box.x < right && left < p.box.x + p.box.w && p.box.y + p.box.h > top)
        top = p.box.y + p.box.h;
    const copies = values.map((value, n): ShownPanel => {
      const key = n === 0 ? src.key : `${keyPrefix}panel-${String(src.panel.id)}-clone-${n}`;
      const box = vertical
        ? { ...src.box, key, y: top + n * src.box.h }
        : {
            ...src.box,
            key,
            ...sliceOf(n % perRow, Math.min(perRow, values.length - (n - (n % perRow)))),
            y: top + Math.floor(n / perRow) * src.box.h,
          };
      return { ...src, key, clone: Math.max(clone, n), scope: { ...scope, [name]: value }, box };
    });
    for (const c of copies) fixed.add(c.key);
    shown = [...shown.slice(0, at), ...copies, ...shown.slice(at + 1)];
    const moved = settle(
      shown.map((p) => p.box),
      fixed,
    );
    shown = shown.map((p, i) => ({ ...p, box: moved[i] }));
  }
  return shown;
}

/**
 * The sections as shown: repeated rows copied per value (each copy's panels scoped to it) and
 * repeated panels copied within their section. Boxes are relative to the section's top and not
 * yet compacted. A repeat over a variable that does not exist shows the panel once, unscoped.
 */
export function expandRepeats(
  sections: readonly SectionModel[],
  vars: ReadonlyMap<string, RepeatVariable>,
): ShownSection[] {
  const lookup = lookupIn(vars);
  const out: ShownSection[] = [];
  for (const s of sections) {
    const name = s.row ? repeatOf(s.row) : null;
    const values = name ? lookup(name, {}) : null;
    if (!name || !values || values.length === 0) {
      out.push({
        row: s.row,
        sourceKey: s.key,
        key: s.key,
        clone: 0,
        scope: {},
        panels: expandPanels(s, '', 0, {}, lookup),
      });
      continue;
    }
    values.forEach((value, n) => {
      const scope = { [name]: value };
      const prefix = n === 0 ? '' : `${s.key}-clone-${n}/`;
      out.push({
        row: s.row,
        sourceKey: s.key,
        key: n === 0 ? s.key : `${s.key}-clone-${n}`,
        clone: n,
        scope,
        panels: expandPanels(s, prefix, n, scope, lookup),
      });
    });
  }
  return out;
}
