// Runs a panel's queries as shared/dashboards/templating/panel-queries builds them (Grafana's
// rules): range targets through queryRange at a step that fits the panel's width, instant ones
// through queryInstant.
// The panel is ok when any query returns a number, empty when none returns a series, error (with
// the message) when a query failed and none gave a number.
import type { Api, LabelSet } from '../../../../shared/api';
import type { Panel, Target } from '../../../../shared/dashboards/model';
import { errorMessage } from '../../lib/error-message';
import { formatSeriesLabels } from '../../lib/selector';
import type { VariableValue } from '../../../../shared/dashboards/templating/interpolate';
import {
  isRunnableTarget,
  panelQueries,
  panelTitle,
} from '../../../../shared/dashboards/templating/panel-queries';

export interface PanelSeries {
  name: string;
  refId: string;
  labels: LabelSet;
  timestamps: Float64Array;
  values: Float64Array;
}

export type PanelState = 'idle' | 'loading' | 'ok' | 'empty' | 'error';

export interface PanelData {
  state: 'ok' | 'empty' | 'error';
  series: PanelSeries[];
  error: string | null;
  /** The queries as sent, for the panel's tooltip and for inspecting. */
  queries: string[];
  startMs: number;
  endMs: number;
  /** Set when the range ends at now: each query's step grid, to follow live (panel-live.ts). */
  live: PanelGrid[] | null;
}

/** A query as a live subscription takes it: pushed points continue its history on this grid. */
export interface PanelGrid {
  refId: string;
  expr: string;
  legendFormat?: string;
  stepMs: number;
  /** The last time the panel already has (its range's aligned end, or the instant query's time). */
  afterMs: number;
  /** An instant query: a pushed point replaces the value rather than extending a line. */
  instant: boolean;
}

export interface QueryContext {
  vars: ReadonlyMap<string, VariableValue>;
  startMs: number;
  endMs: number;
  /** The shortest scrape interval of the targets: $__interval's floor and $__rate_interval's base. */
  scrapeMs: number;
  /** The range ends at now: panels follow it with pushed points instead of re-querying. */
  live?: boolean;
}

/** A series' name: the target's legend format with `{{label}}` filled, else its labels. */
export function seriesName(labels: LabelSet, legendFormat: string | undefined): string {
  if (legendFormat && legendFormat !== '__auto') {
    return legendFormat.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, l: string) => labels[l] ?? '');
  }
  return formatSeriesLabels(labels) || '{}';
}

/** A title or label with the variables' display text in it (Grafana's `text` format). */
export function displayText(text: string, vars: ReadonlyMap<string, VariableValue> | undefined): string {
  return vars ? panelTitle(text, vars) : text;
}

/** The targets a panel runs: visible ones with an expression. */
export function visibleTargets(panel: Panel): Target[] {
  return (panel.targets ?? []).filter(isRunnableTarget);
}

export async function runPanelQueries(
  api: Api,
  panel: Panel,
  ctx: QueryContext,
  widthPx: number,
): Promise<PanelData> {
  const { range, queries } = panelQueries({
    panel,
    range: { fromMs: ctx.startMs, toMs: ctx.endMs },
    vars: ctx.vars,
    widthPx: Math.max(100, Math.round(widthPx)),
    scrapeIntervalS: ctx.scrapeMs / 1000,
  });
  const series: PanelSeries[] = [];
  const errors: string[] = range.error ? [range.error] : [];
  await Promise.all(
    queries.map(async (q) => {
      const named = (s: { labels: LabelSet; timestamps: Float64Array; values: Float64Array }) =>
        series.push({ ...s, refId: q.refId, name: seriesName(s.labels, q.legendFormat) });
      try {
        if (q.instant) {
          const r = await api.queryInstant({ query: q.expr, timeMs: q.timeS * 1000 });
          if (r.resultType === 'scalar' && r.scalar !== null)
            named({
              labels: {},
              timestamps: Float64Array.of(q.timeS * 1000),
              values: Float64Array.of(r.scalar),
            });
          for (const s of r.series) named(s);
        }
        if (q.range) {
          const r = await api.queryRange({
            query: q.expr,
            startMs: q.startS * 1000,
            endMs: q.endS * 1000,
            stepMs: q.stepS * 1000,
          });
          for (const s of r.series) named(s);
        }
      } catch (e) {
        errors.push(`${q.refId ? `${q.refId}: ` : ''}${errorMessage(e)}`);
      }
    }),
  );
  series.sort(
    (a, b) => a.refId.localeCompare(b.refId) || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
  const hasNumber = series.some((s) => s.values.some((v) => !Number.isNaN(v)));
  const state = hasNumber ? 'ok' : errors.length ? 'error' : 'empty';
  return {
    state,
    series,
    error: errors.length ? errors.join('; ') : null,
    queries: queries.map((q) => q.expr),
    startMs: range.fromMs,
    endMs: range.toMs,
    // A time-shifted panel shows the past: it has nothing to follow.
    live:
      ctx.live && !panel.timeShift
        ? queries.map((q) => ({
            refId: q.refId,
            expr: q.expr,
            ...(q.legendFormat ? { legendFormat: q.legendFormat } : {}),
            stepMs: q.stepS * 1000,
            afterMs: q.range ? q.endS * 1000 : q.timeS * 1000,
            instant: !q.range,
          }))
        : null,
  };
}
