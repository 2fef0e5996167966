// What a dashboard's time series panels share with their page: the shared cursor mode
// (graphTooltip: 0 none, 1 crosshair, 2 tooltip) and the zoom a drag selects, which sets the
// dashboard's absolute from/to in the URL (every panel then queries again at the step that fits
// its width). Also Grafana's time keys on the page: `t z` zooms out (twice the span, about the
// same centre), `d r` refreshes. One dashboard page is shown at a time, so the page publishes
// this to its panels through a small store rather than through every layer between them.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { resolveDashRange, type DashRange } from './dash-time';
import { dashboardHref, navigateTo } from './dash-location';

export interface DashInteraction {
  /** uPlot cursor sync key shared by the page's panels, or null (graphTooltip 0). */
  syncKey: string | null;
  syncMode: 'crosshair' | 'tooltip';
  zoom(startMs: number, endMs: number): void;
}

let current: DashInteraction | null = null;
const listeners = new Set<() => void>();
const publish = (next: DashInteraction | null) => {
  current = next;
  for (const l of listeners) l();
};

/** A drag's window as the dashboard's range: epoch milliseconds, as Grafana writes them. */
export function zoomedRange(startMs: number, endMs: number): DashRange {
  return { from: String(Math.round(startMs)), to: String(Math.round(endMs)) };
}

/**
 * `t z`: the span doubled about its centre. A range that ends at now stays live (`now-2x` to
 * `now`); an absolute one that would pass now is moved back to end at now.
 */
export function zoomedOut(range: DashRange, nowMs: number): DashRange {
  const { startMs, endMs } = resolveDashRange(range, nowMs);
  const span = endMs - startMs;
  if (range.to.trim() === 'now') return { from: `now-${Math.round((span * 2) / 1000)}s`, to: 'now' };
  let to = endMs + span / 2;
  if (to > nowMs) to = nowMs;
  return zoomedRange(to - span * 2, to);
}

/** The two-key chords (Grafana's): the second key within a second of the first. */
export function chordOf(prev: { key: string; atMs: number } | null, key: string, atMs: number) {
  if (!prev || atMs - prev.atMs > 1000) return null;
  if (prev.key === 't' && key === 'z') return 'zoom-out' as const;
  if (prev.key === 'd' && key === 'r') return 'refresh' as const;
  return null;
}

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return /^(INPUT|TEXTAREA|SELECT)$/i.test(el.tagName) || el.isContentEditable === true;
}

/** The page's side: publishes the interaction for its panels and listens for the time keys. */
export function useDashboardInteraction(opts: {
  uid: string;
  title: string;
  params: URLSearchParams;
  range: DashRange;
  graphTooltip: unknown;
  refresh: () => void;
}): void {
  const { uid, title, params, range, graphTooltip, refresh } = opts;
  const setRange = (r: DashRange) => {
    const p = new URLSearchParams(params);
    p.set('from', r.from);
    p.set('to', r.to);
    navigateTo(dashboardHref(uid, title, p));
  };
  // The listeners below live as long as the page; they read the latest range and callbacks.
  const ref = useRef({ setRange, range, refresh });
  useEffect(() => {
    ref.current = { setRange, range, refresh };
  });

  const sync = graphTooltip === 1 || graphTooltip === 2;
  useEffect(() => {
    publish({
      syncKey: sync ? `dash:${uid}` : null,
      syncMode: graphTooltip === 2 ? 'tooltip' : 'crosshair',
      zoom: (a, b) => {
        if (b > a) ref.current.setRange(zoomedRange(a, b));
      },
    });
    return () => publish(null);
  }, [uid, sync, graphTooltip, ref]);

  useEffect(() => {
    let prev: { key: string; atMs: number } | null = null;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      const now = performance.now();
      const chord = chordOf(prev, e.key, now);
      prev = chord ? null : { key: e.key, atMs: now };
      if (chord === 'zoom-out') ref.current.setRange(zoomedOut(ref.current.range, Date.now()));
      if (chord === 'refresh') ref.current.refresh();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ref]);
}

/** The panel's side: the page's interaction, or null outside a dashboard page. */
export function useDashInteraction(): DashInteraction | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** Whether `to` is a time the range follows (ends at now), e.g. for live panels. */
export function endsAtNow(range: DashRange): boolean {
  return range.to.trim() === 'now';
}
