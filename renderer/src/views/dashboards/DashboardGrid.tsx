// The dashboard's panels on the 24-column grid, in sections under their rows. A collapsed row's
// header carries data-row-state="collapsed"; a click opens it (and closes it again).
import { useState } from 'react';
import type { Panel } from '../../../../shared/dashboards/model';
import { boxesOf, gridArea, sectionsOf } from './layout';
import { displayText, type QueryContext } from './panel-data';
import { PanelView } from './PanelView';

export function DashboardGrid({
  panels,
  ctx,
  ctxKey,
}: {
  panels: Panel[];
  ctx: QueryContext | null;
  ctxKey: string;
}) {
  const sections = sectionsOf(panels);
  // Rows the user opened or closed here, by index; the rest as the dashboard says.
  const [toggled, setToggled] = useState<ReadonlySet<number>>(new Set());
  return (
    <div className="dash-sections">
      {sections.map((s, i) => {
        const collapsed = s.row ? Boolean(s.row.collapsed) !== toggled.has(i) : false;
        const title = s.row ? displayText(s.row.title ?? '', ctx?.vars) : '';
        return (
          <div className="dash-section" key={i}>
            {s.row && (
              <button
                type="button"
                className="dash-row-header"
                data-row-state={collapsed ? 'collapsed' : 'expanded'}
                data-row-title={title}
                aria-expanded={!collapsed}
                onClick={() =>
                  setToggled((t) => {
                    const n = new Set(t);
                    if (n.has(i)) n.delete(i);
                    else n.add(i);
                    return n;
                  })
                }
              >
                <span className="chevron" aria-hidden="true">
                  {collapsed ? '▸' : '▾'}
                </span>
                {title || 'Row'}
                {collapsed && <span className="dash-row-count">({s.panels.length} panels)</span>}
              </button>
            )}
            {!collapsed && s.panels.length > 0 && (
              <div className="dash-grid">
                {boxesOf(s).map((b, j) => (
                  <PanelView key={b.key} panel={s.panels[j]} ctx={ctx} ctxKey={ctxKey} style={gridArea(b)} />
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
