// A scroll box that renders only the rows on screen (fixed row height), with an optional sticky
// header row: what keeps a 20k-series body smooth.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { scrollTopForRow, visibleRange } from '../../lib/preview-virtual';

export interface ScrollRequest {
  row: number;
  /** A new object (or nonce) each time, so asking for the same row twice scrolls twice. */
  nonce: number;
}

export function VirtualRows({
  count,
  rowHeight,
  renderRow,
  header,
  minWidth,
  scrollTo,
  label,
  className,
  empty,
}: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  header?: ReactNode;
  /** CSS width of the content (e.g. `120ch`) when rows are wider than the box. */
  minWidth?: string;
  scrollTo?: ScrollRequest | null;
  label: string;
  className?: string;
  empty?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || !scrollTo) return;
    el.scrollTop = scrollTopForRow(scrollTo.row, rowHeight, el.clientHeight, count, el.scrollTop);
    setScrollTop(el.scrollTop);
    // Only a new request scrolls; a changing count must not move the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTo]);

  const r = visibleRange(scrollTop, height, rowHeight, count);
  const rows: ReactNode[] = [];
  for (let i = r.start; i < r.end; i++) rows.push(renderRow(i));
  return (
    <div
      ref={box}
      className={`vrows ${className ?? ''}`}
      role="table"
      aria-label={label}
      aria-rowcount={count}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vrows-content" style={{ minWidth }}>
        {header}
        <div className="vrows-spacer" style={{ height: r.total }} role="rowgroup">
          <div className="vrows-window" style={{ transform: `translateY(${r.offset}px)` }}>
            {rows}
          </div>
        </div>
        {count === 0 && empty}
      </div>
    </div>
  );
}
