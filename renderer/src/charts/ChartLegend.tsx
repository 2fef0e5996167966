// The legend under a chart: one toggle per series (click hides/shows, Ctrl/⌘-click isolates; a
// dashboard panel has Grafana's way round: click isolates, Ctrl/⌘-click hides/shows),
// as a wrapping list or as a table with figures per series (min/mean/max/last/total).
import { useState } from 'react';
import type { LegendCalc } from './legend-calcs';
import { sortByCalc, type LegendSort } from './legend-sort';

export interface LegendItem {
  key: string;
  /** The series' index in the chart (items may be shown in another order). */
  index: number;
  label: string;
  color: string;
  shown: boolean;
  /** Figures for a table legend, already formatted. */
  calcs?: Partial<Record<LegendCalc, string>>;
  /** The same figures as numbers, to sort the table by. */
  calcValues?: Partial<Record<LegendCalc, number | null>>;
}

export type LegendMode = 'list' | 'table' | 'hidden';

const calcTitle: Record<LegendCalc, string> = {
  min: 'Min',
  mean: 'Mean',
  max: 'Max',
  last: 'Last',
  total: 'Total',
};

export function ChartLegend({
  items,
  onToggle,
  limit,
  mode = 'list',
  calcs = [],
  isolates = false,
  sort: initialSort,
}: {
  items: LegendItem[];
  /** `index` is the series' index (LegendItem.index). */
  onToggle: (index: number, only: boolean) => void;
  limit?: number;
  mode?: LegendMode;
  calcs?: readonly LegendCalc[];
  /** The hint says a click isolates (the chart's legendIsolates). */
  isolates?: boolean;
  /** A table's sort to start with; a click on a figure's header sorts by it (again: reversed). */
  sort?: LegendSort;
}) {
  const [expanded, setExpanded] = useState(false);
  const [sort, setSort] = useState<LegendSort | null>(initialSort ?? null);
  if (items.length === 0 || mode === 'hidden') return null;
  const ordered = mode === 'table' ? sortByCalc(items, sort) : items;
  const visible = limit && !expanded ? ordered.slice(0, limit) : ordered;
  const more = limit && items.length > limit && (
    <button type="button" className="legend-more" onClick={() => setExpanded((x) => !x)}>
      {expanded ? 'show fewer' : `+${items.length - limit} more`}
    </button>
  );
  const toggleButton = (it: LegendItem) => (
    <button
      type="button"
      className={it.shown ? 'legend-item' : 'legend-item off'}
      title={
        isolates
          ? `${it.label}\nClick to show only this series, Ctrl/⌘-click to toggle it`
          : `${it.label}\nClick to toggle, Ctrl/⌘-click to show only this series`
      }
      onClick={(e) => onToggle(it.index, e.ctrlKey || e.metaKey)}
    >
      <span className="swatch" style={{ background: it.color }} />
      <span className="legend-label">{it.label}</span>
    </button>
  );
  if (mode === 'table')
    return (
      <div className="chart-legend-table-wrap">
        <table className="chart-legend-table">
          {calcs.length > 0 && (
            <thead>
              <tr>
                <th />
                {calcs.map((c) => (
                  <th key={c} aria-sort={sort?.by === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                    <button
                      type="button"
                      className="legend-sort"
                      onClick={() => setSort((s) => ({ by: c, desc: s?.by === c ? !s.desc : true }))}
                    >
                      {calcTitle[c]}
                      {sort?.by === c ? (sort.desc ? ' ↓' : ' ↑') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
          )}
          <tbody>
            {visible.map((it) => (
              <tr key={it.key}>
                <td>{toggleButton(it)}</td>
                {calcs.map((c) => (
                  <td key={c} className="legend-calc">
                    {it.calcs?.[c] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {more}
      </div>
    );
  return (
    <ul className="chart-legend">
      {visible.map((it) => (
        <li key={it.key}>{toggleButton(it)}</li>
      ))}
      {more && <li>{more}</li>}
    </ul>
  );
}
