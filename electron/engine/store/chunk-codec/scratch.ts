// Scratch buffers for the chunk encoder. Chunks are encoded one at a time and each buffer is
// used only while its chunk is encoded, so closing thousands of chunks a second allocates
// views, not buffers (no malloc churn, no ArrayBuffers for the GC to sweep).
export class Scratch {
  private readonly buffers: Float64Array[] = [];

  /** A view of n float64s in buffer `slot`, valid until the next call for that slot. */
  get(slot: number, n: number): Float64Array {
    let b = this.buffers[slot];
    if (b === undefined || b.length < n) this.buffers[slot] = b = new Float64Array(Math.max(256, n * 2));
    return b.subarray(0, n);
  }
}

/**
 * The k-th smallest of a (0-based), partly reordering a in place (Hoare's selection, expected
 * linear time: the encoder takes a median per chunk, where a sort was most of its work).
 */
export function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const x = a[i];
        a[i] = a[j];
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
