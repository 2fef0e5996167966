// A floating tooltip for uPlot: time at the cursor and, per visible series, its nearest point.
// Built with DOM calls (textContent, CSSOM styles) so it stays within the page's strict CSP.
import type uPlot from 'uplot';
import { formatTimestamp } from '../lib/format';

const MAX_ROWS = 12;

export function tooltipPlugin(opts: {
  label: (seriesIdx: number) => string;
  color: (seriesIdx: number) => string;
  format: (v: number) => string;
  /** The value shown for a point, when the drawn one differs (stacked charts). */
  value?: (seriesIdx: number, dataIdx: number) => number | null | undefined;
}): uPlot.Plugin {
  let tip: HTMLDivElement;
  let time: HTMLDivElement;
  let rows: HTMLDivElement;
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
        u.over.addEventListener('mouseleave', () => {
          tip.style.display = 'none';
        });
      },
      setCursor: (u) => {
        const { left, top, idxs } = u.cursor;
        if (left === undefined || top === undefined || left < 0 || !idxs) {
          tip.style.display = 'none';
          return;
        }
        const entries: { i: number; v: number; t: number }[] = [];
        for (let i = 1; i < u.series.length; i++) {
          const idx = idxs[i];
          if (!u.series[i].show || idx === null || idx === undefined) continue;
          const v = opts.value ? opts.value(i, idx) : u.data[i][idx];
          if (v === null || v === undefined) continue;
          entries.push({ i, v, t: u.data[0][idx] });
        }
        if (entries.length === 0) {
          tip.style.display = 'none';
          return;
        }
        entries.sort((a, b) => b.v - a.v);
        time.textContent = formatTimestamp(u.posToVal(left, 'x') * 1000);
        rows.replaceChildren(
          ...entries.slice(0, MAX_ROWS).map((e) => {
            const row = document.createElement('div');
            row.className = 'chart-tooltip-row';
            const sw = document.createElement('span');
            sw.className = 'swatch';
            sw.style.background = opts.color(e.i);
            const name = document.createElement('span');
            name.className = 'chart-tooltip-label';
            name.textContent = opts.label(e.i);
            const val = document.createElement('span');
            val.className = 'chart-tooltip-value';
            val.textContent = opts.format(e.v);
            row.append(sw, name, val);
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
        const x = left + 14 + tw > ow ? Math.max(0, left - 14 - tw) : left + 14;
        const y = Math.max(0, Math.min(top + 14, oh - th));
        tip.style.transform = `translate(${x}px, ${y}px)`;
      },
    },
  };
}
