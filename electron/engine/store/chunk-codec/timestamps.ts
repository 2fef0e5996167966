// Timestamps of a chunk. Scrapes run on a ticker, so a timestamp is "grid point + a few ms of
// jitter". Gorilla's delta-of-delta turns jitter j into j_i - 2j_{i-1} + j_{i-2}, and Prometheus's
// smallest non-zero bucket costs 16 bits; here each chunk picks the cheaper of two predictions,
// both Rice-coded with a per-chunk parameter:
//  GRID:  residual to the ideal grid (previous grid point + step); re-anchors after a gap.
//  DELTA: residual of each delta to the chunk's step (for drifting or irregular timestamps).
import { BitReader, BitWriter, unzigzag, zigzag } from './bit-stream';
import { ChunkDecodeError } from './decode-error';
import { readResiduals, riceCost, writeResiduals } from './rice';
import { Scratch, select } from './scratch';

const GRID = 0;
const DELTA = 1;

/** Scratch buffers (see scratch.ts) and their slots. */
const scratch = new Scratch();
const DELTAS = 0;
const GRID_RES = 2;
const GRID_ZS = 3;
const DELTA_ZS = 4;
const SORTED = 1;

/** The median of a (lower middle), reordering it in place: a selection, not a sort. */
function medianInPlace(a: Float64Array): number {
  let same = true;
  for (let i = 1; i < a.length && same; i++) same = a[i] === a[0];
  return same ? a[0] : select(a, (a.length - 1) >> 1);
}

function medianDelta(t: ArrayLike<number>, n: number): number {
  const d = scratch.get(DELTAS, n - 1);
  for (let i = 1; i < n; i++) d[i - 1] = t[i] - t[i - 1];
  return medianInPlace(d);
}

/** Residuals to the grid, centred on their median (jitter is one-sided: scrapes start late). */
function gridResiduals(t: ArrayLike<number>, n: number, step: number): { zs: Float64Array; offset: number } {
  const rs = scratch.get(GRID_RES, n - 1);
  let g = t[0];
  for (let i = 1; i < n; i++) {
    const r = t[i] - (g + step);
    rs[i - 1] = r;
    g = Math.abs(r) * 2 <= step ? g + step : t[i];
  }
  const sorted = scratch.get(SORTED, n - 1);
  sorted.set(rs);
  const offset = medianInPlace(sorted);
  const zs = scratch.get(GRID_ZS, n - 1);
  for (let i = 0; i < n - 1; i++) zs[i] = zigzag(rs[i] - offset);
  return { zs, offset };
}

function deltaResiduals(t: ArrayLike<number>, n: number, step: number): Float64Array {
  const zs = scratch.get(DELTA_ZS, n - 1);
  for (let i = 1; i < n; i++) zs[i - 1] = zigzag(t[i] - t[i - 1] - step);
  return zs;
}

/** Writes n ≥ 1 strictly increasing integer timestamps. */
export function writeTimestamps(w: BitWriter, t: ArrayLike<number>, n: number): void {
  w.writeVarint(t[0]);
  if (n === 1) return;
  const step = medianDelta(t, n);
  w.writeUvarint(step);
  const grid = gridResiduals(t, n, step);
  const delta = deltaResiduals(t, n, step);
  const gc = riceCost(grid.zs);
  const dc = riceCost(delta);
  if (gc.bits <= dc.bits) {
    w.write(GRID, 1);
    w.writeVarint(grid.offset);
    writeResiduals(w, grid.zs, gc.k, gc.bits);
  } else {
    w.write(DELTA, 1);
    writeResiduals(w, delta, dc.k, dc.bits);
  }
}

/** Reads n timestamps; throws unless they are strictly increasing, as every chunk's are. */
export function readTimestamps(r: BitReader, out: Float64Array, n: number): void {
  out[0] = r.readVarint();
  if (n === 1) return;
  const step = r.readUvarint();
  const mode = r.read(1);
  const offset = mode === GRID ? r.readVarint() : 0;
  readResiduals(r, out, 1, n - 1);
  // The previous timestamp stays in a local; residuals below 2^31 unzigzag with integer ops.
  let prev = out[0];
  if (mode === GRID) {
    let g = prev;
    for (let i = 1; i < n; i++) {
      const z = out[i];
      const res = (z < 0x80000000 ? (z >>> 1) ^ -(z & 1) : unzigzag(z)) + offset;
      const t = g + step + res;
      if (!(t > prev)) throw notIncreasing(i);
      out[i] = t;
      prev = t;
      g = Math.abs(res) * 2 <= step ? g + step : t;
    }
  } else {
    for (let i = 1; i < n; i++) {
      const z = out[i];
      const t = prev + step + (z < 0x80000000 ? (z >>> 1) ^ -(z & 1) : unzigzag(z));
      if (!(t > prev)) throw notIncreasing(i);
      out[i] = t;
      prev = t;
    }
  }
}

function notIncreasing(i: number): ChunkDecodeError {
  return new ChunkDecodeError(`timestamp ${i} is not after the one before it`);
}
