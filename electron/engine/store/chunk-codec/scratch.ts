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
