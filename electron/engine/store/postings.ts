// A postings list: the ids of the series with one label value, ascending, in an Int32Array that
// grows by doubling. Four bytes an id where a Set<number> takes about 26; series get ids in
// ascending order, so adding one is an append. Selections combine them by merging sorted runs.

export class Postings {
  private ids = new Int32Array(4);
  length = 0;

  /** Adds an id (kept sorted, no duplicates). */
  add(id: number): void {
    // Series ids are SQLite rowids counted from 1: two billion series before this could fail.
    if ((id | 0) !== id) throw new RangeError(`series id ${id} is not a 32-bit integer`);
    const n = this.length;
    if (n === 0 || id > this.ids[n - 1]) {
      if (n === this.ids.length) this.grow();
      this.ids[this.length++] = id;
      return;
    }
    // Out of order (never for ids from the series table's rowids, but cheap to allow).
    const at = lowerBound(this.ids, n, id);
    if (at < n && this.ids[at] === id) return;
    if (n === this.ids.length) this.grow();
    this.ids.copyWithin(at + 1, at, n);
    this.ids[at] = id;
    this.length++;
  }

  /** The ids, ascending (a view: read it before the next add). */
  view(): Int32Array {
    return this.ids.subarray(0, this.length);
  }

  private grow(): void {
    const next = new Int32Array(this.ids.length * 2);
    next.set(this.ids);
    this.ids = next;
  }
}

function lowerBound(a: Int32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The union of sorted lists that share no id (the postings of one label name's values). */
export function unionDisjoint(lists: Int32Array[]): Int32Array {
  if (lists.length === 1) return lists[0];
  let n = 0;
  for (const l of lists) n += l.length;
  const out = new Int32Array(n);
  let at = 0;
  for (const l of lists) {
    out.set(l, at);
    at += l.length;
  }
  return out.sort();
}

/** Ids in both sorted lists. */
export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/** Ids of sorted list a that are not in sorted list b. */
export function difference(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    while (j < b.length && b[j] < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[n++] = x;
  }
  return out.subarray(0, n);
}
