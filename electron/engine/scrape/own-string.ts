// Strings a scrape keeps past its body. V8 cuts a substring of 13 or more characters as a slice
// that points into the whole string it came from, so one metric name or series text kept from a
// scrape would keep that scrape's entire body (tens of kB) alive for as long as the series lives.
// What outlives a scrape is copied out first, and label values are shared: the same name or
// value (`job`, `code="200"`, a metric name) is one string for every series that has it.

/** Below this length V8 copies substrings already (SlicedString::kMinLength). */
const SLICE_MIN = 13;

/** A flat copy of `s` that refers to no other string (JSON's round trip is exact for any string). */
export function ownString(s: string): string {
  return s.length < SLICE_MIN ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Distinct strings kept for sharing; past this the table starts over (its strings stay valid). */
const MAX_SHARED = 1 << 16;
const shared = new Map<string, string>();

/** The one kept copy of `s` (an own copy, made on first sight). */
export function sharedString(s: string): string {
  let t = shared.get(s);
  if (t === undefined) {
    if (shared.size >= MAX_SHARED) shared.clear();
    t = ownString(s);
    shared.set(t, t);
  }
  return t;
}
