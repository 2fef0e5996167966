// A dashboard's panels as sections of Grafana's 24-column grid: the panels before the first row,
// then each row with its panels (those after it while expanded, its nested ones while collapsed).
// Each section is laid out on its own, from its panels' gridPos relative to its top, so a row
// opening or closing never overlaps the sections below it. panelsOf writes sections back as
// Grafana saves them (rows at their y, a collapsed row's panels nested in it). Copies of repeated
// panels and rows that an older Grafana saved in the file are left out, as Grafana leaves them
// out on load: the repeat makes them again.
import { clampBox, compact, type GridItem } from '../../../../shared/dashboards/grid-layout';
import { GRID_COLUMNS, isRowPanel, type Panel } from '../../../../shared/dashboards/model';
import type { SectionModel } from '../../../../shared/dashboards/repeat';

export type Section = SectionModel;

/** Keys unique in the dashboard: the panel's id, with `~n` added when the id repeats. */
function keyer(): (p: Panel) => string {
  const seen = new Map<string, number>();
  return (p) => {
    const id = String(p.id);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}~${n}`;
  };
}

/** A copy an older Grafana saved of a repeated panel or row: made again from its source instead. */
const isSavedCopy = (p: Panel) => typeof p.repeatPanelId === 'number';

export function sectionsOf(panels: readonly Panel[]): Section[] {
  const panelKey = keyer();
  const rowKey = keyer();
  const sections: Section[] = [{ row: null, panels: [], keys: [], key: 'top' }];
  let inCopiedRow = false;
  for (const p of panels) {
    if (isRowPanel(p)) inCopiedRow = isSavedCopy(p);
    if (inCopiedRow || isSavedCopy(p)) continue;
    if (isRowPanel(p)) {
      const nested = Array.isArray(p.panels) ? p.panels : [];
      sections.push({ row: p, panels: [...nested], keys: nested.map(panelKey), key: `row-${rowKey(p)}` });
    } else {
      const s = sections[sections.length - 1];
      s.panels.push(p);
      s.keys.push(panelKey(p));
    }
  }
  return sections.filter((s) => s.row || s.panels.length > 0);
}

/** The section's panels compacted, y relative to its top, in panel order. */
export function boxesOf(s: Section): GridItem[] {
  return compact(s.panels.map((p, i) => clampBox(s.keys[i], p.gridPos)));
}

/** CSS grid lines (1-based) of a box. */
export function gridArea(b: GridItem): { gridColumn: string; gridRow: string } {
  return { gridColumn: `${b.x + 1} / span ${b.w}`, gridRow: `${b.y + 1} / span ${b.h}` };
}

/** The section with its panels moved to `boxes` (by key; y relative to the section). */
export function withBoxes(s: Section, boxes: readonly GridItem[]): Section {
  const at = new Map(boxes.map((b) => [b.key, b]));
  return {
    ...s,
    panels: s.panels.map((p, i) => {
      const b = at.get(s.keys[i]);
      return b ? { ...p, gridPos: { x: b.x, y: b.y, w: b.w, h: b.h } } : p;
    }),
  };
}

/**
 * The dashboard's top-level panels from its sections, as Grafana saves them: each row at the y
 * where its section starts; an expanded row's panels after it, a collapsed row's nested in it,
 * every gridPos absolute.
 */
export function panelsOf(sections: readonly Section[]): Panel[] {
  const out: Panel[] = [];
  let top = 0;
  for (const s of sections) {
    const boxes = boxesOf(s);
    const height = boxes.reduce((h, b) => Math.max(h, b.y + b.h), 0);
    const start = s.row ? top + 1 : top;
    // In grid order, as Grafana sorts panels by position.
    const placed = s.panels
      .map((p, i) => ({
        ...p,
        gridPos: { x: boxes[i].x, y: start + boxes[i].y, w: boxes[i].w, h: boxes[i].h },
      }))
      .sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
    if (!s.row) {
      out.push(...placed);
      top += height;
      continue;
    }
    const collapsed = Boolean(s.row.collapsed);
    out.push({
      ...s.row,
      gridPos: { x: 0, y: top, w: GRID_COLUMNS, h: 1 },
      panels: collapsed ? placed : [],
    } as Panel);
    if (!collapsed) out.push(...placed);
    top += 1 + (collapsed ? 0 : height);
  }
  return out;
}
