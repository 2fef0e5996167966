// The rule editor's preview: when an alerting rule would have been pending and firing, computed
// from a range query of its expression whose step is the group's interval (each step one
// evaluation). Each result series is an alert (its labels without __name__) taken through
// Prometheus 2.42's state machine as electron/engine/rules/alerting-rule.ts runs it: present →
// pending (firing once active for `for`), absent → a pending alert is dropped and a firing one
// resolved, unless keep_firing_for holds it firing. Templated rule labels and `limit` are left
// out: the preview shows the expression's series.
import type { LabelSet } from '../api';

export type PreviewState = 'inactive' | 'pending' | 'firing';

/** A run of evaluations in one state: [startMs, endMs), endMs being the step after the last one. */
export interface AlertBand {
  state: 'pending' | 'firing';
  startMs: number;
  endMs: number;
}

/** What the preview reads of a range query's series. */
export interface PreviewInputSeries {
  labels: LabelSet;
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface PreviewGrid {
  startMs: number;
  endMs: number;
  stepMs: number;
}

export interface SeriesAlertPreview {
  /** The alert's labels: the series' without __name__ (the rule's own labels are not applied). */
  labels: LabelSet;
  /** The state after each evaluation of the grid. */
  states: PreviewState[];
  bands: AlertBand[];
}

export interface AlertPreview {
  /** The evaluation times (the grid). */
  timesMs: number[];
  series: SeriesAlertPreview[];
  /** The most severe state of any series at each evaluation, as bands (what the chart draws). */
  bands: AlertBand[];
  /** The rule's evaluation error at the first step where it would fail, as the rule reports it; '' when none. */
  error: string;
}

/** The grid's evaluation times; at most `maxSteps` (a range query's own bound), else an error. */
function gridTimes(grid: PreviewGrid, maxSteps = 11_000): number[] {
  if (!(grid.stepMs > 0) || !(grid.endMs >= grid.startMs))
    throw new Error('preview: the step must be positive and the end not before the start');
  const n = Math.floor((grid.endMs - grid.startMs) / grid.stepMs) + 1;
  if (n > maxSteps)
    throw new Error(`preview: ${n} evaluations are more than ${maxSteps}; use a longer interval`);
  return Array.from({ length: n }, (_, i) => grid.startMs + i * grid.stepMs);
}

function alertLabels(labels: LabelSet): LabelSet {
  const out: LabelSet = { ...labels };
  delete out.__name__;
  return out;
}

function keyOf(labels: LabelSet): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

interface Tracked {
  state: PreviewState;
  activeAtMs: number;
  keepFiringSinceMs: number;
}

/** One alert's state after each evaluation, given whether the expression returned it then. */
function runStateMachine(
  times: readonly number[],
  present: readonly boolean[],
  forMs: number,
  keepFiringForMs: number,
): PreviewState[] {
  const states: PreviewState[] = [];
  let a: Tracked | null = null;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (present[i]) {
      if (a === null || a.state === 'inactive') a = { state: 'pending', activeAtMs: t, keepFiringSinceMs: 0 };
      else a.keepFiringSinceMs = 0;
      if (a.state === 'pending' && t - a.activeAtMs >= forMs) a.state = 'firing';
    } else if (a !== null) {
      let keepFiring = false;
      if (a.state === 'firing' && keepFiringForMs > 0) {
        if (a.keepFiringSinceMs === 0) a.keepFiringSinceMs = t;
        keepFiring = t - a.keepFiringSinceMs < keepFiringForMs;
      }
      if (a.state === 'pending') a = null;
      else if (!keepFiring) a.state = 'inactive';
    }
    states.push(a?.state ?? 'inactive');
  }
  return states;
}

function toBands(times: readonly number[], states: readonly PreviewState[], stepMs: number): AlertBand[] {
  const bands: AlertBand[] = [];
  for (let i = 0; i < times.length; i++) {
    const s = states[i];
    if (s === 'inactive') continue;
    const last = bands[bands.length - 1];
    if (last && last.state === s && last.endMs === times[i]) last.endMs = times[i] + stepMs;
    else bands.push({ state: s, startMs: times[i], endMs: times[i] + stepMs });
  }
  return bands;
}

const RANK: Record<PreviewState, number> = { inactive: 0, pending: 1, firing: 2 };

/**
 * When an alerting rule with this `for` and `keep_firing_for` (ms) would have been pending and
 * firing, from its expression's range query over `grid` (step = the group's interval).
 */
export function previewAlert(
  result: readonly PreviewInputSeries[],
  grid: PreviewGrid,
  forMs: number,
  keepFiringForMs: number,
): AlertPreview {
  const times = gridTimes(grid);
  const index = new Map(times.map((t, i) => [t, i]));
  const byKey = new Map<string, { labels: LabelSet; present: boolean[] }>();
  let error = '';
  let errorStep = times.length;
  for (const s of result) {
    const labels = alertLabels(s.labels);
    const key = keyOf(labels);
    let entry = byKey.get(key);
    const fresh = !entry;
    if (!entry) {
      entry = { labels, present: new Array<boolean>(times.length).fill(false) };
      byKey.set(key, entry);
    }
    for (let j = 0; j < s.timestamps.length; j++) {
      const i = index.get(s.timestamps[j]);
      if (i === undefined) continue;
      // Two series that are one alert once __name__ goes: the rule fails at that evaluation.
      if (!fresh && entry.present[i] && i < errorStep) {
        errorStep = i;
        error = 'vector contains metrics with the same labelset after applying alert labels';
      }
      entry.present[i] = true;
    }
  }
  const series: SeriesAlertPreview[] = [];
  const overall: PreviewState[] = times.map(() => 'inactive');
  for (const { labels, present } of byKey.values()) {
    const states = runStateMachine(times, present, forMs, keepFiringForMs);
    const bands = toBands(times, states, grid.stepMs);
    if (bands.length === 0) continue;
    states.forEach((s, i) => {
      if (RANK[s] > RANK[overall[i]]) overall[i] = s;
    });
    series.push({ labels, states, bands });
  }
  return { timesMs: times, series, bands: toBands(times, overall, grid.stepMs), error };
}
