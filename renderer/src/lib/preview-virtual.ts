// Virtualization maths: which rows of a fixed-row-height list are on screen, so a list of 20k
// series renders a few dozen DOM rows.

export interface VisibleRange {
  /** First row to render (inclusive) and the row after the last (exclusive). */
  start: number;
  end: number;
  /** Pixels from the top of the list to the first rendered row. */
  offset: number;
  /** Height of the whole list in pixels. */
  total: number;
}

export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): VisibleRange {
  const total = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, total };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, total - viewportHeight)));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first + 1) + overscan);
  return { start, end, offset: start * rowHeight, total };
}

/**
 * The scrollTop that brings `row` into view: unchanged when it already is, else with the row a
 * third of the way down (so the lines before it give context).
 */
export function scrollTopForRow(
  row: number,
  rowHeight: number,
  viewportHeight: number,
  count: number,
  currentTop: number,
): number {
  const rowTop = row * rowHeight;
  const maxTop = Math.max(0, count * rowHeight - viewportHeight);
  if (rowTop >= currentTop && rowTop + rowHeight <= currentTop + viewportHeight) return currentTop;
  return Math.max(0, Math.min(maxTop, rowTop - Math.floor(viewportHeight / 3)));
}
