// The legend under a chart: one toggle per series (click hides/shows, Ctrl/⌘-click isolates).
import { useState } from 'react';

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  shown: boolean;
}

export function ChartLegend({
  items,
  onToggle,
  limit,
}: {
  items: LegendItem[];
  onToggle: (index: number, only: boolean) => void;
  limit?: number;
}) {
  const [expanded, setExpanded] = useState(false);
  if (items.length === 0) return null;
  const visible = limit && !expanded ? items.slice(0, limit) : items;
  return (
    <ul className="chart-legend">
      {visible.map((it, i) => (
        <li key={it.key}>
          <button
            type="button"
            className={it.shown ? 'legend-item' : 'legend-item off'}
            title={`${it.label}\nClick to toggle, Ctrl/⌘-click to show only this series`}
            onClick={(e) => onToggle(i, e.ctrlKey || e.metaKey)}
          >
            <span className="swatch" style={{ background: it.color }} />
            <span className="legend-label">{it.label}</span>
          </button>
        </li>
      ))}
      {limit && items.length > limit && (
        <li>
          <button type="button" className="legend-more" onClick={() => setExpanded((x) => !x)}>
            {expanded ? 'show fewer' : `+${items.length - limit} more`}
          </button>
        </li>
      )}
    </ul>
  );
}
