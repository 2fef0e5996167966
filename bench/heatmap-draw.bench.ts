// The heatmap panel drawn in headless Chromium (Debian's /usr/bin/chromium): ms from handing
// HeatmapViz its series (bucket rows, palette, uPlot, the cells) until the canvas shows them, and
// the longest task, for a day of 15 s steps and for many buckets; then a redraw with new data (a
// live panel's update), which keeps the plot. Prints a table of figures.
//   node --import tsx bench/heatmap-draw.bench.ts [--runs 3]
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../test/helpers/browser';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(opt.runs) || 3);

const PROM_LES = ['0.1', '0.2', '0.4', '1', '3', '8', '20', '60', '120', '+Inf'];
const MANY_LES = [...Array.from({ length: 39 }, (_x, i) => String(0.001 * 2 ** i)), '+Inf'];
const CASES = [
  { name: '24 h of 15 s steps × 10 buckets (57,600 cells)', les: PROM_LES, steps: 5760, stepMs: 15_000 },
  { name: '1,500 steps × 40 buckets (60,000 cells)', les: MANY_LES, steps: 1500, stepMs: 60_000 },
];

async function page(): Promise<Page> {
  const out = await build({
    entryPoints: [`${ROOT}bench/heatmap-page.tsx`],
    bundle: true,
    write: false,
    outdir: '/out',
    format: 'iife',
    jsx: 'automatic',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const browser = await launchChromium();
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  await p.setContent(
    `<!doctype html><html><head><style>${css}</style></head><body><div id="root" style="width:1400px"></div><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`,
  );
  return p;
}

/** ms from the render call until the canvas' pixels differ from `before`, and the longest task. */
async function timedRender(
  p: Page,
  spec: object,
  before: string,
): Promise<{ ms: number; longest: number; hash: string }> {
  // As text: the page runs it as written, without the helpers tsx adds to named functions.
  return p.evaluate(`new Promise((resolve) => {
    const spec = ${JSON.stringify(spec)};
    const before = ${JSON.stringify(before)};
    let longest = 0;
    const po = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) longest = Math.max(longest, e.duration);
    });
    po.observe({ type: 'longtask', buffered: false });
    const t0 = performance.now();
    window.renderHeatmap(spec);
    const poll = () => {
      // Nothing new on the canvas after 10 s: reported as a failed figure rather than a hang.
      if (performance.now() - t0 > 10000) return resolve({ ms: NaN, longest, hash: before });
      const c = document.querySelector('canvas');
      const g = c && c.getContext('2d');
      if (c && g && c.width > 0) {
        // One row through the middle of the plot: cheap to read, and it crosses every column.
        const d = g.getImageData(0, Math.floor(c.height * 0.6), c.width, 1).data;
        let h = 0;
        let drawn = false;
        for (let i = 0; i < d.length; i += 4) {
          h = (h * 31 + d[i] + d[i + 1] + d[i + 2]) >>> 0;
          if (d[i + 3] > 0) drawn = true;
        }
        if (drawn && String(h) !== before) {
          const ms = performance.now() - t0;
          // Let a long task that ended with the draw be reported.
          setTimeout(() => {
            po.disconnect();
            resolve({ ms, longest, hash: String(h) });
          }, 50);
          return;
        }
      }
      setTimeout(poll, 4);
    };
    setTimeout(poll, 0);
  })`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const rows: string[][] = [];
  for (const c of CASES) {
    const first: number[] = [];
    const firstLong: number[] = [];
    const again: number[] = [];
    const againLong: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const p = await page();
      const spec = { les: c.les, startMs: Date.UTC(2026, 0, 1), stepMs: c.stepMs, steps: c.steps, phase: 0 };
      const a = await timedRender(p, spec, '');
      const b = await timedRender(p, { ...spec, phase: 3 }, a.hash);
      first.push(a.ms);
      firstLong.push(a.longest);
      again.push(b.ms);
      againLong.push(b.longest);
      await p.context().browser()?.close();
    }
    rows.push([c.name, 'first draw', `${median(first).toFixed(0)} ms`, `${median(firstLong).toFixed(0)} ms`]);
    rows.push([
      c.name,
      'redraw, new data',
      `${median(again).toFixed(0)} ms`,
      `${median(againLong).toFixed(0)} ms`,
    ]);
  }
  const head = ['case', 'what', `median of ${RUNS} (to pixels)`, 'longest task'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((x, i) => x.padEnd(widths[i])).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

await main();
