// The chart drawn from given data, as a dashboard panel uses it, in Debian's Chromium: bucket
// legends in numeric order, a table legend with min/mean/max/last in the panel's unit, y ticks in
// that unit that never repeat, a series drawn below zero, colour per series, series hidden from
// legend and tooltip, and no Api calls.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { canvasStats, chromiumMissing, inPage, launchChromium, until } from '../helpers/browser';

const ROOT = new URL('../..', import.meta.url).pathname;
const missing = chromiumMissing();
let browser: Browser | null = null;
let html = '';

before(async () => {
  if (missing) return;
  const out = await build({
    entryPoints: [`${ROOT}test/helpers/chart-harness.tsx`],
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
  html = `<!doctype html><html><head><style>${css}</style></head><body><div id="root" style="width:900px"></div><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => undefined);
});

function skip(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

const END = Date.UTC(2026, 0, 1, 12);
const START = END - 3600_000;
const times = Array.from({ length: 241 }, (_x, i) => START + i * 15_000);

async function render(page: Page, spec: object): Promise<void> {
  await page.setContent(html);
  await page.evaluate(
    (s) => (window as unknown as { renderChart: (x: unknown) => void }).renderChart(s),
    spec,
  );
}

test('Panel chart: le legend order, table legend with calcs in the unit, ticks that do not repeat', async (t) => {
  if (skip(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    const les = ['+Inf', '0.1', '120', '20', '3'];
    await render(page, {
      query: 'rate(http_request_duration_seconds_bucket[5m])',
      range: { kind: 'absolute', startMs: START, endMs: END },
      unit: 'reqps',
      decimals: 1,
      legendFormat: '{{le}}',
      legend: { mode: 'table', calcs: ['min', 'mean', 'max', 'last'] },
      series: les.map((le, k) => ({
        labels: { __name__: 'x', le, job: 'api' },
        timestamps: times,
        values: times.map((_t, i) => 10 + k + (i % 2) * 0.01),
      })),
    });
    const rows = page.locator('.chart-legend-table tbody tr');
    await until('5 legend rows', async () => (await rows.count()) === 5);
    assert.deepEqual(await rows.locator('.legend-label').allTextContents(), [
      '0.1',
      '3',
      '20',
      '120',
      '+Inf',
    ]);
    assert.deepEqual(await page.locator('.chart-legend-table thead th').allTextContents(), [
      '',
      'Min',
      'Mean',
      'Max',
      'Last',
    ]);
    // le="0.1" is the second series: 11 … 11.01 req/s, last 11 (241 points: the last is even).
    assert.deepEqual(await rows.nth(0).locator('.legend-calc').allTextContents(), [
      '11.0 req/s',
      '11.0 req/s',
      '11.0 req/s',
      '11.0 req/s',
    ]);
    const ticks = await until('y ticks', async () =>
      (await page.locator('.live-chart-plot').getAttribute('data-y-ticks'))?.split('|'),
    );
    assert.ok(ticks.length >= 3, ticks.join(', '));
    assert.equal(new Set(ticks).size, ticks.length, ticks.join(', '));
    assert.ok(
      ticks.every((l) => l.endsWith(' req/s')),
      ticks.join(', '),
    );
  });
});

test('Panel chart: colour per series, one series below zero (negative-Y), a dashed one', async (t) => {
  if (skip(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await render(page, {
      query: 'rate(node_network_receive_bytes_total[5m])',
      range: { kind: 'absolute', startMs: START, endMs: END },
      unit: 'Bps',
      series: ['receive', 'transmit', 'dropped'].map((dir) => ({
        labels: { dir },
        timestamps: times,
        values: times.map(() => (dir === 'dropped' ? 500 : 1000)),
      })),
      legendFormat: '{{dir}}',
      styles: {
        receive: { color: '#22aa22' },
        dropped: { hideFrom: { legend: true, tooltip: true } },
        transmit: { color: '#aa22aa', negativeY: true, dashed: true },
      },
    });
    const chart = page.locator('.live-chart');
    await until('both series drawn', async () => {
      const s = await canvasStats(chart, ['#22aa22', '#aa22aa']);
      return s.near[0] > 50 && s.near[1] > 20;
    });
    // hideFrom: the third series is drawn but in neither the legend nor the tooltip.
    assert.deepEqual(await chart.locator('.legend-label').allTextContents(), ['receive', 'transmit']);
    const ticks = (await page.locator('.live-chart-plot').getAttribute('data-y-ticks'))!.split('|');
    assert.ok(
      ticks.some((l) => l.startsWith('-')),
      `negative ticks: ${ticks.join(', ')}`,
    );
    // Where the lines are: receive in the upper half of the plot, transmit in the lower.
    const rowsOf = (hex: string) =>
      chart
        .locator('canvas')
        .first()
        .evaluate((el, h) => {
          const c = el as HTMLCanvasElement;
          const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
          const ys: number[] = [];
          for (let i = 0; i < data.length; i += 4)
            if (
              Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30 &&
              data[i + 3] > 200
            )
              ys.push(Math.floor(i / 4 / c.width) / c.height);
          return ys.length ? ys.reduce((a, x) => a + x, 0) / ys.length : -1;
        }, hex);
    const up = await rowsOf('#22aa22');
    const down = await rowsOf('#aa22aa');
    assert.ok(up > 0 && up < 0.5, `receive at ${up}`);
    assert.ok(down > 0.5, `transmit at ${down}`);
    // The tooltip keeps the value (not its negation), in the unit.
    const over = chart.locator('.u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const values = await until('tooltip rows', async () => {
      const v = await chart.locator('.chart-tooltip-value').allTextContents();
      return v.length === 2 ? v : undefined;
    });
    assert.deepEqual(values, ['1 kB/s', '1 kB/s']);
  });
});
