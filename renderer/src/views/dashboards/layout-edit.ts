// Changes the user makes to a dashboard's layout, as pure functions of its sections (layout.ts):
// move a panel (within its row or into another), resize it, duplicate or remove it, and add,
// move (with its panels), rename or remove a row. panelsOf turns the result into what is saved.
import { insertItem, layoutHeight, moveItem, resizeItem } from '../../../../shared/dashboards/grid-layout';
import { GRID_COLUMNS, type Panel, type RowPanel } from '../../../../shared/dashboards/model';
import { boxesOf, withBoxes, type Section } from './layout';

function find(sections: readonly Section[], key: string): { si: number; pi: number } | null {
  for (const [si, s] of sections.entries()) {
    const pi = s.keys.indexOf(key);
    if (pi >= 0) return { si, pi };
  }
  return null;
}

const replaced = (sections: readonly Section[], si: number, s: Section) =>
  sections.map((x, i) => (i === si ? s : x));

/** Moves panel `key` to column x, row y of section `to` (a section key), pushing others aside. */
export function movePanel(
  sections: readonly Section[],
  key: string,
  to: { section: string; x: number; y: number },
): Section[] {
  const from = find(sections, key);
  const ti = sections.findIndex((s) => s.key === to.section);
  if (!from || ti < 0) return [...sections];
  const src = sections[from.si];
  if (from.si === ti) return replaced(sections, ti, withBoxes(src, moveItem(boxesOf(src), key, to.x, to.y)));
  const box = boxesOf(src)[from.pi];
  const left: Section = {
    ...src,
    panels: src.panels.filter((_, i) => i !== from.pi),
    keys: src.keys.filter((_, i) => i !== from.pi),
  };
  const target = sections[ti];
  const joined: Section = {
    ...target,
    panels: [...target.panels, src.panels[from.pi]],
    keys: [...target.keys, key],
  };
  const boxes = insertItem(boxesOf(target), { ...box, x: to.x, y: to.y });
  return replaced(replaced(sections, from.si, left), ti, withBoxes(joined, boxes));
}

/** Resizes panel `key` to w columns by h grid rows, pushing others aside. */
export function resizePanel(sections: readonly Section[], key: string, w: number, h: number): Section[] {
  const at = find(sections, key);
  if (!at) return [...sections];
  const s = sections[at.si];
  return replaced(sections, at.si, withBoxes(s, resizeItem(boxesOf(s), key, w, h)));
}

function nextId(sections: readonly Section[]): number {
  let max = 0;
  for (const s of sections) {
    if (s.row && typeof s.row.id === 'number') max = Math.max(max, s.row.id);
    for (const p of s.panels) if (typeof p.id === 'number') max = Math.max(max, p.id);
  }
  return max + 1;
}

/**
 * A copy of panel `key` with a new id, beside it when it fits in the 24 columns (as Grafana
 * places a duplicate), else below it.
 */
export function duplicatePanel(sections: readonly Section[], key: string): Section[] {
  const at = find(sections, key);
  if (!at) return [...sections];
  const s = sections[at.si];
  const box = boxesOf(s)[at.pi];
  const id = nextId(sections);
  const copy = { ...(JSON.parse(JSON.stringify(s.panels[at.pi])) as Panel), id };
  const beside = box.x + 2 * box.w <= GRID_COLUMNS;
  const place = {
    key: String(id),
    w: box.w,
    h: box.h,
    x: beside ? box.x + box.w : box.x,
    y: beside ? box.y : box.y + box.h,
  };
  const grown: Section = {
    ...s,
    panels: [...s.panels.slice(0, at.pi + 1), copy, ...s.panels.slice(at.pi + 1)],
    keys: [...s.keys.slice(0, at.pi + 1), String(id), ...s.keys.slice(at.pi + 1)],
  };
  return replaced(sections, at.si, withBoxes(grown, insertItem(boxesOf(s), place)));
}

/** Without panel `key`; what was below it moves up. */
export function removePanel(sections: readonly Section[], key: string): Section[] {
  const at = find(sections, key);
  if (!at) return [...sections];
  const s = sections[at.si];
  return replaced(sections, at.si, {
    ...s,
    panels: s.panels.filter((_, i) => i !== at.pi),
    keys: s.keys.filter((_, i) => i !== at.pi),
  });
}

/** A new, empty, expanded row at the bottom. */
export function addRow(sections: readonly Section[], title = 'Row title'): Section[] {
  const id = nextId(sections);
  const row: RowPanel = {
    id,
    type: 'row',
    title,
    collapsed: false,
    panels: [],
    gridPos: { x: 0, y: 0, w: GRID_COLUMNS, h: 1 },
  };
  return [...sections, { row, panels: [], keys: [], key: `row-new-${id}` }];
}

/**
 * Row `key` moved, with its panels, to position `index` among the sections. The panels above the
 * first row stay first: no row can go above them.
 */
export function moveRow(sections: readonly Section[], key: string, index: number): Section[] {
  const from = sections.findIndex((s) => s.key === key);
  if (from < 0 || !sections[from].row) return [...sections];
  const rest = sections.filter((_, i) => i !== from);
  const lowest = rest.length > 0 && !rest[0].row ? 1 : 0;
  const to = Math.max(lowest, Math.min(rest.length, Math.round(index)));
  return [...rest.slice(0, to), sections[from], ...rest.slice(to)];
}

export function renameRow(sections: readonly Section[], key: string, title: string): Section[] {
  return sections.map((s) => (s.key === key && s.row ? { ...s, row: { ...s.row, title } } : s));
}

/** Without row `key`; its panels stay, joining the section above it (below that one's panels). */
export function removeRow(sections: readonly Section[], key: string): Section[] {
  const i = sections.findIndex((s) => s.key === key && s.row);
  if (i < 0) return [...sections];
  const gone = sections[i];
  const prev = i > 0 ? sections[i - 1] : null;
  const above = prev ? boxesOf(prev) : [];
  const offset = layoutHeight(above);
  const moved = boxesOf(gone).map((b) => ({ ...b, y: b.y + offset }));
  const merged: Section = prev
    ? { ...prev, panels: [...prev.panels, ...gone.panels], keys: [...prev.keys, ...gone.keys] }
    : { row: null, panels: gone.panels, keys: gone.keys, key: 'top' };
  const out = sections.filter((_, j) => j !== i);
  out.splice(prev ? i - 1 : 0, prev ? 1 : 0, withBoxes(merged, [...above, ...moved]));
  return out;
}
