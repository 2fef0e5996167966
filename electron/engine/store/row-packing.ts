// Order of a batch of `chunks` rows so they fill SQLite's pages. Rows are appended at the end of
// the table (rising rowids), and a row that does not fit the last page's remainder starts a new
// page, leaving that remainder empty: in written order, ~1.3 KiB rows left ~7% of each 16 KiB page
// empty. Ordered so that each page's rows add up to nearly its size, a batch's pages fill to within
// a few bytes; the rows hold the same data, only their ids differ.

/** A table leaf page's header. */
const LEAF_HEADER = 8;

/** Bytes of an integer in a record (SQLite's serial types; 0 is the constant type, no bytes). */
function intBytes(x: number): number {
  const a = x < 0 ? -x - 1 : x;
  if (x === 0 || x === 1) return 0;
  if (a < 0x80) return 1;
  if (a < 0x8000) return 2;
  if (a < 0x800000) return 3;
  if (a < 0x80000000) return 4;
  if (a < 0x800000000000) return 6;
  return 8;
}

function varintBytes(x: number): number {
  let n = 1;
  while (x >= 0x80 && n < 9) {
    x = Math.floor(x / 128);
    n++;
  }
  return n;
}

/**
 * Bytes a `chunks` row (id, series_id, min_t, max_t, data, res 0) takes in a table leaf, its cell
 * pointer included; the rowid counted at 4 bytes (ids below 2^28), over by up to three bytes
 * for small ids (an underestimate would cost a whole page's remainder).
 */
export function chunkRowCellBytes(seriesId: number, minT: number, maxT: number, blobBytes: number): number {
  const header = 6 + varintBytes(blobBytes * 2 + 12);
  const payload = 1 + header + intBytes(seriesId) + intBytes(minT) + intBytes(maxT) + blobBytes;
  return 2 + varintBytes(payload) + 4 + payload;
}

/**
 * Indices of rows of the given cell sizes (chunkRowCellBytes) in an order that packs pages of
 * `pageSize` bytes: a page takes the largest remaining rows while more than three fit, then the
 * single row, pair or triple that fills its room best. `room` is what the table's last page has
 * left (as the previous batch's packing ended; a wrong guess costs that page only). Returns a
 * permutation of 0..cells.length-1, and the room the last page is left with.
 */
export function packedOrder(
  cells: readonly number[],
  pageSize: number,
  room = 0,
): { order: number[]; room: number } {
  const capacity = pageSize - LEAF_HEADER;
  // Remaining rows, largest first.
  const left = cells.map((_, i) => i).sort((a, b) => cells[b] - cells[a] || a - b);
  const order: number[] = [];
  const take = (ks: number[]) => {
    for (const k of ks.sort((a, b) => b - a)) {
      room -= cells[left[k]];
      order.push(left.splice(k, 1)[0]);
    }
  };
  for (let first = true; left.length > 0; first = false) {
    if (!first) room = capacity;
    const empty = room === capacity;
    for (;;) {
      // Largest rows while the room holds more than the three largest that fit.
      const k = left.findIndex((i) => cells[i] <= room);
      if (k < 0) break;
      let three = 0;
      for (let j = k; j < k + 3 && j < left.length; j++) three += cells[left[j]];
      if (three >= room || k + 3 > left.length) {
        take(
          bestFill(
            left.map((i) => cells[i]),
            room,
          ),
        );
        break;
      }
      take([k]);
    }
    // A row larger than a page (overflow pages) still goes out, alone.
    if (empty && room === capacity && left.length > 0) take([0]);
  }
  return { order, room: Math.max(0, room) };
}

/**
 * Positions in `sizes` (sorted largest first) of the one, two or three rows with the largest sum
 * not above `room`.
 */
function bestFill(sizes: number[], room: number): number[] {
  let best: number[] = [];
  let bestSum = 0;
  const n = sizes.length;
  for (let a = 0; a < n; a++) {
    const sa = sizes[a];
    if (sa > room) continue;
    if (sa > bestSum) {
      best = [a];
      bestSum = sa;
    }
    // Pairs and triples with a as the largest: b from large to small, c by two pointers.
    for (let b = a + 1; b < n; b++) {
      const sb = sa + sizes[b];
      if (sb > room) continue;
      if (sb > bestSum) {
        best = [a, b];
        bestSum = sb;
      }
      // The largest c after b that still fits: the first at or below room - sb.
      let lo = b + 1;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sizes[mid] > room - sb) lo = mid + 1;
        else hi = mid;
      }
      if (lo < n && sb + sizes[lo] > bestSum) {
        best = [a, b, lo];
        bestSum = sb + sizes[lo];
      }
      if (bestSum === room) return best;
    }
  }
  return best;
}
