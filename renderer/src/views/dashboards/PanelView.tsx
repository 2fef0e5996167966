// One dashboard panel. It stays idle until scrolled into view (IntersectionObserver), then runs
// its queries and shows loading, then ok / empty / error (with the error's text). Its element
// carries data-panel-title (variables substituted) and data-panel-state for tests and the
// acceptance check; once seen, it keeps its element and state.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { Panel } from '../../../../shared/dashboards/model';
import { applyFieldConfig } from '../../../../shared/dashboards/field-config';
import { useApi } from '../../api-context';
import { errorMessage } from '../../lib/error-message';
import {
  displayText,
  runPanelQueries,
  visibleTargets,
  type PanelData,
  type PanelState,
  type QueryContext,
} from './panel-data';
import { mergePushed, pushedToChart, usePanelLive, type PanelFeed } from './panel-live';
import { observeVisibility } from './visibility';
import { defaultsOf, panelCalc, reduceSeries } from './panel-values';
import { heatmapOptions } from '../../../../shared/dashboards/heatmap/options';
import { HeatmapViz } from './viz/HeatmapViz';
import { BarGaugeViz, GaugeViz, StatViz } from './viz/StatViz';
import { TableViz } from './viz/TableViz';
import { TextViz } from './viz/TextViz';
import { TimeseriesViz } from './viz/TimeseriesViz';

const DRAWN = new Set(['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'text', 'heatmap']);

export function PanelView({
  panel,
  ctx,
  ctxKey,
  style,
}: {
  panel: Panel;
  ctx: QueryContext | null;
  /** Changes when the range, variables or a refresh ask the panel to query again. */
  ctxKey: string;
  style: CSSProperties;
}) {
  const api = useApi();
  const el = useRef<HTMLElement>(null);
  const [seen, setSeen] = useState(false);
  const [data, setData] = useState<PanelData | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const title = displayText(panel.title ?? '', ctx?.vars);
  const hasQueries = visibleTargets(panel).length > 0;
  // A live range: pushed points extend the data (a time series panel's go straight to its chart,
  // once it draws one: until then they are merged, so an empty panel turns ok as data arrives).
  const feed = usePanelLive(
    api,
    data,
    seen && ctx?.live === true,
    el,
    pushedToChart(panel.type, data)
      ? null
      : (batch, instant) => setData((d) => d && mergePushed(d, batch, instant)),
  );

  useEffect(() => {
    const node = el.current;
    if (!node || seen) return;
    return observeVisibility(node, (visible) => visible && setSeen(true));
  }, [seen]);

  useEffect(() => {
    if (!seen || !ctx || !hasQueries) return;
    let stale = false;
    setLoading(true);
    const width = el.current?.clientWidth ?? 600;
    runPanelQueries(api, panel, ctx, width).then(
      (d) => {
        if (stale) return;
        setData(d);
        setFailure(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (stale) return;
        setFailure(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      stale = true;
    };
    // ctxKey stands for ctx's content; the panel object is stable while the dashboard is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seen, ctxKey, hasQueries, api]);

  let state: PanelState;
  if (!seen) state = 'idle';
  else if (!hasQueries) state = panel.type === 'text' ? 'ok' : 'empty';
  else if (failure) state = 'error';
  else if (!data) state = 'loading';
  else state = data.state;
  const showLoading = seen && hasQueries && loading;

  return (
    <section
      ref={el}
      className={`dash-panel dash-panel-${state}`}
      style={style}
      data-panel-id={panel.id}
      data-panel-title={title}
      data-panel-state={state}
      data-panel-type={panel.type}
      aria-label={title || `${panel.type} panel`}
    >
      <header className="dash-panel-header">
        <h3 title={panel.description ?? undefined}>{title}</h3>
        {showLoading && <span className="dash-spinner" aria-label="loading" />}
      </header>
      <div className="dash-panel-body">
        {seen && <PanelBody panel={panel} data={data} failure={failure} vars={ctx?.vars} feed={feed} />}
      </div>
    </section>
  );
}

function PanelBody({
  panel,
  data,
  failure,
  vars,
  feed,
}: {
  panel: Panel;
  data: PanelData | null;
  failure: string | null;
  vars: QueryContext['vars'] | undefined;
  feed: PanelFeed;
}) {
  if (panel.type === 'text') {
    const content = (panel.options as { content?: unknown } | undefined)?.content;
    return <TextViz content={typeof content === 'string' ? content : ''} />;
  }
  const unknown = !DRAWN.has(panel.type) && (
    <div className="dash-placeholder">Panel type “{panel.type}” is not drawn by Promdesk yet.</div>
  );
  const error = failure ?? data?.error;
  if (error && data?.state !== 'ok')
    return (
      <>
        {unknown}
        <div className="dash-error" role="alert">
          {error}
        </div>
      </>
    );
  if (!data) return unknown || null;
  if (unknown) return unknown;
  const defaults = defaultsOf(panel.fieldConfig);
  if (data.state === 'empty') return <div className="dash-novalue">{defaults.noValue ?? 'No data'}</div>;
  const calc = panelCalc(panel.options);
  const fields = applyFieldConfig(
    data.series.map((s) => ({ name: s.name, labels: s.labels, refId: s.refId })),
    panel.fieldConfig,
    { vars },
  );
  switch (panel.type) {
    case 'stat':
      return <StatViz values={reduceSeries(data.series, calc, fields)} defaults={defaults} />;
    case 'gauge':
      return <GaugeViz values={reduceSeries(data.series, calc, fields)} defaults={defaults} />;
    case 'bargauge':
      return <BarGaugeViz values={reduceSeries(data.series, calc, fields)} defaults={defaults} />;
    case 'table':
      return <TableViz series={data.series} defaults={defaults} calc={calc} />;
    case 'heatmap':
      return (
        <HeatmapViz
          series={data.series}
          options={heatmapOptions(panel.options, defaults.custom)}
          query={data.queries[0] ?? ''}
          startMs={data.startMs}
          endMs={data.endMs}
        />
      );
    default:
      return (
        <TimeseriesViz
          series={data.series}
          defaults={defaults}
          fields={fields}
          options={panel.options}
          query={data.queries[0] ?? ''}
          startMs={data.startMs}
          endMs={data.endMs}
          feed={data.live ? feed : undefined}
        />
      );
  }
}
