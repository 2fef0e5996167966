// What a panel asks the datasource, as Grafana's query runner and Prometheus datasource build it:
// the panel's own time range (timeFrom / timeShift over the dashboard's), then per visible target
// the step and built-ins (from the true scrape interval), the expression with variables and
// built-ins substituted, range and/or instant, and the step-aligned range.
import type { PanelCommon, Target } from '../model';
import { globDefault, interpolate, type ScopedVars, type VariableValue } from './interpolate';
import { alignRange, intervalToMs, queryTiming } from './interval';

export interface TimeRangeMs {
  fromMs: number;
  toMs: number;
}

/** The range a panel queries, and the note Grafana shows beside its title ("Last 1h", "1d timeshift"). */
export interface PanelRange extends TimeRangeMs {
  info?: string;
  /** timeFrom/timeShift that could not be read (the dashboard's range is used instead). */
  error?: string;
}

// "1h", "now-1h" → ms; undefined when not a plain relative duration.
function relativeMs(text: string): number | undefined {
  return intervalToMs(text.trim().replace(/^now-/, ''));
}

/**
 * The panel's range: timeFrom replaces the start (ending at `nowMs`, as Grafana does for a
 * relative dashboard range), timeShift moves both ends back.
 */
export function panelRange(
  panel: Pick<PanelCommon, 'timeFrom' | 'timeShift'>,
  dashboard: TimeRangeMs,
  opts: { vars?: ReadonlyMap<string, VariableValue>; nowMs?: number } = {},
): PanelRange {
  let { fromMs, toMs } = dashboard;
  const notes: string[] = [];
  const errors: string[] = [];
  const expand = (s: string) => interpolate(s, { vars: opts.vars ?? new Map(), format: 'raw' });
  if (typeof panel.timeFrom === 'string' && panel.timeFrom.trim()) {
    const text = expand(panel.timeFrom);
    const ms = relativeMs(text);
    if (ms === undefined) errors.push(`timeFrom ${JSON.stringify(text)} is not a duration such as "1h"`);
    else {
      toMs = opts.nowMs ?? dashboard.toMs;
      fromMs = toMs - ms;
      notes.push(`Last ${text.replace(/^now-/, '')}`);
    }
  }
  if (typeof panel.timeShift === 'string' && panel.timeShift.trim()) {
    const text = expand(panel.timeShift);
    const ms = relativeMs(text);
    if (ms === undefined) errors.push(`timeShift ${JSON.stringify(text)} is not a duration such as "1d"`);
    else {
      fromMs -= ms;
      toMs -= ms;
      notes.push(`timeshift -${text.replace(/^now-/, '')}`);
    }
  }
  return {
    fromMs,
    toMs,
    ...(notes.length ? { info: notes.join(' ') } : {}),
    ...(errors.length ? { error: errors.join('; ') } : {}),
  };
}

export interface PanelQuery {
  refId: string;
  /** The expression with variables and built-ins substituted. */
  expr: string;
  /** legendFormat with variables substituted ({{label}} left for the chart). */
  legendFormat?: string;
  /** Run as a range query and/or as an instant query at the range's end. */
  range: boolean;
  instant: boolean;
  /** Range query: start/end aligned to the step, seconds. */
  startS: number;
  endS: number;
  stepS: number;
  /** Instant query time, seconds. */
  timeS: number;
  format?: string;
  builtins: Record<string, string>;
}

export interface PanelQueryInput {
  panel: Pick<PanelCommon, 'targets' | 'interval' | 'maxDataPoints' | 'timeFrom' | 'timeShift'>;
  /** The dashboard's absolute range. */
  range: TimeRangeMs;
  vars: ReadonlyMap<string, VariableValue>;
  /** The panel's width in pixels (Grafana's resolution when maxDataPoints is not set). */
  widthPx: number;
  /**
   * The true scrape interval behind the panel's queries, seconds; or a function of each query
   * (variables substituted, built-ins not yet) such as scrape-interval.ts's scrapeIntervalFor.
   */
  scrapeIntervalS: number | ((expr: string) => number);
  /** Extra per-panel values, e.g. a repeated panel's own variable value. */
  scoped?: ScopedVars;
  nowMs?: number;
}

/** Whether a target is run: not hidden and with an expression. */
export function isRunnableTarget(t: Target): boolean {
  return !!t && typeof t === 'object' && !t.hide && typeof t.expr === 'string' && t.expr.trim() !== '';
}

/** The queries of a panel, one per runnable target, in order. */
export function panelQueries(input: PanelQueryInput): { range: PanelRange; queries: PanelQuery[] } {
  const { panel, vars } = input;
  const range = panelRange(panel, input.range, { vars, nowMs: input.nowMs });
  const raw = (s: unknown) =>
    typeof s === 'string' && s ? interpolate(s, { vars, scoped: input.scoped, format: 'raw' }) : undefined;
  const queries: PanelQuery[] = [];
  for (const t of Array.isArray(panel.targets) ? panel.targets : []) {
    if (!isRunnableTarget(t)) continue;
    const scrapeIntervalS =
      typeof input.scrapeIntervalS === 'function'
        ? input.scrapeIntervalS(interpolate(t.expr!, { vars, scoped: input.scoped }))
        : input.scrapeIntervalS;
    const timing = queryTiming({
      fromMs: range.fromMs,
      toMs: range.toMs,
      maxDataPoints: typeof panel.maxDataPoints === 'number' ? panel.maxDataPoints : undefined,
      widthPx: input.widthPx,
      panelInterval: raw(panel.interval),
      targetInterval: raw(t.interval),
      intervalFactor: typeof t.intervalFactor === 'number' ? t.intervalFactor : undefined,
      scrapeIntervalS,
    });
    const scoped = { ...input.scoped, ...timing.builtins };
    const instantOnly = t.instant === true && t.range !== true;
    const { start, end } = alignRange(range.fromMs / 1000, range.toMs / 1000, timing.stepS);
    queries.push({
      refId: typeof t.refId === 'string' ? t.refId : '',
      expr: interpolate(t.expr!, { vars, scoped }),
      ...(t.legendFormat
        ? { legendFormat: interpolate(t.legendFormat, { vars, scoped, format: globDefault }) }
        : {}),
      range: !instantOnly,
      instant: t.instant === true,
      startS: start,
      endS: end,
      stepS: timing.stepS,
      timeS: range.toMs / 1000,
      ...(typeof t.format === 'string' ? { format: t.format } : {}),
      builtins: timing.builtins,
    });
  }
  return { range, queries };
}

/** A panel title with variables substituted as Grafana shows it (several values joined by " + "). */
export function panelTitle(
  title: string,
  vars: ReadonlyMap<string, VariableValue>,
  scoped?: ScopedVars,
): string {
  return interpolate(title, { vars, scoped, format: 'text' });
}
