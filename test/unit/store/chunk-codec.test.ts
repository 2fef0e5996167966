// Chunk codec round-trips: every timestamp and value (NaN, ±Inf, -0, stale markers included) comes
// back bit-exact, whichever value mode a chunk picks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeChunk, encodeChunk } from '../../../electron/engine/store/chunk-codec/chunk';
import { decodeWalRecord, encodeWalRecord } from '../../../electron/engine/store/wal';
import { SampleBatch } from '../../../electron/engine/store/sample-batch';
import type { StoredSeries } from '../../../electron/engine/store/types';

interface WalSample {
  id: number;
  t: number;
  v: number;
  stale: boolean;
}

function roundTrip(t: number[], v: number[], stale: number[]): number {
  const buf = encodeChunk(t, v, stale, t.length);
  const d = decodeChunk(buf);
  assert.equal(d.n, t.length);
  for (let i = 0; i < t.length; i++) {
    assert.equal(d.t[i], t[i], `t[${i}]`);
    assert.ok(Object.is(d.v[i], v[i]), `v[${i}]: ${d.v[i]} != ${v[i]}`);
    assert.equal(d.stale?.[i] ?? 0, stale[i], `stale[${i}]`);
  }
  return buf.length;
}

const special = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e308, -5e-324, 2 ** 53, 0.1 + 0.2);
const value = fc.oneof(
  fc.double(),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.integer({ min: -1e6, max: 1e8 }).map((x) => x / 100),
  special,
);

test('any samples round-trip exactly (property)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), value, fc.integer({ min: 0, max: 4 })), {
        minLength: 1,
        maxLength: 300,
      }),
      (t0, rows) => {
        let t = t0;
        const ts = rows.map(([d]) => (t += d));
        const stale = rows.map(([, , s]) => (s === 0 ? 1 : 0));
        const vs = rows.map(([, v], i) => (stale[i] ? NaN : v));
        roundTrip(ts, vs, stale);
      },
    ),
    { numRuns: 300 },
  );
});

test('realistic series round-trip and compress (counters, gauges, jittered 15 s scrapes)', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ts = Array.from({ length: 480 }, (_, i) => 1.7e12 + i * 15000 + Math.round(rnd() * 8));
  const none = ts.map(() => 0);
  let c = 1e9;
  let f = 12345.67;
  let g = 0.5;
  const constant = roundTrip(
    ts,
    ts.map(() => 1),
    none,
  );
  const counter = roundTrip(
    ts,
    ts.map(() => (c += Math.floor(rnd() * 5000))),
    none,
  );
  const fcounter = roundTrip(
    ts,
    ts.map(() => (f = Math.round((f + 14.9 + rnd() / 10) * 100) / 100)),
    none,
  );
  const gauge = roundTrip(
    ts,
    ts.map(() => (g = Math.round((g + rnd() - 0.5) * 100) / 100)),
    none,
  );
  const random = roundTrip(
    ts,
    ts.map(() => rnd()),
    none,
  );
  // Bytes per sample, timestamps included; Prometheus spends ≥ 2 bytes on a jittered timestamp alone.
  assert.ok(constant / 480 < 0.6, `constant ${constant / 480}`);
  assert.ok(counter / 480 < 2.5, `counter ${counter / 480}`);
  assert.ok(fcounter / 480 < 2.0, `float counter ${fcounter / 480}`);
  assert.ok(gauge / 480 < 1.8, `gauge ${gauge / 480}`);
  assert.ok(random / 480 < 8.5, `random floats ${random / 480}`);
});

test('specials and edge shapes: one sample, all specials, stale only, huge values', () => {
  roundTrip([5], [3.25], [0]);
  roundTrip([1, 2], [NaN, NaN], [1, 0]);
  roundTrip([1, 2, 3], [NaN, NaN, NaN], [1, 1, 1]);
  roundTrip([1, 2, 3], [2 ** 60, -(2 ** 70), 1e300], [0, 0, 0]);
  roundTrip([-5000, -10, 3e12], [0.1, 0.2, 0.30000000000000004], [0, 0, 0]);
  roundTrip([1, 2, 3, 4], [-0, -0, 0, -0], [0, 0, 0, 0]);
  // A counter reset and a long gap in one chunk.
  roundTrip([0, 15000, 30000, 3_600_000, 3_615_000], [100, 200, 3, 50, 60], [0, 0, 0, 0, 0]);
});

test('WAL records round-trip every field', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          id: fc.integer({ min: 1, max: 1e9 }),
          t: fc.integer({ min: -(2 ** 49), max: 2 ** 49 }),
          v: value,
          stale: fc.boolean(),
        }),
        { maxLength: 50 },
      ),
      (rows: WalSample[]) => {
        const back: WalSample[] = [];
        const batch = new SampleBatch<StoredSeries>();
        for (const r of rows) batch.push({ id: r.id, labels: {} }, r.t, r.v, r.stale);
        decodeWalRecord(encodeWalRecord(batch), (id, t, v, stale) => back.push({ id, t, v, stale }));
        assert.equal(back.length, rows.length);
        rows.forEach((r, i) => {
          assert.equal(back[i].id, r.id);
          assert.equal(back[i].t, r.t);
          assert.equal(back[i].stale, r.stale);
          if (!r.stale) assert.ok(Object.is(back[i].v, r.v));
        });
      },
    ),
    { numRuns: 200 },
  );
});
