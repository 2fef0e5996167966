import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimatePoints } from '../../../renderer/src/charts/decimate';
import { alignSeries } from '../../../renderer/src/lib/series-store';

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

test('decimatePoints then alignSeries (the chart’s way): each series keeps its envelope, alignment fill stays fill', () => {
  const n = 200_000;
  const width = 500;
  const xs = Array.from({ length: n }, (_x, i) => i * 1000);
  const a = { ts: xs, vs: xs.map((_t, i) => Math.cos(i / 300)) };
  // b has a point at every third time only, and a gap at its end.
  const bt = xs.filter((_t, i) => i % 3 === 0);
  const b = { ts: bt, vs: bt.map((t) => (t > 190_000_000 ? NaN : (t % 1_000_000) / 10_000)) };
  const [ox, oa, ob] = alignSeries([a, b].map((s) => decimatePoints(s, 0, xs[n - 1], width)));
  assert.ok(ox.length < n / 20, `kept ${ox.length}`);
  const secs = (ms: number) => ms / 1000;
  const at = (x: number) => Math.round(x * 1000);
  ox.forEach((x, i) => {
    const t = at(x);
    // b never gains a value where it had none; where it has one it is b's own.
    if (ob[i] === undefined) return;
    assert.equal((t / 1000) % 3, 0, `b at ${t}`);
    if (t > 190_000_000) assert.equal(ob[i], null);
    else assert.equal(ob[i], (t % 1_000_000) / 10_000);
  });
  for (const [ys, src] of [
    [oa, a],
    [ob, b],
  ] as const) {
    const raw = envelope(
      src.ts.map(secs),
      src.vs.map((v) => (Number.isNaN(v) ? null : v)),
      0,
      secs(xs[n - 1]),
      width,
    );
    const drawn = envelope(ox, ys, 0, secs(xs[n - 1]), width);
    for (const [c, e] of raw) assert.deepEqual(drawn.get(c), e, `column ${c}`);
  }
});
