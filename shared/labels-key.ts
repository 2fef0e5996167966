// The identity of a series: its label set, sorted by name, as a compact JSON string. Labels
// with empty values are dropped first: Prometheus treats an empty label as an absent one.
// The one key of a label set: the store persists it as the series' key (so its form is fixed);
// ingest, push and remote write resolve series by it; the query engine and the linter group by it.
import type { LabelSet } from './api';

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
