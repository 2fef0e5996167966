// A dashboard's panels as sections of Grafana's 24-column grid: the panels before the first row,
// then each row with its panels (those after it while expanded, its nested ones while collapsed).
// Each section is laid out on its own, from its panels' gridPos relative to its top, so a row
// opening or closing never overlaps the sections below it.
import { GRID_COLUMNS, isRowPanel, type Panel, type RowPanel } from '../../../../shared/dashboards/model';

export interface Section {
  row: RowPanel | null;
  panels: Panel[];
}

export function sectionsOf(panels: readonly Panel[]): Section[] {
  const sections: Section[] = [{ row: null, panels: [] }];
  for (const p of panels) {
    if (isRowPanel(p)) sections.push({ row: p, panels: [...(p.panels ?? [])] });
    else sections[sections.length - 1].panels.push(p);
  }
  return sections.filter((s) => s.row || s.panels.length > 0);
}

export interface Placed {
  panel: Panel;
  column: string;
  row: string;
}

const int = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : d);

/**
 * CSS grid placement of a section's panels (1-based lines; y relative to the section's top).
 * Panels float up as far as the panels above them allow, as Grafana's grid compacts them, so a
 * gap in the saved positions does not leave an empty band on the page.
 */
export function placePanels(panels: readonly Panel[]): Placed[] {
  const boxes = panels.map((p, i) => {
    const w = Math.min(GRID_COLUMNS, Math.max(1, int(p.gridPos?.w, 12)));
    const x = Math.min(GRID_COLUMNS - w, Math.max(0, int(p.gridPos?.x, 0)));
    const h = Math.max(1, int(p.gridPos?.h, 8));
    return { i, x, w, h, y: Math.max(0, int(p.gridPos?.y, 0)) };
  });
  const order = [...boxes].sort((a, b) => a.y - b.y || a.x - b.x);
  const placed: typeof boxes = [];
  const collides = (b: (typeof boxes)[number], y: number) =>
    placed.some((q) => b.x < q.x + q.w && q.x < b.x + b.w && y < q.y + q.h && q.y < y + b.h);
  for (const b of order) {
    let y = b.y;
    while (y > 0 && !collides(b, y - 1)) y--;
    while (collides(b, y)) y++;
    b.y = y;
    placed.push(b);
  }
  return boxes.map((b) => ({
    panel: panels[b.i],
    column: `${b.x + 1} / span ${b.w}`,
    row: `${b.y + 1} / span ${b.h}`,
  }));
}
