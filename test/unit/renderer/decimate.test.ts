import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimateColumns, decimatePoints, keptIndices } from '../../../renderer/src/charts/decimate';
import type { AlignedColumns } from '../../../renderer/src/lib/series-store';

type Y = number | null | undefined;

/** Per pixel column: [min, max, first, last] of a series' values (null/undefined skipped). */
function envelope(xs: number[], ys: Y[], xMin: number, xMax: number, width: number) {
  const out = new Map<number, [number, number, number, number]>();
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i];
    if (v === null || v === undefined) continue;
    const c =
      xs[i] < xMin
        ? -1
        : xs[i] > xMax
          ? width
          : Math.min(width - 1, Math.floor(((xs[i] - xMin) * width) / (xMax - xMin)));
    const e = out.get(c);
    if (!e) out.set(c, [v, v, v, v]);
    else {
      e[0] = Math.min(e[0], v);
      e[1] = Math.max(e[1], v);
      e[3] = v;
    }
  }
  return out;
}

/** A deterministic noisy signal with a few sharp spikes a naive every-nth pick would lose. */
function signal(n: number): { xs: number[]; ys: number[] } {
  const xs = Array.from({ length: n }, (_x, i) => 1_000_000 + i * 0.05);
  let seed = 7;
  const ys = xs.map((_x, i) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const spike = i % 99_991 === 5 ? 1000 : i % 77_773 === 3 ? -1000 : 0;
    return Math.sin(i / 5000) * 10 + (seed / 2 ** 31) * 2 + spike;
  });
  return { xs, ys };
}

test('decimate: few points for the width come back as they are', () => {
  const cols: AlignedColumns = [
    [1, 2, 3],
    [1, 2, 3],
  ];
  assert.equal(decimateColumns(cols, 0, 4, 800), cols);
  assert.equal(decimateColumns([[]], 0, 4, 800).length, 1);
});

test('decimate: a million points keep each pixel column’s first, min, max and last, in time order', () => {
  const n = 1_000_000;
  const width = 900;
  const { xs, ys } = signal(n);
  const xMin = xs[0];
  const xMax = xs[n - 1];
  const out = decimateColumns([xs, ys], xMin, xMax, width);
  assert.ok(out[0].length <= 4 * (width + 1), `kept ${out[0].length} points for ${width} px`);
  assert.ok(out[0].length >= 2 * width, `kept only ${out[0].length}`);
  for (let i = 1; i < out[0].length; i++) assert.ok(out[0][i] > out[0][i - 1], 'x ascending');
  // The drawn envelope: every column's extent, and its first and last point (which make the
  // segments joining neighbouring columns), equal the raw data's.
  const raw = envelope(xs, ys, xMin, xMax, width);
  const drawn = envelope(out[0], out[1], xMin, xMax, width);
  assert.equal(drawn.size, raw.size);
  for (const [c, e] of raw) assert.deepEqual(drawn.get(c), e, `column ${c}`);
  // The spikes survive.
  const hi = (vs: Y[]) => vs.reduce<number>((m, v) => Math.max(m, v ?? -Infinity), -Infinity);
  const lo = (vs: Y[]) => vs.reduce<number>((m, v) => Math.min(m, v ?? Infinity), Infinity);
  assert.equal(hi(out[1]), hi(ys));
  assert.equal(lo(out[1]), lo(ys));
  assert.ok(hi(ys) > 900 && lo(ys) < -900);
});

test('decimate: real gaps stay gaps, and alignment fill stays fill', () => {
  const n = 200_000;
  const width = 500;
  const xs = Array.from({ length: n }, (_x, i) => i);
  // a: a long gap in the middle and one lone null inside a column near the start.
  const a: Y[] = xs.map((i) => (i >= 80_000 && i < 120_000 ? null : i === 1_001 ? null : Math.cos(i / 300)));
  // b: only every third x is b's (the rest belong to a), with a gap at the end.
  const b: Y[] = xs.map((i) => (i % 3 !== 0 ? undefined : i > 190_000 ? null : (i % 1000) / 10));
  const out = decimateColumns([xs, a, b], 0, n - 1, width);
  assert.ok(out[0].length < n / 10);
  const ox = out[0];
  const [oa, ob] = [out[1], out[2]];
  // No value of a is drawn inside its gap, and a null separates the values on either side.
  const inGap = ox.flatMap((x, i) => (x >= 80_000 && x < 120_000 ? [i] : []));
  assert.ok(inGap.length > 0 && inGap.every((i) => oa[i] === null || oa[i] === undefined));
  const before = ox.findLastIndex((x, i) => x < 80_000 && typeof oa[i] === 'number');
  const after = ox.findIndex((x, i) => x >= 120_000 && typeof oa[i] === 'number');
  assert.ok(oa.slice(before + 1, after).includes(null), 'the gap is drawn as a gap');
  // The lone null in column 2 still breaks the line there.
  const col2 = ox.flatMap((x, i) => (Math.floor((x * width) / (n - 1)) === 2 ? [oa[i]] : []));
  assert.ok(col2.includes(null), 'a lone null inside a column is kept');
  // b never gains a value where it had none, and its envelope and tail gap hold.
  ox.forEach((x, i) => {
    if (x % 3 !== 0) assert.equal(ob[i], undefined, `b at ${x}`);
    else if (x > 190_000) assert.equal(ob[i], null);
    else assert.equal(ob[i], (x % 1000) / 10);
  });
  const rawB = envelope(xs, b, 0, n - 1, width);
  const drawnB = envelope(ox, ob, 0, n - 1, width);
  for (const [c, e] of rawB) assert.deepEqual(drawnB.get(c), e, `b column ${c}`);
  for (const [c, e] of envelope(xs, a, 0, n - 1, width))
    assert.deepEqual(envelope(ox, oa, 0, n - 1, width).get(c), e);
});

test('decimate: points outside the range fold into one column each side, so lines run off the edges', () => {
  const xs = Array.from({ length: 10_000 }, (_x, i) => i);
  const ys = xs.map((i) => (i === 10 ? 50 : i === 9_990 ? -50 : 1));
  const keep = keptIndices([xs, ys], 2_000, 8_000, 100);
  const left = keep.filter((i) => i < 2_000);
  const right = keep.filter((i) => i > 8_000);
  assert.deepEqual(left, [0, 10, 1_999]);
  assert.deepEqual(right, [8_001, 9_990, 9_999]);
});

test('decimatePoints: one series’ own points keep each column’s first, min, max and last, and its gaps', () => {
  const n = 1_000_000;
  const width = 1000;
  const { xs, ys } = signal(n);
  // A gap: NaN over a stretch, and one lone NaN inside a column.
  for (let i = 600_000; i < 650_000; i++) ys[i] = NaN;
  ys[123_457] = NaN;
  const ts = Float64Array.from(xs);
  const vs = Float64Array.from(ys);
  const out = decimatePoints({ ts, vs }, xs[0], xs[n - 1], width);
  assert.ok(out.ts.length <= 5 * width && out.ts.length >= 2 * width, `kept ${out.ts.length}`);
  for (let i = 1; i < out.ts.length; i++) assert.ok(out.ts[i] > out.ts[i - 1], 'time order');
  const asY = (v: ArrayLike<number>) => Array.from(v, (x) => (Number.isNaN(x) ? null : x));
  const raw = envelope(xs, asY(vs), xs[0], xs[n - 1], width);
  const drawn = envelope(Array.from(out.ts), asY(out.vs), xs[0], xs[n - 1], width);
  assert.equal(drawn.size, raw.size);
  for (const [c, e] of raw) assert.deepEqual(drawn.get(c), e, `column ${c}`);
  // Every kept point is a real one, at its own time.
  const at = new Map(xs.map((x, i) => [x, i]));
  for (let k = 0; k < out.ts.length; k += 97) {
    const i = at.get(out.ts[k])!;
    assert.ok(Object.is(out.vs[k], vs[i]), `point ${k}`);
  }
  // The long gap has a NaN between the values on either side, and the lone one too.
  const gapAt = (from: number, to: number) =>
    Array.from(out.ts).some((t, k) => t >= xs[from] && t <= xs[to] && Number.isNaN(out.vs[k]));
  assert.ok(gapAt(600_000, 649_999));
  assert.ok(gapAt(123_457, 123_457));
  assert.ok(
    !Array.from(out.ts).some((t, k) => t > xs[600_000] && t < xs[649_999] && !Number.isNaN(out.vs[k])),
  );
});

test('decimatePoints: few points come back as they are; points outside the range fold to the edges', () => {
  const small = { ts: [1, 2, 3], vs: [1, 2, 3] };
  assert.equal(decimatePoints(small, 0, 4, 800), small);
  const ts = Array.from({ length: 10_000 }, (_x, i) => i);
  const vs = ts.map((i) => (i === 10 ? 50 : i === 9_990 ? -50 : 1));
  const out = decimatePoints({ ts, vs }, 2_000, 8_000, 100);
  assert.deepEqual(
    Array.from(out.ts).filter((t) => t < 2_000),
    [0, 10, 1_999],
  );
  assert.deepEqual(
    Array.from(out.ts).filter((t) => t > 8_000),
    [8_001, 9_990, 9_999],
  );
});
