// A dashboard panel following a range that ends at now: each of its queries is subscribed on its
// own step grid (the engine pushes the points a range query would give, as data comes in), never
// polled. A time series panel hands the points to its chart through a feed (the chart appends them
// without redrawing from scratch); other panels merge them into their data. While the panel is
// off-screen its subscriptions pause; back in view they resume from the last point it holds (the
// engine fills the steps missed, up to its catch-up bound).
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { Api, ApiEvent, LabelSet } from '../../../../shared/api';
import { labelsKey } from '../../../../shared/labels-key';
import { seriesName, type PanelData, type PanelSeries } from './panel-data';
import { observeVisibility } from './visibility';

/** Points pushed to a panel, passed on to whoever draws them. */
export class PanelFeed {
  private readonly listeners = new Set<(batch: readonly PanelSeries[]) => void>();

  listen(fn: (batch: readonly PanelSeries[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(batch: readonly PanelSeries[]): void {
    for (const fn of this.listeners) fn(batch);
  }
}

let nextId = 0;

/**
 * Whether pushed points go straight to the panel's chart: only a time series panel that is
 * drawing one. An empty or failed panel shows no chart, so its points are merged into its data,
 * which turns it ok (a dashboard opened before its series have samples must not stay "No data").
 */
export function pushedToChart(panelType: string, data: PanelData | null): boolean {
  return panelType === 'timeseries' && data?.state === 'ok';
}

/**
 * Pushed points merged into a panel's data: appended to the series of the same query and labels
 * (a new series is added), an instant query's value replaced; the window slides to the newest
 * point and what fell out of it is dropped.
 */
export function mergePushed(
  data: PanelData,
  batch: readonly PanelSeries[],
  instant: ReadonlySet<string>,
): PanelData {
  const key = (s: { refId: string; labels: LabelSet }) => `${s.refId}\u0000${labelsKey(s.labels)}`;
  const byKey = new Map(data.series.map((s, i) => [key(s), i]));
  const series = [...data.series];
  let newest = data.endMs;
  for (const p of batch) {
    for (const t of p.timestamps) newest = Math.max(newest, t);
    const i = byKey.get(key(p));
    if (i === undefined) {
      byKey.set(key(p), series.length);
      series.push(p);
      continue;
    }
    const old = series[i];
    if (instant.has(p.refId)) {
      series[i] = { ...old, timestamps: p.timestamps.slice(-1), values: p.values.slice(-1) };
      continue;
    }
    const last = old.timestamps.length ? old.timestamps[old.timestamps.length - 1] : -Infinity;
    const keep = p.timestamps.findIndex((t) => t > last);
    if (keep < 0) continue;
    const ts = new Float64Array(old.timestamps.length + p.timestamps.length - keep);
    ts.set(old.timestamps);
    ts.set(p.timestamps.subarray(keep), old.timestamps.length);
    const vs = new Float64Array(ts.length);
    vs.set(old.values);
    vs.set(p.values.subarray(keep), old.values.length);
    series[i] = { ...old, timestamps: ts, values: vs };
  }
  const startMs = data.startMs + (newest - data.endMs);
  const trimmed = series.map((s) => {
    const from = s.timestamps.findIndex((t) => t >= startMs);
    if (from <= 0) return s;
    return { ...s, timestamps: s.timestamps.slice(from), values: s.values.slice(from) };
  });
  const hasNumber = trimmed.some((s) => s.values.some((v) => !Number.isNaN(v)));
  return {
    ...data,
    series: trimmed,
    startMs,
    endMs: newest,
    state: hasNumber ? 'ok' : data.state,
  };
}

/** Whether the element is in the viewport (true until the observer says otherwise). */
function useOnScreen(el: RefObject<HTMLElement | null>, watching: boolean): RefObject<boolean> {
  const on = useRef(true);
  useEffect(() => {
    const node = el.current;
    if (!node || !watching) return;
    return observeVisibility(node, (visible) => {
      on.current = visible;
      node.dispatchEvent(new Event('promdesk-visibility'));
    });
  }, [el, watching]);
  return on;
}

/**
 * Subscribes the panel's live grids while `enabled` and the panel is on screen. Pushed points go
 * to `merge` when given (the panel's data), else to the returned feed (its chart).
 */
export function usePanelLive(
  api: Api,
  data: PanelData | null,
  enabled: boolean,
  el: RefObject<HTMLElement | null>,
  merge: ((batch: readonly PanelSeries[], instant: ReadonlySet<string>) => void) | null,
): PanelFeed {
  const feed = useMemo(() => new PanelFeed(), []);
  const grids = enabled ? (data?.live ?? null) : null;
  const onScreen = useOnScreen(el, grids !== null);
  const mergeRef = useRef(merge);
  useEffect(() => {
    mergeRef.current = merge;
  });

  useEffect(() => {
    const node = el.current;
    if (!grids || grids.length === 0 || !node) return;
    const usable = grids.filter((g) => g.stepMs >= 100);
    const instant = new Set(usable.filter((g) => g.instant).map((g) => g.refId));
    // The last grid time held per query: a resumed subscription continues from it.
    const after = usable.map((g) => g.afterMs);
    const ids = usable.map(() => `panel-${++nextId}`);
    let subscribed = false;
    const subscribe = () => {
      if (subscribed) return;
      subscribed = true;
      usable.forEach((g, i) => {
        api
          .subscribe({ subscriptionId: ids[i], query: g.expr, stepMs: g.stepMs, afterMs: after[i] })
          .catch(() => {
            // The panel keeps what it drew; a refresh or a new range queries again.
          });
      });
    };
    const unsubscribe = () => {
      if (!subscribed) return;
      subscribed = false;
      for (const id of ids) api.unsubscribe(id).catch(() => undefined);
    };
    const off = api.onEvent((e: ApiEvent) => {
      if (e.type !== 'samples') return;
      const i = ids.indexOf(e.subscriptionId);
      if (i < 0) return;
      const g = usable[i];
      const batch: PanelSeries[] = e.series.map((s) => ({
        ...s,
        refId: g.refId,
        name: seriesName(s.labels, g.legendFormat),
      }));
      for (const s of e.series) for (const t of s.timestamps) after[i] = Math.max(after[i], t);
      if (mergeRef.current) mergeRef.current(batch, instant);
      else feed.emit(batch);
    });
    const onVisibility = () => (onScreen.current ? subscribe() : unsubscribe());
    node.addEventListener('promdesk-visibility', onVisibility);
    if (onScreen.current) subscribe();
    return () => {
      off();
      unsubscribe();
      node.removeEventListener('promdesk-visibility', onVisibility);
    };
  }, [api, grids, el, feed, onScreen]);

  return feed;
}
