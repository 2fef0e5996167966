// The PromQL panels view saved as a dashboard: the picked selector (if any) and each panel's
// expression become time series panels, two to a row, under the view's range.
import { CURRENT_SCHEMA_VERSION, type Dashboard, type Panel } from '../../../shared/dashboards/model';
import { numbered, timeseries } from '../../../shared/dashboards/starters/panels';
import type { PanelSpec } from './explore-panels';
import { rangeToParam, type TimeRange } from './time-range';

export function graphDashboard(
  uid: string,
  title: string,
  selector: string,
  panels: readonly PanelSpec[],
  range: TimeRange,
): Dashboard {
  const specs = [...(selector ? [{ expr: selector, datasource: '' }] : []), ...panels].filter(
    (p) => p.expr.trim() !== '',
  );
  const out: Panel[] = specs.map((p, i) => {
    const panel = timeseries({
      title: p.expr.length > 60 ? `${p.expr.slice(0, 57)}…` : p.expr,
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      queries: [{ expr: p.expr.trim() }],
    });
    if (!p.datasource) return panel;
    const ds = { type: 'prometheus', uid: p.datasource };
    return { ...panel, datasource: ds, targets: panel.targets!.map((t) => ({ ...t, datasource: ds })) };
  });
  return {
    uid,
    title,
    tags: [],
    schemaVersion: CURRENT_SCHEMA_VERSION,
    panels: numbered(out),
    templating: { list: [] },
    time:
      range.kind === 'relative'
        ? { from: `now-${rangeToParam(range)}`, to: 'now' }
        : { from: new Date(range.startMs).toISOString(), to: new Date(range.endMs).toISOString() },
    refresh: '',
    graphTooltip: 1,
  };
}
