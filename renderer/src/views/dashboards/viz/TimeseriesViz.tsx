// A time series panel: the panel's series (already queried) drawn by the app's chart
// (renderer/src/charts/LiveChart with `series`), sized to the panel, in the panel's unit, with
// its legend as a list or a table with Grafana's calcs, and each series' overrides (colour,
// display name, negative-Y, dashes, fill, hidden). On a live range it appends the points the
// engine pushes (panel-live.ts) and its window follows now; a drag zooms the dashboard, and the
// dashboard's graphTooltip shares the cursor between panels (dash-interaction.ts).
import { useEffect, useMemo, useRef, useState } from 'react';
import { resolveColor } from '../../../../../shared/dashboards/field-colors';
import type { ResolvedField } from '../../../../../shared/dashboards/field-config';
import type { FieldConfigDefaults } from '../../../../../shared/dashboards/model';
import { labelsKey } from '../../../../../shared/labels-key';
import type { LegendMode } from '../../../charts/ChartLegend';
import { seriesDrawOf, thresholdsModeOf, yAxisOf } from '../../../charts/draw-options';
import type { LegendCalc } from '../../../charts/legend-calcs';
import { legendSortOf, type LegendSort } from '../../../charts/legend-sort';
import type { TooltipSort } from '../../../charts/tooltip-entries';
import { LiveChart, type ChartFeed, type SeriesStyle } from '../../../charts/LiveChart';
import { useDashInteraction } from '../dash-interaction';
import type { PanelSeries } from '../panel-data';
import type { PanelFeed } from '../panel-live';

/** Holds a series' query refId in the labels the chart keys by (a name PromQL cannot give). */
const REF_LABEL = '__promdesk_ref__';

/** Grafana's legend calcs that the chart's table legend has. */
const CALCS: Record<string, LegendCalc> = {
  min: 'min',
  max: 'max',
  mean: 'mean',
  last: 'last',
  lastNotNull: 'last',
  sum: 'total',
  total: 'total',
};

function legendOf(options: Record<string, unknown> | undefined): {
  mode: LegendMode;
  calcs: LegendCalc[];
  sort?: LegendSort;
} {
  const l = (options?.legend ?? {}) as {
    displayMode?: unknown;
    showLegend?: unknown;
    calcs?: unknown;
    sortBy?: unknown;
    sortDesc?: unknown;
  };
  const mode: LegendMode =
    l.showLegend === false || l.displayMode === 'hidden'
      ? 'hidden'
      : l.displayMode === 'table'
        ? 'table'
        : 'list';
  const calcs = Array.isArray(l.calcs) ? l.calcs.map((c) => CALCS[String(c)]).filter(Boolean) : [];
  const sort = legendSortOf(l);
  return { mode, calcs: [...new Set(calcs)], ...(sort && calcs.includes(sort.by) ? { sort } : {}) };
}

/** Grafana's options.tooltip: mode single/multi/none, sort none/asc/desc (absent: highest first). */
function tooltipOf(options: Record<string, unknown> | undefined): {
  mode: 'multi' | 'single' | 'none';
  sort: TooltipSort;
} {
  const t = (options?.tooltip ?? {}) as { mode?: unknown; sort?: unknown };
  return {
    mode: t.mode === 'single' || t.mode === 'none' ? t.mode : 'multi',
    sort: t.sort === 'asc' || t.sort === 'none' ? t.sort : 'desc',
  };
}

export function TimeseriesViz({
  series,
  defaults,
  fields,
  options,
  query,
  startMs,
  endMs,
  feed,
}: {
  series: PanelSeries[];
  defaults: FieldConfigDefaults;
  /** Each series' field options after overrides, in the order of `series`. */
  fields: readonly ResolvedField[];
  options: Record<string, unknown> | undefined;
  /** The first query, for a unit guessed from its metric name when the panel names none. */
  query: string;
  startMs: number;
  endMs: number;
  /** Set on a live range: the points pushed after `endMs`. */
  feed?: PanelFeed;
}) {
  const dash = useDashInteraction();
  const box = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const legend = legendOf(options);
  // Series hidden from the viz are not drawn; the others keep their overrides by labels. The
  // chart keys series by their labels, and two queries may give the same labels (a device's
  // receive and transmit rates): each series carries its query's refId under a label no query
  // can produce, so none replaces another. The legend and tooltip show display names, not labels.
  // Rebuilt only when the data or the fields change (a new array redraws the chart whole).
  const fieldsKey = JSON.stringify(fields);
  const { drawn, styles, hidden } = useMemo(() => {
    const keyed = series.map((s, i) => ({
      s: { ...s, labels: { ...s.labels, [REF_LABEL]: s.refId } },
      f: fields[i] as ResolvedField | undefined,
    }));
    const shown = keyed.filter(({ f }) => !f?.hideFrom.viz);
    return {
      drawn: shown.map(({ s }) => s),
      styles: new Map<string, SeriesStyle>(
        shown.map(({ s, f }) => [
          labelsKey(s.labels),
          {
            displayName: f?.displayName ?? s.name,
            color: f?.color,
            negativeY: f?.negativeY,
            dashed: f?.dash !== undefined,
            fillOpacity: f?.fillOpacity,
            draw: seriesDrawOf(f?.config.custom ?? defaults.custom),
          },
        ]),
      ),
      hidden: new Set(keyed.filter(({ f }) => f?.hideFrom.viz).map(({ s }) => labelsKey(s.labels))),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series, fieldsKey]);
  // Pushed points carry their refId the same way; a series first seen live is named by its query.
  const live = useRef({ styles, hidden, names: new Map<string, string>() });
  live.current.styles = styles;
  live.current.hidden = hidden;
  const chartFeed = useMemo<ChartFeed | undefined>(
    () =>
      feed && {
        listen: (fn) =>
          feed.listen((batch) => {
            const out = [];
            for (const s of batch) {
              const labels = { ...s.labels, [REF_LABEL]: s.refId };
              const key = labelsKey(labels);
              if (live.current.hidden.has(key)) continue;
              live.current.names.set(key, s.name);
              out.push({ labels, timestamps: s.timestamps, values: s.values });
            }
            if (out.length) fn(out);
          }),
      },
    [feed],
  );
  const rows = Math.min(drawn.length, 4);
  const reserve = legend.mode === 'hidden' ? 0 : legend.mode === 'table' ? 24 + rows * 20 : 28;
  const stacking = (defaults.custom?.stacking as { mode?: unknown } | undefined)?.mode;
  const span = endMs - startMs;
  const thresholdsMode = thresholdsModeOf(defaults.custom);
  const steps = defaults.thresholds?.steps ?? [];
  return (
    <div className="dash-ts" ref={box}>
      {height > 0 && (
        <LiveChart
          query={query}
          series={drawn}
          feed={chartFeed}
          // Live: the window keeps its span and follows now.
          range={feed ? { kind: 'relative', durationMs: span } : { kind: 'absolute', startMs, endMs }}
          height={Math.max(60, height - reserve)}
          unit={defaults.unit}
          decimals={defaults.decimals ?? undefined}
          min={defaults.min ?? undefined}
          max={defaults.max ?? undefined}
          legend={legend}
          legendLimit={legend.mode === 'table' ? 50 : 8}
          legendIsolates
          legendSort={legend.sort}
          tooltip={tooltipOf(options)}
          stacking={stacking === 'normal' || stacking === 'percent' ? stacking : undefined}
          seriesStyle={(labels) => {
            const key = labelsKey(labels);
            const name = live.current.names.get(key);
            return live.current.styles.get(key) ?? (name !== undefined ? { displayName: name } : undefined);
          }}
          onZoom={dash?.zoom}
          sync={dash?.syncKey ? { key: dash.syncKey, mode: dash.syncMode } : undefined}
          yAxis={yAxisOf(defaults.custom)}
          thresholds={
            thresholdsMode === 'off' || steps.length === 0
              ? undefined
              : {
                  mode: thresholdsMode,
                  steps: steps.map((st) => ({ value: st.value, color: resolveColor(st.color) })),
                  percentage: defaults.thresholds?.mode === 'percentage',
                }
          }
        />
      )}
    </div>
  );
}
