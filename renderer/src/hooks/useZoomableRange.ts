// A chart range that zooms: a drag or a custom window replaces a live range with a fixed one
// (following stops); double-click or "Resume live" goes back to the live range from before.
import { useCallback, useState } from 'react';
import type { TimeRange } from '../lib/time-range';

interface State {
  range: TimeRange;
  /** The live range to return to; null while following. */
  live: TimeRange | null;
}

const fallbackLive: TimeRange = { kind: 'relative', durationMs: 3_600_000 };

function fixed(s: State, range: TimeRange): State {
  return { range, live: s.live ?? (s.range.kind === 'relative' ? s.range : fallbackLive) };
}

export function useZoomableRange(initial: TimeRange) {
  const [s, set] = useState<State>(() => ({
    range: initial,
    live: initial.kind === 'absolute' ? fallbackLive : null,
  }));
  const setRange = useCallback(
    (r: TimeRange) => set((cur) => (r.kind === 'relative' ? { range: r, live: null } : fixed(cur, r))),
    [],
  );
  const zoom = useCallback((startMs: number, endMs: number) => {
    if (endMs - startMs < 1000) return;
    set((cur) => fixed(cur, { kind: 'absolute', startMs, endMs }));
  }, []);
  const reset = useCallback(() => set((cur) => (cur.live ? { range: cur.live, live: null } : cur)), []);
  return { range: s.range, setRange, zoom, reset, canReset: s.live !== null };
}
