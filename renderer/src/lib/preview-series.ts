// Series identity and display for the Preview pane: a canonical key (label order does not
// matter), labels as written, which samples count as counters, and sample values as exact text.
import type { MetricType, ParsedExemplar } from '../../../shared/exposition/types';

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabelValue(v: string): string {
  // Most values need no escaping: test first, it is much cheaper than replace().
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : '\\' + c));
}

/** `{a="x",b="y"}` in written order, or '' without labels. */
export function formatLabels(labels: string[]): string {
  if (labels.length === 0) return '';
  let out = '{';
  for (let i = 0; i + 1 < labels.length; i += 2)
    out += `${i ? ',' : ''}${labels[i]}="${escapeLabelValue(labels[i + 1])}"`;
  return out + '}';
}

function namesSorted(labels: string[]): boolean {
  for (let i = 2; i < labels.length; i += 2) if (labels[i - 2] >= labels[i]) return false;
  return true;
}

/**
 * `name{a="x",b="y"}` with labels sorted by name: the same series whatever order it is written
 * in. `written` (formatLabels of the same labels) saves formatting twice when already sorted.
 */
export function seriesKey(name: string, labels: string[], written?: string): string {
  if (labels.length === 0) return name;
  if (namesSorted(labels)) return name + (written ?? formatLabels(labels));
  const order: number[] = [];
  for (let i = 0; i + 1 < labels.length; i += 2) order.push(i);
  order.sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
  const sorted: string[] = [];
  for (const i of order) sorted.push(labels[i], labels[i + 1]);
  return name + formatLabels(sorted);
}

/**
 * Counters get a per-second rate: samples of a family typed counter (except the `_created`
 * timestamps of OpenMetrics), and any `_total` name, typed or not.
 */
export function isCounterSample(name: string, familyType: MetricType | null): boolean {
  if (name.endsWith('_total')) return true;
  return familyType === 'counter' && !name.endsWith('_created');
}

/** A sample value as the exposition format writes it (exact, no rounding). */
export function formatSampleValue(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** An exemplar as OpenMetrics writes it after the `#`: `{trace_id="a"} 0.5 1700000000.000`. */
export function formatExemplar(e: ParsedExemplar): string {
  const ts = e.timestampMs === null ? '' : ` ${(e.timestampMs / 1000).toFixed(3)}`;
  return `${formatLabels(e.labels) || '{}'} ${formatSampleValue(e.value)}${ts}`;
}
