// histogram_quantile over classic (le-bucketed) histograms, following Prometheus's
// bucketQuantile: sort by upper bound, enforce monotonicity, interpolate linearly.
export interface Bucket {
  upperBound: number;
  count: number;
}

/** Relative tolerance below which decreasing bucket counts are treated as float noise. */
const SMALL_DELTA = 1e-12;

export function bucketQuantile(q: number, buckets: Bucket[]): { value: number; forcedMonotonic: boolean } {
  if (Number.isNaN(q)) return { value: NaN, forcedMonotonic: false };
  if (q < 0) return { value: -Infinity, forcedMonotonic: false };
  if (q > 1) return { value: Infinity, forcedMonotonic: false };
  buckets.sort((a, b) => a.upperBound - b.upperBound);
  if (buckets.length === 0 || buckets[buckets.length - 1].upperBound !== Infinity) {
    return { value: NaN, forcedMonotonic: false };
  }
  coalesceBuckets(buckets);
  const forcedMonotonic = ensureMonotonic(buckets);
  if (buckets.length < 2) return { value: NaN, forcedMonotonic };
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return { value: NaN, forcedMonotonic };
  let rank = q * observations;
  let b = buckets.findIndex((x) => x.count >= rank);
  if (b < 0) b = buckets.length - 1;
  if (b === buckets.length - 1) return { value: buckets[buckets.length - 2].upperBound, forcedMonotonic };
  if (b === 0 && buckets[0].upperBound <= 0) return { value: buckets[0].upperBound, forcedMonotonic };
  let bucketStart = 0;
  const bucketEnd = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    bucketStart = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return { value: bucketStart + (bucketEnd - bucketStart) * (rank / count), forcedMonotonic };
}

/** Merges buckets with the same upper bound (counts add up). */
function coalesceBuckets(buckets: Bucket[]): void {
  let w = 0;
  for (let r = 0; r < buckets.length; r++) {
    if (w > 0 && buckets[w - 1].upperBound === buckets[r].upperBound) {
      buckets[w - 1].count += buckets[r].count;
    } else {
      buckets[w++] = buckets[r];
    }
  }
  buckets.length = w;
}

function almostEqual(a: number, b: number, epsilon: number): boolean {
  const minNormal = 2.2250738585072014e-308;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < minNormal) return diff < epsilon * minNormal;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

function ensureMonotonic(buckets: Bucket[]): boolean {
  let forced = false;
  let prev = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const cur = buckets[i].count;
    if (cur === prev) continue;
    if (almostEqual(prev, cur, SMALL_DELTA)) {
      buckets[i].count = prev;
      continue;
    }
    if (cur < prev) {
      buckets[i].count = prev;
      forced = true;
      continue;
    }
    prev = cur;
  }
  return forced;
}

/** Go's ParseFloat for `le` values ("+Inf", "1e3", ...); NaN when unparsable. */
export function parseLe(s: string): number {
  const t = s.trim();
  if (/^[+]?inf(inity)?$/i.test(t)) return Infinity;
  if (/^-inf(inity)?$/i.test(t)) return -Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?0[xX]/.test(t)) return NaN;
  return Number(t);
}
