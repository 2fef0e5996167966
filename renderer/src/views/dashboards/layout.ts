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

/** CSS grid placement of a section's panels (1-based lines; y relative to the section's top). */
export function placePanels(panels: readonly Panel[]): Placed[] {
  const top = Math.min(...panels.map((p) => int(p.gridPos?.y, 0)));
  return panels.map((p) => {
    const w = Math.min(GRID_COLUMNS, Math.max(1, int(p.gridPos?.w, 12)));
    const x = Math.min(GRID_COLUMNS - w, Math.max(0, int(p.gridPos?.x, 0)));
    const h = Math.max(1, int(p.gridPos?.h, 8));
    const y = Math.max(0, int(p.gridPos?.y, 0) - top);
    return { panel: p, column: `${x + 1} / span ${w}`, row: `${y + 1} / span ${h}` };
  });
}
