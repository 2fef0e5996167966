// The heatmap end to end, on the histogram the issue names: Debian's prometheus scrapes itself,
// `promdesk serve` scrapes that prometheus, and HTTP traffic on prometheus moves its
// prometheus_http_request_duration_seconds buckets. A dashboard (put through the Api) with a
// heatmap panel on `sum by (le) (rate(..._bucket[$__rate_interval]))` reaches data-panel-state ok,
// its canvas shows cells in the scheme's colours, and hovering a cell names a bucket and a count;
// in Explore the same query is offered as a heatmap. Skips where prometheus or Chromium is missing.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WsApiClient } from '../../renderer/src/ws-api';
import { defaultTargetInput, type Api } from '../../shared/api';
import { heatmapPalette } from '../../shared/dashboards/heatmap/palette';
import { heatmapOptions } from '../../shared/dashboards/heatmap/options';
import { canvasStats, chromiumMissing, inPage, launchChromium, until } from '../helpers/browser';
import { freePort, startPeer, waitHttp, type Peer } from '../helpers/peers';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const ROOT = new URL('../..', import.meta.url).pathname;
const PROMETHEUS = '/usr/bin/prometheus';
const missing =
  chromiumMissing() ??
  (existsSync(PROMETHEUS) ? null : `${PROMETHEUS} is not installed (apt-get install prometheus)`);
const BUCKETS = 'prometheus_http_request_duration_seconds_bucket';
const EXPR = `sum by (le) (rate(${BUCKETS}[$__rate_interval]))`;
const EXPLORE_EXPR = `sum by (le) (rate(${BUCKETS}[1m]))`;
const COLOR = { mode: 'scheme', scheme: 'Blues', steps: 64 };

let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let prom: Peer | null = null;
let promBase = '';
let traffic: ReturnType<typeof setInterval> | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

function apiOf(base: string): Api {
  const client = new WsApiClient(`${base.replace('http', 'ws')}/api/ws`);
  cleanups.push(() => client.close());
  return client.api();
}

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  const dir = tempDir('promdesk-heatmap-e2e-');
  cleanups.push(() => dir.remove());
  const port = await freePort();
  promBase = `http://127.0.0.1:${port}`;
  const config = join(dir.path, 'prometheus.yml');
  writeFileSync(
    config,
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
  );
  prom = startPeer(PROMETHEUS, [
    `--web.listen-address=127.0.0.1:${port}`,
    `--storage.tsdb.path=${join(dir.path, 'prom-data')}`,
    `--config.file=${config}`,
  ]);
  cleanups.push(() => prom?.stop());
  await waitHttp(`${promBase}/-/ready`).catch((e: unknown) => {
    throw new Error(`${String(e)}\n${prom?.output() ?? ''}`);
  });
  // Traffic of several kinds, so requests land in more than one duration bucket.
  const paths = ['/-/ready', '/api/v1/query?query=up', '/metrics', '/api/v1/labels', '/api/v1/status/config'];
  let n = 0;
  traffic = setInterval(() => {
    void fetch(`${promBase}${paths[n++ % paths.length]}`)
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  }, 20);
  cleanups.push(() => clearInterval(traffic));

  serve = await startServeProcess(join(dir.path, 'data'));
  cleanups.push(async () => void (await serve?.stop()));
  const api = apiOf(serve.base);
  await api.addTarget({
    ...defaultTargetInput,
    url: `${promBase}/metrics`,
    job: 'prometheus',
    intervalMs: 1000,
  });
  // A rate needs two scrapes of moving buckets in serve's store.
  await until(
    'serve has moving request-duration buckets',
    async () => {
      const r = await api.queryInstant({ query: `sum by (le) (rate(${BUCKETS}[10s]))`, timeMs: Date.now() });
      return r.series.length > 2 && r.series.some((s) => s.values[0] > 0);
    },
    30_000,
  );
  browser = await launchChromium();
  cleanups.push(() => browser?.close().catch(() => undefined));
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function skipIfMissing(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

/** A canvas pixel (CSS px from the canvas' top left) whose colour is one of `palette`'s. */
async function cellPixel(canvas: Locator, palette: string[]): Promise<{ x: number; y: number } | null> {
  const colors = palette.map((h) => Number.parseInt(h.slice(1, 7), 16));
  // No named functions inside: the page runs this code as it is, without tsx's helpers.
  return canvas.evaluate((el, keys) => {
    const c = el as HTMLCanvasElement;
    const { data, width, height } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const set = new Set(keys);
    const scale = c.width / c.getBoundingClientRect().width;
    // From the right (the newest cells), a pixel whose neighbours two pixels away on all four
    // sides share its colour: well inside a cell, not on its edge.
    for (let x = width - 3; x > 2; x--)
      for (let y = 2; y < height - 2; y++) {
        const i = (y * width + x) * 4;
        const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        if (data[i + 3] < 250 || !set.has(rgb)) continue;
        let inside = true;
        for (const d of [-8, 8, -8 * width, 8 * width])
          if (((data[i + d] << 16) | (data[i + d + 1] << 8) | data[i + d + 2]) !== rgb) inside = false;
        if (inside) return { x: (x + 0.5) / scale, y: (y + 0.5) / scale };
      }
    return null;
  }, colors);
}

async function hoverCell(page: Page, scope: Locator, palette: string[]) {
  const canvas = scope.locator('canvas').first();
  const at = await cellPixel(canvas, palette);
  assert.ok(at, 'a drawn cell in the scheme’s colours');
  const box = await canvas.boundingBox();
  await page.mouse.move(box!.x + at.x, box!.y + at.y);
  const tip = scope.locator('.heatmap-tooltip');
  await tip.waitFor({ state: 'visible', timeout: 30_000 });
  return {
    bucket: (await tip.getAttribute('data-bucket')) ?? '',
    count: (await tip.getAttribute('data-count')) ?? '',
    text: await tip.innerText(),
  };
}

test('a heatmap panel draws prometheus’ request-duration buckets in its scheme, with a tooltip', async (t) => {
  if (skipIfMissing(t)) return;
  const api = apiOf(serve!.base);
  const dashboard = {
    uid: 'heatmap-e2e',
    title: 'Heatmap E2E',
    schemaVersion: 39,
    time: { from: 'now-1m', to: 'now' },
    templating: { list: [] },
    panels: [
      {
        id: 1,
        type: 'heatmap',
        title: 'Request durations',
        gridPos: { x: 0, y: 0, w: 24, h: 12 },
        targets: [{ refId: 'A', expr: EXPR, format: 'heatmap', legendFormat: '{{le}}' }],
        options: { calculate: false, color: COLOR, yAxis: { unit: 's' }, cellGap: 1 },
      },
    ],
  };
  const report = await api.importDashboard(JSON.stringify(dashboard));
  assert.deepEqual(report.unsupported, []);
  const palette = heatmapPalette(heatmapOptions({ color: COLOR }).color, false);
  await inPage(browser, { colorScheme: 'light' }, async ({ page }) => {
    await page.goto(`${serve!.base}/d/heatmap-e2e/heatmap-e2e?from=now-1m&to=now`);
    const panel = page.locator('[data-panel-title="Request durations"]');
    await until(
      'the heatmap panel is ok',
      async () => (await panel.getAttribute('data-panel-state')) === 'ok',
      30_000,
    );
    await panel.locator('canvas').first().waitFor();
    const stats = await until(
      'cells in the scheme’s colours',
      async () => {
        const s = await canvasStats(panel, palette);
        return s.near.reduce((a, b) => a + b, 0) > 200 ? s : undefined;
      },
      30_000,
    );
    assert.ok(stats.distinctColors > 2, `more than one colour drawn: ${stats.distinctColors}`);
    // The y axis reads the bucket bounds in the panel's unit, +Inf on top.
    const ticks = (await panel.locator('.heatmap-plot').getAttribute('data-y-ticks')) ?? '';
    assert.match(ticks, /\+Inf/);
    assert.match(ticks, /\b(100|200|400) ms\b/);
    const tip = await hoverCell(page, panel, palette);
    assert.match(tip.bucket, /^(0|[\d.]+ (ms|s|min)) – ([\d.]+ (ms|s|min)|\+Inf)$/, tip.bucket);
    assert.match(tip.count, /^[\d.]+( [KMB])?$/, tip.count);
    assert.ok(Number.parseFloat(tip.count) > 0, `a drawn cell counts more than 0: ${tip.count}`);
    assert.match(tip.text, /Bucket/);
    assert.match(tip.text, /Count/);
    // The colour legend runs from the scale's min to its max.
    const legend = panel.locator('.heatmap-legend');
    assert.match(await legend.innerText(), /[\d.]+[\s\S]*[\d.]+/);

    // The range ends at now, so the panel follows live: new cells arrive on the same canvas (the
    // plot is redrawn, not made again).
    const canvas = await panel.locator('canvas').first().elementHandle();
    const before = (await canvasStats(panel)).hash;
    await until('new cells drawn live', async () => (await canvasStats(panel)).hash !== before, 40_000);
    assert.equal(await canvas!.evaluate((el) => el.isConnected), true, 'the same canvas');
  });
});

test('on a dark page, a log-2 bucket scale places rows by their bounds, in the scheme read for dark', async (t) => {
  if (skipIfMissing(t)) return;
  const api = apiOf(serve!.base);
  const color = { mode: 'scheme', scheme: 'Spectral', steps: 32 };
  await api.importDashboard(
    JSON.stringify({
      uid: 'heatmap-log',
      title: 'Heatmap log',
      schemaVersion: 39,
      time: { from: 'now-1m', to: 'now' },
      templating: { list: [] },
      panels: [
        {
          id: 1,
          type: 'heatmap',
          title: 'Log rows',
          gridPos: { x: 0, y: 0, w: 24, h: 12 },
          targets: [{ refId: 'A', expr: EXPR, format: 'heatmap' }],
          options: {
            calculate: false,
            color,
            rowsFrame: { yBucketScale: { type: 'log', log: 2 } },
            yAxis: { unit: 's' },
          },
        },
      ],
    }),
  );
  const palette = heatmapPalette(heatmapOptions({ color }).color, true);
  await inPage(browser, { colorScheme: 'dark' }, async ({ page }) => {
    await page.goto(`${serve!.base}/d/heatmap-log/heatmap-log`);
    const panel = page.locator('[data-panel-title="Log rows"]');
    await until(
      'the log heatmap is ok',
      async () => (await panel.getAttribute('data-panel-state')) === 'ok',
      30_000,
    );
    await until(
      'cells in Spectral as read on a dark page',
      async () => (await canvasStats(panel, palette)).near.reduce((a, b) => a + b, 0) > 200,
      30_000,
    );
    // On a log axis 0 has no place: the lowest tick is the first bucket's le (100 ms), not 0.
    const ticks = ((await panel.locator('.heatmap-plot').getAttribute('data-y-ticks')) ?? '').split('|');
    assert.ok(!ticks.includes('0'), ticks.join('|'));
    assert.equal(ticks[0], '100 ms', ticks.join('|'));
    assert.equal(ticks[ticks.length - 1], '+Inf');
    const tip = await hoverCell(page, panel, palette);
    assert.match(tip.bucket, / – /);
  });
});

test('Explore offers a heatmap beside the graph for a query of histogram buckets, and not for others', async (t) => {
  if (skipIfMissing(t)) return;
  const palette = heatmapPalette(heatmapOptions(undefined).color, false);
  await inPage(browser, { colorScheme: 'light' }, async ({ page }) => {
    await page.goto(`${serve!.base}/#/explore?q=${encodeURIComponent(EXPLORE_EXPR)}&range=1m`);
    const tab = page.getByRole('tab', { name: 'Heatmap' });
    await tab.waitFor();
    await tab.click();
    const heat = page.getByTestId('explore-heatmap');
    await heat.locator('canvas').first().waitFor();
    await until(
      'Explore’s heatmap has cells',
      async () => (await canvasStats(heat, palette)).near.reduce((a, b) => a + b, 0) > 200,
      30_000,
    );
    // The bounds in the unit the metric's name gives (seconds), as on the panel.
    assert.match((await heat.locator('.heatmap-plot').getAttribute('data-y-ticks')) ?? '', /\d+ ms\b/);
    const tip = await hoverCell(page, heat, palette);
    assert.match(tip.bucket, / – /);
    assert.ok(Number.parseFloat(tip.count) > 0, tip.count);
    assert.ok(page.url().includes('tab=heatmap'), page.url());

    // A query without le: no heatmap on offer.
    await page.goto(`${serve!.base}/#/explore?q=${encodeURIComponent('up')}&range=5m`);
    await page.getByRole('tab', { name: 'Graph' }).waitFor();
    await page.locator('.explore-results canvas').first().waitFor();
    // The hash changes in place: the old result's tabs may still be up for a render.
    await until(
      'no Heatmap tab for a query without le',
      async () => (await page.getByRole('tab', { name: 'Heatmap' }).count()) === 0,
    );
  });
});
