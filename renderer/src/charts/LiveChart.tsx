// A live uPlot chart of one series selector: history from queryRange, then pushed `samples`
// events of a subscription appended as they arrive (no polling). While the range is relative the
// right edge follows now; drag selects a zoom window (reported to the parent), double-click resets.
// A remote datasource cannot push, so its chart re-queries on an interval while the page is shown.
// A dashboard panel sets the unit, decimals, y bounds, legend format and mode, and a style per
// series (colour, negative-Y, dashed); without them the chart guesses from the metric name.
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { ApiEvent, LabelSet, SeriesColumns } from '../../../shared/api';
import { ReconnectEpochContext, useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';
import { formatTimeTicks } from '../lib/format';
import { colorFor } from '../lib/palette';
import { stackBands, stackColumns } from '../lib/explore-stack';
import { alignSeries, SeriesStore } from '../lib/series-store';
import {
  chooseStepMs,
  maxPointsForWidth,
  rangeFromParam,
  rangeToParam,
  resolveRange,
  type TimeRange,
} from '../lib/time-range';
import { guessUnit, metricNameOf } from '../lib/units';
import { ChartLegend, type LegendItem, type LegendMode } from './ChartLegend';
import { legendCalcs, type LegendCalc } from './legend-calcs';
import { legendNames, legendOrder } from './legend-names';
import { decimatePoints } from './decimate';
import { medianGap } from './nearest-sample';
import { fillColor, negateSeries, percentColumns } from './series-transform';
import { readChartTheme } from './theme';
import { chartFormat, type ChartUnit } from './value-format';
import { tooltipPlugin } from './tooltip-plugin';
import { timeBandsPlugin, type TimeBand } from './time-bands';
import type { TooltipSort } from './tooltip-entries';
import type { SeriesDraw, YAxisOptions } from './draw-options';
import {
  drawnAs,
  logAxisTicks,
  thresholdsPlugin,
  yAxisSideOf,
  yRangeOf,
  yScaleOf,
  type ThresholdsDraw,
} from './series-paths';

/** How one series is drawn (a dashboard's overrides, resolved per series by the panel). */
export interface SeriesStyle {
  color?: string;
  /** Drawn below zero (Grafana's "negative-Y" transform); tooltip and legend keep the value. */
  negativeY?: boolean;
  dashed?: boolean;
  /** A canvas dash pattern (Grafana's lineStyle); wins over `dashed`. */
  dash?: number[];
  /** Replaces the legend name. */
  displayName?: string;
  /** Grafana's hideFrom: left out of the legend, the tooltip, or not drawn. */
  hideFrom?: { legend?: boolean; tooltip?: boolean; viz?: boolean };
  /** Area under the line, 0..100 (Grafana's fillOpacity); stacked charts fill at 33 by default. */
  fillOpacity?: number;
  lineWidth?: number;
  /** Grafana's draw style, interpolation, points, gradient, gaps and bar alignment. */
  draw?: SeriesDraw;
}

export interface LegendOptions {
  mode?: LegendMode;
  calcs?: LegendCalc[];
}

export interface LiveChartProps {
  /** A series selector or expression, e.g. `up` or `node_load1{job="node"}`. */
  query: string;
  /**
   * Data already queried (a dashboard panel's): drawn as given over `range`, with no query or live
   * subscription of the chart's own; `query` then only names the metric for a guessed unit. A new
   * array redraws the chart.
   */
  series?: readonly SeriesColumns[];
  range: TimeRange;
  height?: number;
  /** The panel's unit, a Grafana unit id (`s`, `bytes`, `percentunit`, ...); absent = guessed from the metric name. */
  unit?: ChartUnit;
  /** Decimals of values and ticks (ticks get more where labels would repeat). */
  decimals?: number;
  /** Fixed y-axis bounds; either may be left out. */
  min?: number;
  max?: number;
  /** `{{label}}` legend format; absent = the labels that differ between the series. */
  legendFormat?: string;
  legend?: LegendOptions;
  /** Style per series, asked once per series as it appears. */
  seriesStyle?: (labels: LabelSet, name: string) => SeriesStyle | undefined;
  onZoom?: (startMs: number, endMs: number) => void;
  onResetZoom?: () => void;
  maxSeries?: number;
  /** Legend rows shown before "show all" (dashboards keep panels compact). */
  legendLimit?: number;
  /** Draw each series on top of the previous ones, filled (the tooltip keeps the raw values). */
  stacked?: boolean;
  /** `percent`: stacked as shares of the total (the axis reads 0–100%). Implies stacked. */
  stacking?: 'normal' | 'percent';
  /** A remote datasource's id; absent = the local store (live pushes). */
  datasource?: string;
  /** With `series`: points pushed later (a live dashboard panel's), appended as they come. */
  feed?: ChartFeed;
  /**
   * Charts with the same key share the cursor (a dashboard's graphTooltip): `crosshair` moves the
   * cursor in the others, `tooltip` shows their tooltips too.
   */
  sync?: { key: string; mode: 'crosshair' | 'tooltip' };
  /** Grafana's legend clicks: a click shows only that series, Ctrl/⌘-click toggles it. */
  legendIsolates?: boolean;
  /** The y axis: side, label, log/symlog scale, soft limits (a panel's custom config). */
  yAxis?: YAxisOptions;
  /** The panel's thresholds drawn as lines and/or areas. */
  thresholds?: ThresholdsDraw;
  /** Grafana's tooltip options: every series or the nearest one or none, sorted by value or not. */
  tooltip?: { mode: 'multi' | 'single' | 'none'; sort: TooltipSort };
  /** A table legend's initial sort: a calc column, highest first unless `desc` is false. */
  legendSort?: { by: LegendCalc; desc: boolean };
  /** Spans of time shaded behind the series (the rule editor's pending and firing); a new array redraws. */
  timeBands?: readonly TimeBand[];
}

/** Where pushed points come from (panel-live.ts's PanelFeed has this shape). */
export interface ChartFeed {
  listen(fn: (batch: readonly SeriesColumns[]) => void): () => void;
}

/** Fill opacity (0..100) of stacked areas. */
const STACK_FILL = 33;

/** How often a remote chart re-queries (at least one step). */
const REMOTE_REFRESH_MS = 15_000;

let nextSubscription = 0;

const binaryIncrs = [0, 1, 2, 3, 4, 5, 6].flatMap((k) =>
  [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * 1024 ** k),
);

interface Status {
  loading: boolean;
  error: string | null;
  dropped: number;
  empty: boolean;
}

export function LiveChart({
  query,
  series: given,
  range,
  height = 240,
  unit: unitProp,
  onZoom,
  onResetZoom,
  maxSeries = 200,
  legendLimit,
  stacked: stackedProp = false,
  stacking,
  datasource,
  decimals,
  min: yMin,
  max: yMax,
  legendFormat,
  legend: legendOpts,
  seriesStyle,
  feed,
  sync,
  legendIsolates = false,
  yAxis: yAxisProp,
  thresholds: thresholdsProp,
  tooltip,
  legendSort,
  timeBands,
}: LiveChartProps) {
  const api = useApi();
  const epoch = useContext(ReconnectEpochContext);
  const plotEl = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  /** Redraws from the stored points (a stack changes when a series is hidden). */
  const redrawRef = useRef<() => void>(() => undefined);
  const [legend, setLegend] = useState<LegendItem[]>([]);
  const [status, setStatus] = useState<Status>({ loading: true, error: null, dropped: 0, empty: false });
  const unit = unitProp ?? guessUnit(metricNameOf(query));
  const rangeKey = rangeToParam(range);
  // The effect below must not restart when the parent passes new callback identities.
  const cbs = useRef({ onZoom, onResetZoom, seriesStyle });
  useEffect(() => {
    cbs.current = { onZoom, onResetZoom, seriesStyle };
  });
  const stacked = stackedProp || stacking !== undefined;
  const percent = stacking === 'percent';
  const legendMode = legendOpts?.mode ?? 'list';
  const calcKey = (legendOpts?.calcs ?? []).join(',');
  const calcs = useMemo(() => (calcKey ? (calcKey.split(',') as LegendCalc[]) : []), [calcKey]);
  const heightRef = useRef(height);
  const syncKey = sync?.key;
  const syncMode = sync?.mode;
  const tooltipMode = tooltip?.mode;
  const tooltipSort = tooltip?.sort;
  // Objects from the panel, rebuilt from their JSON: the chart is rebuilt when their content changes.
  const yAxisKey = JSON.stringify(yAxisProp ?? null);
  const yAxis = useMemo(() => JSON.parse(yAxisKey) as YAxisOptions | null, [yAxisKey]) ?? undefined;
  const thresholdsKey = JSON.stringify(thresholdsProp ?? null);
  const thresholds = useMemo(() => JSON.parse(thresholdsKey) as ThresholdsDraw | null, [thresholdsKey]);
  // Rebuilt from its key so the effect depends on the range's value, not the object's identity.
  const stableRange = useMemo(() => rangeFromParam(rangeKey)!, [rangeKey]);
  const bandsRef = useRef(timeBands);
  useEffect(() => {
    bandsRef.current = timeBands;
    plotRef.current?.redraw(false);
  }, [timeBands]);

  useEffect(() => {
    const el = plotEl.current;
    if (!el) return;
    const store = new SeriesStore(maxSeries);
    const subscriptionId = `chart-${++nextSubscription}`;
    const following = stableRange.kind === 'relative';
    let win = resolveRange(stableRange, Date.now());
    const width = Math.max(200, el.clientWidth);
    const stepMs = chooseStepMs(win.endMs - win.startMs, maxPointsForWidth(width));
    const colors: string[] = [];
    const styles: SeriesStyle[] = [];
    let labels: string[] = [];
    let raw: ReturnType<SeriesStore['aligned']> = [[]];
    let disposed = false;
    let historyLoaded = false;
    let frame = 0;

    const format = chartFormat(unit, decimals);
    const axisFormat = percent ? chartFormat('percentunit', decimals) : format;
    const fmt = (v: number) => format.value(v);
    // A sample counts for the tooltip within a step, or the data's own interval if wider.
    let toleranceSec = stepMs / 1000;
    const opts: uPlot.Options = {
      width,
      height: heightRef.current,
      pxAlign: false,
      legend: { show: false },
      padding: [8, 12, 0, 4],
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { size: 7 },
        // Only points near the cursor count (as in the tooltip): a value minutes away would mislead.
        hover: {
          prox: (self) => {
            const x0 = self.scales.x.min ?? 0;
            return Math.abs(self.valToPos(x0 + toleranceSec, 'x') - self.valToPos(x0, 'x'));
          },
        },
        // Double-click is ours (reset to the range before zooming), not uPlot's auto-range.
        bind: { dblclick: () => null },
        // Matched by time: panels of one dashboard may differ in range (timeFrom) and width.
        ...(syncKey ? { sync: { key: syncKey } } : {}),
      },
      scales: {
        x: { time: true, auto: false, range: () => [win.startMs / 1000, win.endMs / 1000] },
        y: {
          ...yScaleOf(yAxis),
          range: (_u, dataMin, dataMax) => {
            const styled = yRangeOf(yAxis, dataMin, dataMax, { min: yMin, max: yMax });
            if (styled) return styled;
            let min = dataMin;
            const max = dataMax;
            if (yMin !== undefined && yMax !== undefined) return [yMin, yMax];
            if (percent) return [0, 1];
            if (min === null || max === null) return [yMin ?? 0, yMax ?? 1];
            if (stacked) min = Math.min(0, min); // stacked areas start at zero
            if (min === max) return min === 0 ? [0, 1] : [Math.min(0, min), Math.max(0, max) * 1.1 || 1];
            const pad = (max - min) * 0.05;
            return [yMin ?? (min >= 0 && min - pad < 0 ? 0 : min - pad), yMax ?? max + pad];
          },
        },
      },
      axes: [
        {
          stroke: () => readChartTheme().axis,
          grid: { stroke: () => readChartTheme().grid, width: 1 },
          ticks: { stroke: () => readChartTheme().tick, width: 1 },
          font: '11px system-ui, sans-serif',
          space: 70,
          values: (_u, splits, _axis, _space, incr) => formatTimeTicks(splits, incr),
        },
        {
          stroke: () => readChartTheme().axis,
          grid: { stroke: () => readChartTheme().grid, width: 1 },
          ticks: { stroke: () => readChartTheme().tick, width: 1 },
          font: '11px system-ui, sans-serif',
          // One scale and as many decimals as the step needs: labels never repeat.
          values: (_u, splits, _axis, _space, incr) => {
            const out =
              yAxis && yAxis.scale.type !== 'linear'
                ? logAxisTicks(splits, axisFormat.ticks)
                : axisFormat.ticks(splits, incr);
            el.dataset.yTicks = out.join('|'); // what a person reads on the axis, for tests
            return out;
          },
          // Bytes tick on binary steps (256 MiB, not 268.4 MB), so labels come out round.
          ...(unit === 'bytes' ? { incrs: binaryIncrs } : {}),
          ...yAxisSideOf(yAxis),
          size: (_u, values) => {
            const longest = (values ?? []).reduce((m, s) => Math.max(m, String(s).length), 0);
            return Math.max(40, longest * 6.5 + 16);
          },
        },
      ],
      series: [{}],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width > 3) {
              const a = u.posToVal(u.select.left, 'x') * 1000;
              const b = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
              cbs.current.onZoom?.(Math.round(a), Math.round(b));
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
      },
      plugins: [
        ...(thresholds && thresholds.mode !== 'off' ? [thresholdsPlugin(thresholds)] : []),
        timeBandsPlugin(() => bandsRef.current ?? []),
        tooltipPlugin({
          label: (i) => labels[i - 1] ?? '',
          color: (i) => colors[i - 1],
          format: fmt,
          value: (i, idx) => raw[i]?.[idx],
          hidden: (i) => styles[i - 1]?.hideFrom?.tooltip === true,
          tolerance: () => toleranceSec,
          // A shared crosshair moves the others' cursor; only a shared tooltip shows their tips.
          onlyHovered: syncMode === 'crosshair',
          mode: tooltipMode,
          sort: tooltipSort,
        }),
      ],
    };
    const u = new uPlot(opts, [[]], el);
    plotRef.current = u;
    const onDbl = () => cbs.current.onResetZoom?.();
    u.over.addEventListener('dblclick', onDbl);

    const syncLegend = () => {
      const all = store.series.map((s) => s.labels);
      const names = legendNames(all, legendFormat);
      labels = names.map((n, i) => styles[i]?.displayName ?? n);
      const fmtCalc = (v: number | null) => (v === null ? '' : fmt(v));
      setLegend(
        legendOrder(all)
          .filter((i) => !styles[i]?.hideFrom?.legend)
          .map((i) => ({
            key: store.series[i].key,
            index: i,
            label: labels[i],
            color: colors[i],
            shown: u.series[i + 1]?.show !== false,
            calcs:
              legendMode === 'table' && calcs.length
                ? Object.fromEntries(
                    Object.entries(legendCalcs(store.series[i].vs, calcs)).map(([k, v]) => [k, fmtCalc(v)]),
                  )
                : undefined,
            calcValues:
              legendMode === 'table' && calcs.length ? legendCalcs(store.series[i].vs, calcs) : undefined,
          })),
      );
    };

    const flush = () => {
      frame = 0;
      if (disposed) return;
      let added = false;
      while (u.series.length - 1 < store.series.length) {
        const i = u.series.length - 1;
        const labelsOf = store.series[i].labels;
        styles[i] = cbs.current.seriesStyle?.(labelsOf, legendNames([labelsOf], legendFormat)[0]) ?? {};
        colors[i] = styles[i].color ?? colorFor(i);
        u.addSeries(
          {
            stroke: colors[i],
            ...(stacked || styles[i].fillOpacity
              ? { fill: fillColor(colors[i], styles[i].fillOpacity ?? STACK_FILL) }
              : {}),
            ...(styles[i].dash ? { dash: styles[i].dash } : styles[i].dashed ? { dash: [10, 10] } : {}),
            ...(styles[i].hideFrom?.viz ? { show: false } : {}),
            width: styles[i].lineWidth ?? 1.5,
            spanGaps: false,
            points: { size: 4 },
            ...(styles[i].draw ? drawnAs(styles[i].draw!, colors[i], stacked) : {}),
          },
          i + 1,
        );
        added = true;
      }
      if (added || calcs.length) syncLegend();
      el.dataset.points = String(store.pointCount()); // what is drawn, for tests
      // Far more points than pixels (a raw 1M-point series): each pixel column's min/max is
      // enough, taken per series before aligning, so the big arrays are never aligned.
      const px = u.width * (window.devicePixelRatio || 1);
      raw = alignSeries(store.series.map((s) => decimatePoints(s, win.startMs, win.endMs, px)));
      toleranceSec = Math.max(stepMs / 1000, medianGap(raw[0]));
      let drawn = raw;
      if (stacked) {
        const shown = (i: number) => u.series[i]?.show !== false;
        u.delBand();
        for (const b of stackBands(store.series.length, shown))
          u.addBand({ ...b, fill: fillColor(colors[b.series[0] - 1], STACK_FILL) });
        drawn = stackColumns(percent ? percentColumns(raw, shown) : raw, shown);
      }
      if (styles.some((st) => st.negativeY))
        drawn = negateSeries(drawn, (i) => styles[i - 1]?.negativeY === true);
      u.setData(drawn as uPlot.AlignedData);
      setStatus((s) => {
        const next = {
          loading: !historyLoaded,
          error: s.error,
          dropped: store.dropped.size,
          empty: historyLoaded && store.pointCount() === 0,
        };
        return next.loading === s.loading && next.dropped === s.dropped && next.empty === s.empty ? s : next;
      });
    };
    const schedule = () => {
      if (!frame && !disposed) frame = requestAnimationFrame(flush);
    };
    redrawRef.current = schedule;

    const off = api.onEvent((e: ApiEvent) => {
      if (e.type !== 'samples' || e.subscriptionId !== subscriptionId) return;
      for (const s of e.series) {
        if (!following) {
          // A fixed window only takes points that fall inside it.
          const keep: number[] = [];
          s.timestamps.forEach((t, i) => {
            if (t >= win.startMs && t <= win.endMs) keep.push(i);
          });
          if (keep.length === 0) continue;
          store.add({
            labels: s.labels,
            timestamps: Float64Array.from(keep, (i) => s.timestamps[i]),
            values: Float64Array.from(keep, (i) => s.values[i]),
          });
        } else store.add(s);
      }
      schedule();
    });

    const fail = (e: unknown) => {
      if (!disposed) setStatus((s) => ({ ...s, loading: false, error: errorMessage(e) }));
    };
    // A remote range is aligned to the step, so each refresh lands on the same grid and merges.
    const remote = datasource ? { datasource } : null;
    const load = () => {
      const startMs = remote ? Math.floor(win.startMs / stepMs) * stepMs : win.startMs;
      const endMs = remote ? Math.floor(win.endMs / stepMs) * stepMs : win.endMs;
      return api.queryRange({ query, startMs, endMs, stepMs, ...remote }).then((res) => {
        if (disposed) return;
        for (const s of res.series) store.add(s, stepMs);
        historyLoaded = true;
        setStatus((s) => ({ ...s, error: res.warnings.length ? res.warnings.join('; ') : null }));
        schedule();
      }, fail);
    };
    let unfeed: (() => void) | undefined;
    if (given) {
      for (const s of given) store.add(s);
      historyLoaded = true;
      unfeed = feed?.listen((batch) => {
        for (const s of batch) store.add(s);
        schedule();
      });
      schedule();
    } else {
      if (!remote) api.subscribe({ subscriptionId, query }).catch(fail);
      void load();
    }
    let refresh: ReturnType<typeof setInterval> | undefined;
    if (remote && following && !given) {
      let busy = false;
      refresh = setInterval(
        () => {
          if (busy || document.visibilityState !== 'visible') return;
          busy = true;
          void load().finally(() => (busy = false));
        },
        Math.max(REMOTE_REFRESH_MS, stepMs),
      );
    }

    // Follow now: move the window, drop what scrolled out. About one pixel per tick.
    let tick: ReturnType<typeof setInterval> | undefined;
    if (following) {
      const period = Math.max(1000, Math.round((win.endMs - win.startMs) / width));
      tick = setInterval(() => {
        win = resolveRange(stableRange, Date.now());
        store.trimBefore(win.startMs - stepMs);
        u.setScale('x', { min: win.startMs / 1000, max: win.endMs / 1000 });
      }, period);
    }

    const ro = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height: heightRef.current });
    });
    ro.observe(el);
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onTheme = () => u.redraw(false, true);
    mq.addEventListener('change', onTheme);

    return () => {
      disposed = true;
      off();
      unfeed?.();
      if (!remote && !given) api.unsubscribe(subscriptionId).catch(() => undefined);
      if (tick) clearInterval(tick);
      if (refresh) clearInterval(refresh);
      if (frame) cancelAnimationFrame(frame);
      ro.disconnect();
      mq.removeEventListener('change', onTheme);
      u.over.removeEventListener('dblclick', onDbl);
      u.destroy();
      plotRef.current = null;
      setLegend([]);
      setStatus({ loading: true, error: null, dropped: 0, empty: false });
    };
  }, [
    api,
    query,
    given,
    feed,
    syncKey,
    syncMode,
    tooltipMode,
    tooltipSort,
    yAxis,
    thresholds,
    stableRange,
    unit,
    maxSeries,
    epoch,
    stacked,
    percent,
    datasource,
    decimals,
    yMin,
    yMax,
    legendFormat,
    legendMode,
    calcs,
  ]);

  useEffect(() => {
    heightRef.current = height;
    const u = plotRef.current;
    if (u && u.height !== height) u.setSize({ width: u.width, height });
  }, [height]);

  const toggle = (index: number, only: boolean) => {
    const u = plotRef.current;
    if (!u) return;
    if (only) {
      // Click with a modifier isolates a series; doing it again shows all.
      const alreadyOnly = legend.every((l) => (l.index === index ? l.shown : !l.shown));
      legend.forEach((l) => u.setSeries(l.index + 1, { show: alreadyOnly || l.index === index }));
    } else u.setSeries(index + 1, { show: u.series[index + 1]?.show === false });
    setLegend((items) => items.map((l) => ({ ...l, shown: u.series[l.index + 1]?.show !== false })));
    if (stacked) redrawRef.current();
  };

  return (
    <div className="live-chart">
      <div className="live-chart-plot" ref={plotEl}>
        {status.loading && !status.error && <div className="chart-overlay">Loading…</div>}
        {status.empty && !status.error && <div className="chart-overlay">No data in this time range</div>}
      </div>
      {status.error && <div className="chart-error">{status.error}</div>}
      {status.dropped > 0 && (
        <div className="chart-note">
          Showing the first {maxSeries} series; {status.dropped} more match — narrow the selector.
        </div>
      )}
      <ChartLegend
        items={legend}
        onToggle={(i, modified) => toggle(i, legendIsolates ? !modified : modified)}
        isolates={legendIsolates}
        limit={legendLimit}
        mode={legendMode}
        calcs={calcs}
        sort={legendSort}
      />
    </div>
  );
}
