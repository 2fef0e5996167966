// A floating tooltip for uPlot: per visible series, its sample nearest the cursor, and only where
// that sample is within `tolerance` seconds (about a step or scrape interval) — a series with no
// sample near the cursor is left out rather than shown with a value from minutes away. The time
// shown is the nearest sample's own, not the cursor's; rows are sorted by value.
// Built with DOM calls (textContent, CSSOM styles) so it stays within the page's strict CSP.
import type uPlot from 'uplot';
import { formatTimestamp } from '../lib/format';
import { tooltipEntries, type TooltipSort } from './tooltip-entries';

const MAX_ROWS = 12;

export function tooltipPlugin(opts: {
  label: (seriesIdx: number) => string;
  color: (seriesIdx: number) => string;
  format: (v: number) => string;
  /** The value shown for a point, when the drawn one differs (stacked, negative-Y). */
  value?: (seriesIdx: number, dataIdx: number) => number | null | undefined;
  /** Series kept out of the tooltip (Grafana's hideFrom.tooltip). */
  hidden?: (seriesIdx: number) => boolean;
  /** How far (seconds) a sample may be from the cursor and still count. */
  tolerance: () => number;
  /** Shown only while the mouse is over this chart (not for a cursor synced from another). */
  onlyHovered?: boolean;
  /** Grafana's tooltip mode: every series, the nearest one only, or no tooltip. */
  mode?: 'multi' | 'single' | 'none';
  sort?: TooltipSort;
}): uPlot.Plugin {
  let hovered = false;
  let tip: HTMLDivElement;
  let time: HTMLDivElement;
  let rows: HTMLDivElement;
  const el = (cls: string, text?: string) => {
    const e = document.createElement(cls === 'row' ? 'div' : 'span');
    e.className = cls === 'row' ? 'chart-tooltip-row' : cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'chart-tooltip';
        time = document.createElement('div');
        time.className = 'chart-tooltip-time';
        rows = document.createElement('div');
        tip.append(time, rows);
        tip.style.display = 'none';
        u.over.appendChild(tip);
        u.over.addEventListener('mouseenter', () => {
          hovered = true;
        });
        u.over.addEventListener('mouseleave', () => {
          hovered = false;
          tip.style.display = 'none';
        });
      },
      setCursor: (u) => {
        const { left, top } = u.cursor;
        const xs = u.data[0];
        if (
          left === undefined ||
          top === undefined ||
          left < 0 ||
          !xs ||
          xs.length === 0 ||
          (opts.onlyHovered && !hovered) ||
          opts.mode === 'none'
        ) {
          tip.style.display = 'none';
          return;
        }
        const found = tooltipEntries(xs, u.data, u.posToVal(left, 'x'), opts.tolerance(), {
          shown: (i) => u.series[i]?.show !== false && !opts.hidden?.(i),
          value: opts.value,
          sort: opts.sort,
          ...(opts.mode === 'single' && top >= 0 ? { nearestY: u.posToVal(top, 'y') } : {}),
        });
        if (!found) {
          tip.style.display = 'none';
          return;
        }
        // The header is the time of the sample nearest the cursor; rows at another time say so.
        const { x: head, entries } = found;
        time.textContent = formatTimestamp(head * 1000);
        rows.replaceChildren(
          ...entries.slice(0, MAX_ROWS).map((e) => {
            const row = el('row');
            const sw = el('swatch');
            sw.style.background = opts.color(e.series);
            row.append(sw, el('chart-tooltip-label', opts.label(e.series)));
            if (e.x !== head) row.append(el('chart-tooltip-at', formatTimestamp(e.x * 1000).slice(11)));
            row.append(el('chart-tooltip-value', opts.format(e.value)));
            return row;
          }),
        );
        if (entries.length > MAX_ROWS) {
          const more = document.createElement('div');
          more.className = 'chart-tooltip-more';
          more.textContent = `+${entries.length - MAX_ROWS} more`;
          rows.append(more);
        }
        tip.style.display = 'block';
        const ow = u.over.clientWidth;
        const oh = u.over.clientHeight;
        const tw = tip.offsetWidth;
        const th = tip.offsetHeight;
        const px = left + 14 + tw > ow ? Math.max(0, left - 14 - tw) : left + 14;
        // A cursor synced from another chart has no height of its own here (top < 0): mid-plot.
        const y = top < 0 ? oh / 2 : top;
        const py = Math.max(0, Math.min(y + 14, oh - th));
        tip.style.transform = `translate(${px}px, ${py}px)`;
      },
    },
  };
}
