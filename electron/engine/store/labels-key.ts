// The identity of a series: its label set, sorted by name, as a compact JSON string. Labels
// with empty values are dropped first: Prometheus treats an empty label as an absent one.
import type { LabelSet } from '../../../shared/api';

export function labelsKey(labels: LabelSet): string {
  const names = Object.keys(labels)
    .filter((n) => labels[n] !== '')
    .sort();
  return JSON.stringify(names.map((n) => [n, labels[n]]));
}

/** Labels sorted by name with empty values removed, as a new object. */
export function normalizeLabels(labels: LabelSet): LabelSet {
  const out: LabelSet = {};
  for (const n of Object.keys(labels).sort()) if (labels[n] !== '') out[n] = labels[n];
  return out;
}
