// The 24-column grid's math as react-grid-layout applies it for Grafana: vertical compaction,
// a moved or resized item pushing what it lands on (up when it fits above, else down), items
// made room for by repeated copies, and a large layout laid out without a quadratic blow-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clampBox,
  compact,
  insertItem,
  layoutHeight,
  moveItem,
  resizeItem,
  settle,
  type GridItem,
} from '../../../shared/dashboards/grid-layout';

const it = (key: string, x: number, y: number, w: number, h: number): GridItem => ({ key, x, y, w, h });
const pos = (items: GridItem[]) => Object.fromEntries(items.map((i) => [i.key, [i.x, i.y, i.w, i.h]]));

/** No two items share a cell, and all stay inside the 24 columns. */
function assertValid(items: GridItem[]) {
  for (const a of items) {
    assert.ok(a.x >= 0 && a.x + a.w <= 24 && a.y >= 0 && a.w >= 1 && a.h >= 1, `${a.key} in bounds`);
    for (const b of items)
      if (a !== b)
        assert.ok(
          !(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h),
          `${a.key} and ${b.key} overlap`,
        );
  }
}

test('a gridPos from a file is clamped into the grid', () => {
  assert.deepEqual(clampBox('a', { x: 20, y: -3, w: 12, h: 0 }), it('a', 12, 0, 12, 1));
  assert.deepEqual(clampBox('b', { x: 'left', w: 99, h: 2.6 }), it('b', 0, 0, 24, 3));
  assert.deepEqual(clampBox('c', undefined), it('c', 0, 0, 12, 8));
});

test('compaction floats items up into gaps, in row-then-column order, keeping input order', () => {
  const out = compact([
    it('b', 0, 20, 12, 4),
    it('a', 0, 5, 12, 4),
    it('c', 12, 9, 12, 2),
    it('d', 6, 30, 12, 1),
  ]);
  assert.deepEqual(pos(out), {
    a: [0, 0, 12, 4],
    b: [0, 4, 12, 4],
    c: [12, 0, 12, 2],
    // d spans both columns: it stops under the lowest of a/b and c.
    d: [6, 8, 12, 1],
  });
  assert.deepEqual(
    out.map((i) => i.key),
    ['b', 'a', 'c', 'd'],
  );
  // Overlapping input is pushed down, never left overlapping.
  const overlapped = compact([it('a', 0, 0, 12, 4), it('b', 6, 2, 12, 4), it('c', 0, 2, 24, 1)]);
  assertValid(overlapped);
  assert.deepEqual(pos(overlapped), { a: [0, 0, 12, 4], b: [6, 5, 12, 4], c: [0, 4, 24, 1] });
});

test('dragging a panel down past its neighbour swaps them; dragging it up pushes the other down', () => {
  const layout = [it('a', 0, 0, 24, 4), it('b', 0, 4, 24, 4), it('c', 0, 8, 12, 3)];
  // a's top lands just inside b: b fits above it, so b moves up and a goes below b.
  const down = moveItem(layout, 'a', 0, 5);
  assert.deepEqual(pos(down), { a: [0, 4, 24, 4], b: [0, 0, 24, 4], c: [0, 8, 12, 3] });
  // c dragged to the top: a cannot fit above it, so a and b are pushed down below it.
  const up = moveItem(layout, 'c', 0, 0);
  assert.deepEqual(pos(up), { a: [0, 3, 24, 4], b: [0, 7, 24, 4], c: [0, 0, 12, 3] });
  // Sideways into free columns: nothing else moves, and what was under c floats up.
  const side = moveItem([it('a', 0, 0, 12, 4), it('b', 0, 4, 12, 4)], 'b', 12, 0);
  assert.deepEqual(pos(side), { a: [0, 0, 12, 4], b: [12, 0, 12, 4] });
  // Out of the grid: clamped to its right edge and the top.
  assert.deepEqual(pos(moveItem(layout, 'c', 30, -4)).c, [12, 0, 12, 3]);
  // An unknown key changes nothing.
  assert.deepEqual(moveItem(layout, 'zz', 0, 0), layout);
});

test('resizing pushes the panels it grows into down, and shrinking lets them float up', () => {
  const layout = [it('a', 0, 0, 12, 4), it('b', 12, 0, 12, 4), it('c', 0, 4, 24, 2)];
  const wide = resizeItem(layout, 'a', 18, 6);
  assertValid(wide);
  assert.deepEqual(pos(wide), { a: [0, 0, 18, 6], b: [12, 6, 12, 4], c: [0, 10, 24, 2] });
  const small = resizeItem(layout, 'a', 12, 2);
  assert.deepEqual(pos(small), { a: [0, 0, 12, 2], b: [12, 0, 12, 4], c: [0, 4, 24, 2] });
  // Never wider than the columns right of its x, never under 1×1.
  assert.deepEqual(pos(resizeItem(layout, 'b', 40, 0)).b, [12, 0, 12, 1]);
});

test('an item inserted from elsewhere takes its place and pushes what it lands on', () => {
  const out = insertItem([it('a', 0, 0, 24, 4), it('b', 0, 4, 24, 4)], it('n', 0, 4, 8, 2));
  assert.deepEqual(pos(out), { a: [0, 0, 24, 4], b: [0, 6, 24, 4], n: [0, 4, 8, 2] });
  assert.equal(layoutHeight(out), 10);
  assert.equal(layoutHeight([]), 0);
});

test('settle keeps the given items in place and pushes the others below them, never up', () => {
  const out = settle(
    [
      it('x', 0, 0, 24, 2),
      it('c1', 0, 4, 12, 4),
      it('c2', 12, 4, 12, 4),
      it('p', 12, 4, 12, 4),
      it('q', 0, 20, 6, 1),
    ],
    new Set(['c1', 'c2']),
  );
  assert.deepEqual(pos(out), {
    x: [0, 0, 24, 2],
    c1: [0, 4, 12, 4],
    c2: [12, 4, 12, 4],
    p: [12, 8, 12, 4],
    q: [0, 20, 6, 1],
  });
});

test('500 panels compact and move correctly (the column index, not pairwise checks)', () => {
  const many: GridItem[] = [];
  for (let i = 0; i < 500; i++)
    many.push(it(`p${i}`, (i % 4) * 6, Math.floor(i / 4) * 5 + (i % 3), 6, 4 + (i % 3)));
  const laid = compact(many);
  assertValid(laid);
  // Every column stack is gap-free: each item touches the top or the one above it.
  for (const a of laid)
    assert.ok(
      a.y === 0 || laid.some((b) => b.x < a.x + a.w && a.x < b.x + b.w && b.y + b.h === a.y),
      `${a.key} floats`,
    );
  const moved = moveItem(laid, 'p499', 0, 0);
  assertValid(moved);
  assert.deepEqual(pos(moved).p499.slice(0, 2), [0, 0]);
  assert.equal(moved.length, 500);
});
