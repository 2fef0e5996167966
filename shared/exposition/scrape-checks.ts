// What Prometheus 2.42's scrape loop does with a parsed sample before storing it, beyond the
// parser: it turns name + labels into a sorted label set, drops empty-valued labels, then fails
// the whole scrape on a missing name, invalid names or values, or duplicate label names
// (scrape/scrape.go append + mutateSampleLabels, labels.Builder, tsdb head_append.go).
import { hasLoneSurrogate } from './utf8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The series label set Prometheus stores for a sample, as a flat [name, value, ...] array sorted
 * by name, with `__name__` included. A label whose name has an empty value anywhere in the set
 * is removed entirely (labels.Builder deletes by name), so `{a="", a="x"}` loses both.
 * Target labels and relabeling are the scraper's business and not applied here.
 */
export function seriesLabels(name: string, labels: readonly string[]): string[] {
  const pairs: [string, string][] = [['__name__', name]];
  for (let i = 0; i < labels.length; i += 2) pairs.push([labels[i], labels[i + 1]]);
  const emptyNames = new Set<string>();
  for (const [n, v] of pairs) if (v === '') emptyNames.add(n);
  const kept = emptyNames.size === 0 ? pairs : pairs.filter(([n]) => !emptyNames.has(n));
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: string[] = [];
  for (const [n, v] of kept) out.push(n, v);
  return out;
}

/**
 * The error with which Prometheus's scrape loop would fail the scrape for this sample, or null.
 * Meant for labels as the parser delivers them (valid names, valid UTF-8 values).
 * Checks, in Prometheus's order: `__name__` present after dropping empty labels, names and values
 * valid, no label name twice (e.g. `foo{a="1",a="2"}` or `foo{__name__="bar"}`).
 */
export function scrapeSampleError(name: string, labels: readonly string[]): string | null {
  // The parser guarantees a valid name except for blanks before it (kept, as Prometheus does).
  const c0 = name.charCodeAt(0);
  if (isPlain(labels) && c0 !== 32 && c0 !== 9) return null;
  const set = seriesLabels(name, labels);
  let hasName = false;
  for (let i = 0; i < set.length; i += 2) if (set[i] === '__name__') hasName = true;
  if (!hasName) return 'missing metric name (__name__ label)';
  for (let i = 0; i < set.length; i += 2) {
    const n = set[i];
    const v = set[i + 1];
    const badName = n === '__name__' ? !METRIC_NAME.test(v) : false;
    if (badName || !LABEL_NAME.test(n) || hasLoneSurrogate(v, 0, v.length)) {
      return `invalid metric name or label names: ${formatLabelSet(set)}`;
    }
  }
  for (let i = 2; i < set.length; i += 2) {
    if (set[i] === set[i - 2]) return `label name "${set[i]}" is not unique: invalid sample`;
  }
  return null;
}

// The usual sample from the parser: no empty value, no __name__ label, no name twice. The
// parser already guarantees valid names and values.
function isPlain(labels: readonly string[]): boolean {
  for (let i = 0; i < labels.length; i += 2) {
    const n = labels[i];
    if (labels[i + 1] === '' || n === '__name__') return false;
    for (let j = 0; j < i; j += 2) if (labels[j] === n) return false;
  }
  return true;
}

// labels.Labels.String(): {a="1", b="2"} with Go-quoted values.
function formatLabelSet(set: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < set.length; i += 2) parts.push(`${set[i]}=${JSON.stringify(set[i + 1])}`);
  return `{${parts.join(', ')}}`;
}
