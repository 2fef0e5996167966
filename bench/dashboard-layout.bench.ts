// The dashboard grid at scale: how long laying out a huge dashboard takes, in Node (compaction and
// a drag step, beside the pairwise row-by-row compaction this replaced) and in headless Chromium
// against `promdesk serve` (a 500-panel dashboard: first paint of every panel's element, how many
// panels query at once, the longest task, and one drag step over all 500).
// Needs a built dist/ for the Chromium part (node scripts/build.mjs).
//   node --import tsx bench/dashboard-layout.bench.ts [--panels 500]
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { compact, moveItem, type GridItem } from '../shared/dashboards/grid-layout';
import { WsApiClient } from '../renderer/src/ws-api';
import { chromiumMissing, launchChromium } from '../test/helpers/browser';
import { startServeProcess } from '../test/helpers/serve-process';
import { tempDir } from '../test/helpers/tmp';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const { values } = parseArgs({ options: { panels: { type: 'string', default: '500' } } });
const PANELS = Number(values.panels);

/** A dashboard-like layout: rows of panels of mixed widths and heights, in file order. */
function layout(n: number): GridItem[] {
  const out: GridItem[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    const w = [6, 8, 12, 24][i % 4];
    if (x + w > 24) [x, y] = [0, y + 8];
    out.push({ key: String(i), x, y, w, h: 4 + (i % 5) });
    x += w;
  }
  return out;
}

/** The compaction the grid had before: pairwise collision checks, one grid row at a time. */
function pairwiseCompact(items: readonly GridItem[]): GridItem[] {
  const placed: GridItem[] = [];
  const hit = (b: GridItem, y: number) =>
    placed.some((q) => b.x < q.x + q.w && q.x < b.x + b.w && y < q.y + q.h && q.y < y + b.h);
  for (const it of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    let y = it.y;
    while (y > 0 && !hit(it, y - 1)) y--;
    while (hit(it, y)) y++;
    placed.push({ ...it, y });
  }
  return placed;
}

function timeMs(fn: () => unknown, rounds: number): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - t0) / rounds;
}

const rows: [string, string, string][] = [];
for (const n of [PANELS, 2000]) {
  const items = layout(n);
  const laid = compact(items);
  rows.push([
    `compact ${n} panels`,
    `${timeMs(() => compact(items), 20).toFixed(2)} ms`,
    `${timeMs(() => pairwiseCompact(items), 3).toFixed(1)} ms`,
  ]);
  rows.push([
    `one drag step over ${n} panels`,
    `${timeMs(() => moveItem(laid, '0', 12, 40), 20).toFixed(2)} ms`,
    '',
  ]);
}

async function inChromium(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`(Chromium part skipped: ${missing})`);
    return;
  }
  const dir = tempDir('promdesk-layout-bench-');
  const serve = await startServeProcess(join(dir.path, 'data'));
  const client = new WsApiClient(`${serve.base.replace('http', 'ws')}/api/ws`);
  const browser = await launchChromium();
  try {
    const api = client.api();
    const panels = layout(PANELS).map((b, i) => ({
      id: i + 1,
      type: 'stat',
      title: `Panel ${i + 1}`,
      gridPos: { x: b.x, y: b.y, w: b.w, h: b.h },
      targets: [{ refId: 'A', expr: `vector(${i})`, instant: true }],
    }));
    await api.importDashboard(JSON.stringify({ uid: 'huge', title: 'Huge', schemaVersion: 39, panels }));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(`${serve.base}/d/huge/huge`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-panel-state]').length === n, PANELS, {
      timeout: 60_000,
    });
    const shownMs = Date.now() - t0;
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('[data-panel-state]')].some((e) =>
          /loading/.test(e.getAttribute('data-panel-state')!),
        ),
      undefined,
      { timeout: 60_000 },
    );
    const active = await page.$$eval(
      '[data-panel-state]',
      (els) => els.filter((e) => e.getAttribute('data-panel-state') !== 'idle').length,
    );
    const loadLongest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
    // Drag steps: the first panel's header moved right column by column; each step timed until
    // its new place is drawn.
    const head = (await page.locator('[data-grid-key="1"] .dash-panel-header').boundingBox())!;
    await page.mouse.move(head.x + 30, head.y + 8);
    await page.mouse.down();
    await page.mouse.move(head.x + 40, head.y + 12);
    await page.waitForTimeout(300);
    const steps: number[] = [];
    for (let c = 1; c <= 5; c++)
      steps.push(
        await page.evaluate(
          async ([x, y]) => {
            const el = document.querySelector<HTMLElement>('[data-grid-key="1"]')!;
            const before = el.style.gridColumn;
            const t = performance.now();
            window.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
            while (el.style.gridColumn === before) await new Promise((res) => requestAnimationFrame(res));
            return performance.now() - t;
          },
          [head.x + 30 + (c * 2 * head.width) / 6, head.y + 8],
        ),
      );
    await page.mouse.up();
    const step = steps.sort((a, b) => a - b)[2];
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    rows.push([`${PANELS} panels in Chromium: every element on the page`, `${shownMs} ms`, '']);
    rows.push([`  panels that queried (the rest idle until scrolled to)`, `${active} of ${PANELS}`, '']);
    rows.push([`  longest task while loading`, `${loadLongest.toFixed(0)} ms`, '']);
    rows.push([`  one drag step redrawn (median of 5)`, `${step.toFixed(0)} ms`, '']);
    rows.push([`  longest task while dragging`, `${longest.toFixed(0)} ms`, '']);
  } finally {
    await browser.close();
    client.close();
    await serve.stop();
    dir.remove();
  }
}

await inChromium();
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'figure'.padEnd(width)}  ${'promdesk'.padStart(10)}  ${'pairwise (before)'.padStart(18)}`);
for (const [name, ours, peer] of rows)
  console.log(`${name.padEnd(width)}  ${ours.padStart(10)}  ${peer.padStart(18)}`);
