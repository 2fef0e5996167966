// Prometheus's rules for appending to a series, checked against its newest sample (stored or
// earlier in the same batch): an older timestamp is out of order; the same timestamp with a
// different value (or staleness) is a duplicate; an identical repeat is a harmless no-op.
import type { AppendOutcome } from './types';

export interface NewestSample {
  t: number;
  v: number;
  stale: boolean;
}

/**
 * 'out_of_order' / 'duplicate' (counted in `stats`) when the sample must be rejected, 'ok' when it
 * repeats the newest sample exactly (nothing to store), or null when it is to be appended.
 */
export function checkAppend(
  last: NewestSample | undefined,
  t: number,
  v: number,
  stale: boolean,
  stats: { outOfOrder: number; duplicates: number },
): AppendOutcome | null {
  if (!last || last.t === -Infinity) return null;
  if (t < last.t) {
    stats.outOfOrder++;
    return 'out_of_order';
  }
  if (t > last.t) return null;
  if (last.stale === stale && (Object.is(last.v, v) || (Number.isNaN(last.v) && Number.isNaN(v))))
    return 'ok';
  stats.duplicates++;
  return 'duplicate';
}
