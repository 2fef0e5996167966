// Validates a remote-written series' labels as Prometheus's receiver does and turns them into a
// LabelSet: __name__ present and valid, label names valid, no name twice; empty values dropped.
import type { LabelSet } from '../../../shared/api';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The LabelSet of flat name/value pairs, or an error message naming the series. */
export function remoteSeriesLabels(flat: readonly string[]): LabelSet | string {
  const out: LabelSet = {};
  const seen = new Set<string>();
  for (let i = 0; i < flat.length; i += 2) {
    const n = flat[i];
    const v = flat[i + 1];
    if (seen.has(n)) return `duplicate label name "${n}" in series ${describe(flat)}`;
    seen.add(n);
    if (!LABEL_NAME.test(n)) return `invalid label name "${n}" in series ${describe(flat)}`;
    if (v !== '') out[n] = v;
  }
  const name = out.__name__;
  if (name === undefined) return `missing metric name (__name__ label) in series ${describe(flat)}`;
  if (!METRIC_NAME.test(name)) return `invalid metric name "${name}" in series ${describe(flat)}`;
  return out;
}

function describe(flat: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < flat.length && parts.length < 12; i += 2)
    parts.push(`${flat[i]}=${JSON.stringify(flat[i + 1])}`);
  const s = `{${parts.join(', ')}}`;
  return s.length > 300 ? s.slice(0, 300) + '…}' : s;
}
