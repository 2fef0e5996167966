// Rows written in packed order (row-packing.ts) fill SQLite's pages: the order is a permutation
// whose pages never exceed their size, the cell size estimate matches SQLite's own count (never
// under it), and a compacted store's chunk pages are nearly full where written order left ~7% empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { chunkRowCellBytes, packedOrder } from '../../../electron/engine/store/row-packing';
import { nodeMix, prng, scrapeTimes } from '../../helpers/node-mix';

/** Pages as SQLite fills them when rows are appended in `order`: a row that does not fit starts one. */
function pagesOf(cells: number[], order: number[], pageSize: number): number[] {
  const capacity = pageSize - 8;
  const used: number[] = [0];
  for (const i of order) {
    if (used[used.length - 1] + cells[i] > capacity) used.push(0);
    used[used.length - 1] += cells[i];
  }
  return used;
}

test('packed order: a permutation whose pages hold at most their size and fill nearly all of it', () => {
  const rnd = prng(7);
  for (const pageSize of [4096, 8192, 16384]) {
    for (let run = 0; run < 20; run++) {
      const n = 1 + Math.floor(rnd() * 300);
      const cells = Array.from({ length: n }, () => 60 + Math.floor(rnd() * 2000));
      const { order, room } = packedOrder(cells, pageSize);
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        cells.map((_, i) => i),
      );
      const packed = pagesOf(cells, order, pageSize);
      assert.equal(room, pageSize - 8 - packed[packed.length - 1], 'room left on the last page');
      const plain = pagesOf(
        cells,
        cells.map((_, i) => i),
        pageSize,
      );
      assert.ok(packed.length <= plain.length, `${packed.length} pages packed, ${plain.length} in order`);
      // Every page but the last few within 2% of full once there are rows enough to choose from.
      if (n >= 100)
        for (const used of packed.slice(0, -4))
          assert.ok(used >= (pageSize - 8) * 0.98, `a ${pageSize}-byte page holds ${used}`);
    }
  }
});

test('packed order starts with the room the last page has left, and a row larger than a page goes alone', () => {
  const { order, room } = packedOrder([3000, 500, 20000, 700], 4096, 800);
  // 700 fills the 800 left; then 3000 + 500 a page; the 20000-byte row (overflow pages) one.
  assert.equal(order[0], 3);
  assert.deepEqual(new Set(order.slice(1, 3)), new Set([0, 1]));
  assert.equal(order[3], 2);
  assert.equal(room, 0);
});

test('the cell estimate matches SQLite, and compacted chunk pages are nearly full', async () => {
  const store = new ChunkStore(':memory:');
  try {
    const mix = nodeMix(60);
    const ts = scrapeTimes(1_700_000_000_000, (26 * 3600) / 15);
    for (const t of ts) {
      const app = store.appender();
      for (const s of mix) app.append(s.labels, t, s.next());
      app.commit();
    }
    store.checkpoint();
    await store.compact();
    const db = store.db;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const rows = db
      .prepare('SELECT series_id, min_t, max_t, length(data) FROM chunks')
      .raw()
      .all() as number[][];
    let estimate = 0;
    for (const [sid, minT, maxT, len] of rows) estimate += chunkRowCellBytes(sid, minT, maxT, len);
    const leaves = db
      .prepare(
        "SELECT count(*) AS pages, sum(unused) AS unused FROM dbstat WHERE name = 'chunks' AND pagetype = 'leaf'",
      )
      .get() as { pages: number; unused: number };
    const actual = leaves.pages * (pageSize - 8) - leaves.unused;
    assert.ok(estimate >= actual, `estimate ${estimate} under SQLite's ${actual}`);
    assert.ok(estimate - actual <= 4 * rows.length, `estimate ${estimate} vs SQLite's ${actual}`);
    // Rows of the newest window stay as they closed (unpacked), the compacted ones fill their pages.
    assert.ok(
      leaves.unused < 0.03 * leaves.pages * pageSize,
      `${leaves.unused} bytes unused in ${leaves.pages} pages of ${pageSize}`,
    );
  } finally {
    store.close();
  }
});
