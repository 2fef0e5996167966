// The page of the dashboard-render bench's big-panel figures, bundled with esbuild and loaded into
// Chromium: the same generated data drawn by Promdesk's chart (LiveChart given the series, as a
// dashboard panel draws, with its data conversion and min/max decimation) and by bare uPlot (the
// peer, handed ready-made columns). A draw's time runs from the call to the end of the canvas's
// last stroke: every stroke is timed, and the page waits until none has come for a while.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import '../renderer/src/styles/base.css';
import '../renderer/src/styles/chart.css';
import type { Api, SeriesColumns } from '../shared/api';
import { ApiContext } from '../renderer/src/api-context';
import { LiveChart } from '../renderer/src/charts/LiveChart';
import { decimatePoints } from '../renderer/src/charts/decimate';

/** Bars of the signal: a slow wave, noise, and rare spikes that a decimation must keep. */
function makeSeries(points: number, count: number, endMs: number, stepMs: number): SeriesColumns[] {
  let seed = 12345;
  return Array.from({ length: count }, (_s, k) => {
    const timestamps = new Float64Array(points);
    const values = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      timestamps[i] = endMs - (points - 1 - i) * stepMs;
      values[i] =
        50 + k + 20 * Math.sin(i / (points / 7)) + (seed / 2147483648) * 5 + (i % 50_021 === 7 ? 40 : 0);
    }
    return { labels: { __name__: 'bench_signal', series: String(k) }, timestamps, values };
  });
}

let lastStroke = 0;
let strokes = 0;
const stroke = CanvasRenderingContext2D.prototype.stroke;
CanvasRenderingContext2D.prototype.stroke = function (this: CanvasRenderingContext2D, ...args: [Path2D?]) {
  (stroke as (...a: unknown[]) => void).apply(this, args);
  lastStroke = performance.now();
  strokes++;
} as typeof stroke;

/** Resolves with the end of the last stroke, once none came for `quietMs`. */
async function drawnAt(quietMs = 400): Promise<number> {
  let seen = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    if (strokes === seen) return lastStroke;
    seen = strokes;
  }
}

const api = new Proxy({} as Api, {
  get: (_t, name) =>
    name === 'onEvent'
      ? () => () => undefined
      : () => Promise.reject(new Error(`the chart called the Api (${String(name)}) for given data`)),
});

function freshBox(width: number): HTMLDivElement {
  const root = document.getElementById('root')!;
  root.replaceChildren();
  const box = document.createElement('div');
  box.style.width = `${width}px`;
  root.appendChild(box);
  return box;
}

interface Spec {
  points: number;
  series: number;
  width: number;
  height: number;
}

const END = Date.UTC(2026, 0, 1);
const STEP = 100;
let data: { spec: string; series: SeriesColumns[] } | null = null;

function dataFor(s: Spec): SeriesColumns[] {
  const key = `${s.points}x${s.series}`;
  if (data?.spec !== key) data = { spec: key, series: makeSeries(s.points, s.series, END, STEP) };
  return data.series;
}

/** uPlot's columns of generated series (they share their timestamps). */
function columnsOf(series: SeriesColumns[]): uPlot.AlignedData {
  return [Array.from(series[0].timestamps, (t) => t / 1000), ...series.map((s) => Array.from(s.values))];
}

function uplotOptions(s: Spec, count: number): uPlot.Options {
  return {
    width: s.width,
    height: s.height,
    pxAlign: false,
    legend: { show: false },
    scales: { x: { time: true } },
    series: [
      {},
      ...Array.from({ length: count }, (_x, k) => ({ stroke: `hsl(${k * 37} 70% 45%)`, width: 1.5 })),
    ],
  };
}

const bench = {
  /** Promdesk's chart given the series: ms from the call to the last stroke. */
  async promdesk(s: Spec): Promise<number> {
    const series = dataFor(s);
    const box = freshBox(s.width);
    await drawnAt(50);
    const t0 = performance.now();
    const range = {
      kind: 'absolute' as const,
      startMs: series[0].timestamps[0],
      endMs: series[0].timestamps[s.points - 1],
    };
    const root = createRoot(box);
    flushSync(() =>
      root.render(
        <ApiContext.Provider value={api}>
          <LiveChart
            query="bench_signal"
            series={series}
            range={range}
            height={s.height}
            legend={{ mode: 'hidden' }}
          />
        </ApiContext.Provider>,
      ),
    );
    const t1 = await drawnAt();
    return t1 - t0;
  },
  /** Bare uPlot on ready-made columns, raw or decimated first (outside the timing). */
  async uplot(s: Spec, decimated = false): Promise<number> {
    const series = dataFor(s);
    let cols = columnsOf(series);
    if (decimated) {
      // One series (the figure's): its decimated points are the columns.
      const { timestamps: ts, values: vs } = series[0];
      const d = decimatePoints({ ts, vs }, ts[0], ts[ts.length - 1], s.width);
      cols = [Array.from(d.ts, (x) => x / 1000), Array.from(d.vs)];
    }
    const box = freshBox(s.width);
    await drawnAt(50);
    const t0 = performance.now();
    new uPlot(uplotOptions(s, series.length), cols, box);
    const t1 = await drawnAt();
    return t1 - t0;
  },
  /**
   * Pixels drawn more than a pixel away from anything in the other image, between the raw points
   * and the decimated ones, both stroked point by point on a plain canvas (uPlot is not the
   * referee: it buckets 4+ points per pixel itself): the envelope, in pixels.
   */
  async envelopeDiff(
    s: Spec,
  ): Promise<{ differing: number; drawn: number; where: [number, number, number][] }> {
    const [series] = dataFor(s);
    const { timestamps: ts, values: vs } = series;
    const n = ts.length;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, vs[i]);
      hi = Math.max(hi, vs[i]);
    }
    const [w, h] = [s.width, s.height];
    const pixels = (p: { ts: ArrayLike<number>; vs: ArrayLike<number> }) => {
      const can = document.createElement('canvas');
      can.width = w;
      can.height = h;
      const ctx = can.getContext('2d')!;
      ctx.lineWidth = 1.5;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#c00';
      ctx.beginPath();
      for (let i = 0; i < p.ts.length; i++) {
        const x = ((p.ts[i] - ts[0]) / (ts[n - 1] - ts[0])) * w;
        const y = h - 4 - ((p.vs[i] - lo) / (hi - lo)) * (h - 8);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
      return ctx.getImageData(0, 0, w, h).data;
    };
    const a = { out: pixels({ ts, vs }) };
    const b = { out: pixels(decimatePoints({ ts, vs }, ts[0], ts[n - 1], w)) };
    // Ink (alpha over a quarter) in one image with none within a pixel in the other: antialiased
    // edges may differ, a lost peak or a filled-in gap may not.
    const ink = (img: Uint8ClampedArray, x: number, y: number) =>
      x >= 0 && y >= 0 && x < w && y < h && img[(y * w + x) * 4 + 3] > 64;
    const near = (img: Uint8ClampedArray, x: number, y: number) => {
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) if (ink(img, x + dx, y + dy)) return true;
      return false;
    };
    let differing = 0;
    let drawn = 0;
    const where: [number, number, number][] = [];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const ia = ink(a.out, x, y);
        const ib = ink(b.out, x, y);
        if (ia) drawn++;
        if ((ia && !near(b.out, x, y)) || (ib && !near(a.out, x, y))) {
          differing++;
          if (where.length < 12) where.push([x, y, ia ? 1 : 0]);
        }
      }
    return { differing, drawn, where };
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
