// Vertical bands over time drawn behind a chart's series (the rule editor's pending and firing
// spans): filled before uPlot draws the grid and series, so the lines stay on top.
import type uPlot from 'uplot';

export interface TimeBand {
  startMs: number;
  endMs: number;
  /** Any CSS colour; drawn at a low alpha. */
  color: string;
}

/** A plugin drawing the bands `get` returns at each redraw; the root gets data-time-bands = how many are in view. */
export function timeBandsPlugin(get: () => readonly TimeBand[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: [
        (u) => {
          const { left, top, width, height } = u.bbox;
          const ctx = u.ctx;
          let shown = 0;
          ctx.save();
          for (const b of get()) {
            const x0 = Math.max(left, u.valToPos(b.startMs / 1000, 'x', true));
            const x1 = Math.min(left + width, u.valToPos(b.endMs / 1000, 'x', true));
            if (!(x1 > x0)) continue;
            shown++;
            ctx.globalAlpha = 0.18;
            ctx.fillStyle = b.color;
            ctx.fillRect(x0, top, x1 - x0, height);
          }
          ctx.restore();
          u.root.dataset.timeBands = String(shown);
        },
      ],
    },
  };
}
