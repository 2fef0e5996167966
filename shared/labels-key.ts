// The identity of a series: its label set, sorted by name, as a compact JSON string. Labels
// with empty values are dropped first: Prometheus treats an empty label as an absent one.
// The one key of a label set: the store persists it as the series' key (so its form is fixed);
// ingest, push and remote write resolve series by it; the query engine and the linter group by it.
import type { LabelSet } from './api';

/** JSON.stringify([[name, value], ...]) of the sorted non-empty labels, built ~3x faster. */
export function labelsKey(labels: LabelSet): string {
  const names = Object.keys(labels).sort();
  let out = '';
  for (const n of names) {
    const v = labels[n];
    if (v === '') continue;
    out += (out === '' ? '[["' : ',["') + jsonChars(n) + '","' + jsonChars(v) + '"]';
  }
  return out === '' ? '[]' : out + ']';
}

/** `s` as JSON writes it between quotes: as is unless it holds a character JSON escapes. */
function jsonChars(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(s).slice(1, -1);
    }
  }
  return s;
}

/** Labels sorted by name with empty values removed, as a new object. */
export function normalizeLabels(labels: LabelSet): LabelSet {
  const out: LabelSet = {};
  for (const n of Object.keys(labels).sort()) if (labels[n] !== '') out[n] = labels[n];
  return out;
}
