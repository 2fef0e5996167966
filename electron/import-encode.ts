// The encoding half of a parallel `promdesk import` (run by import-worker.ts): series' accepted
// samples in, their closed chunks out, cut into rows as the bulk writer cuts them and packed into
// a few transferable buffers (EncodedChunks) for the main thread to store.
import { cutRows, encodeRow, type EncodedChunks } from './engine/store/bulk-writer';

export class ChunkPacker {
  private series: EncodedChunks['series'] = [];
  private minT = new Float64Array(1024);
  private maxT = new Float64Array(1024);
  private ends = new Uint32Array(1024);
  private bytes = new Uint8Array(1 << 20);
  private chunks = 0;
  private used = 0;

  /**
   * Encodes the samples t/v[0, n) of series `key` (accepted by the append rules, strictly
   * increasing) as whole rows; lastT / lastV is the series' tail after them.
   */
  add(key: string, t: Float64Array, v: Float64Array, n: number, lastT: number, lastV: number): void {
    const first = this.chunks;
    cutRows(t, n, true, (start, end) => {
      const data = encodeRow(t, v, start, end);
      const c = this.chunks;
      if (c === this.ends.length) {
        this.minT = grow(this.minT, new Float64Array(c * 2));
        this.maxT = grow(this.maxT, new Float64Array(c * 2));
        this.ends = grow(this.ends, new Uint32Array(c * 2));
      }
      if (this.used + data.length > this.bytes.length)
        this.bytes = grow(
          this.bytes,
          new Uint8Array(Math.max(this.bytes.length * 2, this.used + data.length)),
        );
      this.bytes.set(data, this.used);
      this.used += data.length;
      this.minT[c] = t[start];
      this.maxT[c] = t[end - 1];
      this.ends[c] = this.used;
      this.chunks = c + 1;
      return data.length;
    });
    this.series.push({ key, lastT, lastV, chunks: this.chunks - first });
  }

  /** Everything added so far, packed (and forgotten here). */
  take(): EncodedChunks {
    const { chunks, used } = this;
    const out: EncodedChunks = {
      series: this.series,
      minT: this.minT.slice(0, chunks),
      maxT: this.maxT.slice(0, chunks),
      ends: this.ends.slice(0, chunks),
      bytes: this.bytes.slice(0, used),
    };
    this.series = [];
    this.chunks = 0;
    this.used = 0;
    return out;
  }
}

function grow<A extends Float64Array | Uint32Array | Uint8Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
