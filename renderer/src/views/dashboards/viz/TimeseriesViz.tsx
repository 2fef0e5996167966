// A time series panel: the panel's series (already queried) drawn by the app's chart
// (renderer/src/charts/LiveChart with `series`), sized to the panel, in the panel's unit, with
// its legend as a list or a table with Grafana's calcs, and each series' overrides (colour,
// display name, negative-Y, dashes, fill, hidden).
import { useEffect, useRef, useState } from 'react';
import type { ResolvedField } from '../../../../../shared/dashboards/field-config';
import type { FieldConfigDefaults } from '../../../../../shared/dashboards/model';
import { labelsKey } from '../../../../../shared/labels-key';
import type { LegendMode } from '../../../charts/ChartLegend';
import type { LegendCalc } from '../../../charts/legend-calcs';
import { LiveChart } from '../../../charts/LiveChart';
import type { PanelSeries } from '../panel-data';

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

function legendOf(options: Record<string, unknown> | undefined): { mode: LegendMode; calcs: LegendCalc[] } {
  const l = (options?.legend ?? {}) as { displayMode?: unknown; showLegend?: unknown; calcs?: unknown };
  const mode: LegendMode =
    l.showLegend === false || l.displayMode === 'hidden'
      ? 'hidden'
      : l.displayMode === 'table'
        ? 'table'
        : 'list';
  const calcs = Array.isArray(l.calcs) ? l.calcs.map((c) => CALCS[String(c)]).filter(Boolean) : [];
  return { mode, calcs: [...new Set(calcs)] };
}

export function TimeseriesViz({
  series,
  defaults,
  fields,
  options,
  query,
  startMs,
  endMs,
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
}) {
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
  const drawn = series.flatMap((s, i) =>
    fields[i]?.hideFrom.viz
      ? []
      : [{ s: { ...s, labels: { ...s.labels, [REF_LABEL]: s.refId } }, f: fields[i] }],
  );
  const styles = new Map(
    drawn.map(({ s, f }) => [
      labelsKey(s.labels),
      {
        displayName: f?.displayName ?? s.name,
        color: f?.color,
        negativeY: f?.negativeY,
        dashed: f?.dash !== undefined,
        fillOpacity: f?.fillOpacity,
      },
    ]),
  );
  const rows = Math.min(drawn.length, 4);
  const reserve = legend.mode === 'hidden' ? 0 : legend.mode === 'table' ? 24 + rows * 20 : 28;
  const stacking = (defaults.custom?.stacking as { mode?: unknown } | undefined)?.mode;
  return (
    <div className="dash-ts" ref={box}>
      {height > 0 && (
        <LiveChart
          query={query}
          series={drawn.map((d) => d.s)}
          range={{ kind: 'absolute', startMs, endMs }}
          height={Math.max(60, height - reserve)}
          unit={defaults.unit}
          decimals={defaults.decimals ?? undefined}
          min={defaults.min ?? undefined}
          max={defaults.max ?? undefined}
          legend={legend}
          legendLimit={legend.mode === 'table' ? 50 : 8}
          stacking={stacking === 'normal' || stacking === 'percent' ? stacking : undefined}
          seriesStyle={(labels) => styles.get(labelsKey(labels))}
        />
      )}
    </div>
  );
}
