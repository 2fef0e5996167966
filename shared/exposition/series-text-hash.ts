// A 30-bit FNV-1a hash of a series text (src[start, end)), the key of the scrape cache's fast
// path. The text parser computes the same value while it scans a line, so a repeated series is
// found without slicing a string; the cache confirms a hit by comparing the text itself.
// 30 bits keep the value a small integer, the cheapest kind of Map key in V8.
export const SERIES_HASH_SEED = 0x811c9dc5 | 0;

export function mixSeriesHash(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

export function finishSeriesHash(h: number): number {
  return h & 0x3fffffff;
}

export function seriesTextHash(src: string, start: number, end: number): number {
  let h = SERIES_HASH_SEED;
  for (let i = start; i < end; i++) h = mixSeriesHash(h, src.charCodeAt(i));
  return finishSeriesHash(h);
}
