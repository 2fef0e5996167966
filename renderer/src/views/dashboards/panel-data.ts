// Runs a panel's queries: each visible target's expr with variables substituted, range targets
// through queryRange at a step that fits the panel's width, instant targets through queryInstant.
// The panel is ok when any query returns a number, empty when none returns a series, error (with
// the message) when a query failed and none gave a number.
import type { Api, LabelSet } from '../../../../shared/api';
import type { Panel, Target } from '../../../../shared/dashboards/model';
import { errorMessage } from '../../lib/error-message';
import { formatSeriesLabels } from '../../lib/selector';
import { interpolate, type VariableValue } from '../../../../shared/dashboards/templating/interpolate';
import { alignRange, queryTiming } from '../../../../shared/dashboards/templating/interval';

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
}

export interface QueryContext {
  vars: ReadonlyMap<string, VariableValue>;
  startMs: number;
  endMs: number;
  /** The shortest scrape interval of the targets: $__interval's floor and $__rate_interval's base. */
  scrapeMs: number;
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
  return vars ? interpolate(text, { vars, format: 'text' }) : text;
}

/** The targets a panel runs: visible ones with an expression. */
export function visibleTargets(panel: Panel): Target[] {
  return (panel.targets ?? []).filter((t) => !t.hide && typeof t.expr === 'string' && t.expr.trim() !== '');
}

export async function runPanelQueries(
  api: Api,
  panel: Panel,
  ctx: QueryContext,
  widthPx: number,
): Promise<PanelData> {
  const targets = visibleTargets(panel);
  const { startMs, endMs } = ctx;
  const vars = ctx.vars;
  const panelInterval = panel.interval ? interpolate(panel.interval, { vars }) : undefined;
  const series: PanelSeries[] = [];
  const errors: string[] = [];
  const queries: string[] = [];
  await Promise.all(
    targets.map(async (t) => {
      const timing = queryTiming({
        fromMs: startMs,
        toMs: endMs,
        maxDataPoints: panel.maxDataPoints ?? undefined,
        widthPx: Math.max(100, Math.round(widthPx)),
        panelInterval,
        targetInterval: t.interval ? interpolate(t.interval, { vars }) : undefined,
        intervalFactor: t.intervalFactor,
        scrapeIntervalS: ctx.scrapeMs / 1000,
      });
      const expr = interpolate(t.expr!, { vars, scoped: timing.builtins });
      queries.push(expr);
      const refId = t.refId ?? '';
      const named = (s: { labels: LabelSet; timestamps: Float64Array; values: Float64Array }) =>
        series.push({ ...s, refId, name: seriesName(s.labels, t.legendFormat) });
      try {
        if (t.instant && !t.range) {
          const r = await api.queryInstant({ query: expr, timeMs: endMs });
          if (r.resultType === 'scalar' && r.scalar !== null)
            named({ labels: {}, timestamps: Float64Array.of(endMs), values: Float64Array.of(r.scalar) });
          for (const s of r.series) named(s);
        } else {
          const { start, end } = alignRange(startMs / 1000, endMs / 1000, timing.stepS);
          const r = await api.queryRange({
            query: expr,
            startMs: start * 1000,
            endMs: end * 1000,
            stepMs: timing.stepS * 1000,
          });
          for (const s of r.series) named(s);
        }
      } catch (e) {
        errors.push(`${refId ? `${refId}: ` : ''}${errorMessage(e)}`);
      }
    }),
  );
  series.sort(
    (a, b) => a.refId.localeCompare(b.refId) || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
  const hasNumber = series.some((s) => s.values.some((v) => !Number.isNaN(v)));
  const state = hasNumber ? 'ok' : errors.length ? 'error' : 'empty';
  return { state, series, error: errors.length ? errors.join('; ') : null, queries, startMs, endMs };
}
