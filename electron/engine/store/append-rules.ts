// Prometheus's rules for appending to a series, checked against its newest sample (stored or
// earlier in the same batch): an older timestamp is out of order; the same timestamp with a
// different value (or staleness) is a duplicate; an identical repeat is a harmless no-op.
import type { AppendOutcome } from './types';

export interface AppendStats {
  outOfOrder: number;
  duplicates: number;
}

/**
 * 'out_of_order' / 'duplicate' (counted in `stats`) when the sample must be rejected, 'ok' when it
 * repeats the newest sample exactly (nothing to store), or null when it is to be appended.
 * Takes the newest sample as numbers (lastT -Infinity when there is none) so hot paths allocate
 * nothing.
 */
export function checkNewest(
  lastT: number,
  lastV: number,
  lastStale: boolean,
  t: number,
  v: number,
  stale: boolean,
  stats: AppendStats,
): AppendOutcome | null {
  if (t > lastT) return null;
  if (t < lastT) {
    stats.outOfOrder++;
    return 'out_of_order';
  }
  if (lastStale === stale && (Object.is(lastV, v) || (lastV !== lastV && v !== v))) return 'ok';
  stats.duplicates++;
  return 'duplicate';
}
