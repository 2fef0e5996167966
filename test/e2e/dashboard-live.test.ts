// End to end in Debian's Chromium against `promdesk serve` scraping an exporter every second: a
// dashboard on a range ending at now follows it with points the engine pushes (the chart's drawn
// points grow, and the page sends no queryRange after the first ones); a drag over a panel sets
// the dashboard's absolute from/to in the URL; `t z` doubles the span; with graphTooltip 1 the
// cursor over one panel moves the crosshair of the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultTargetInput } from '../../shared/api';
import { canvasStats, inPage, until } from '../helpers/browser';
import { startExporter } from '../helpers/exporter';
import { e2eSuite } from '../helpers/e2e-suite';

const waitFor = (fn: () => Promise<boolean>, what: string, ms = 20_000) => until(what, fn, ms);

const EXPOSITION = 'live_up 1\nlive_temp{room="a"} 21.5\nlive_temp{room="b"} 19\n';

const grid = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const ts = (id: number, title: string, expr: string, gridPos: ReturnType<typeof grid>, extra = {}) => ({
  id,
  type: 'timeseries',
  title,
  gridPos,
  targets: [{ refId: 'A', expr }],
  ...extra,
});

const RED = '#d62728';
const styled = (color: string, custom: Record<string, unknown>) => ({
  fieldConfig: { defaults: { color: { mode: 'fixed', fixedColor: color }, custom }, overrides: [] },
});

const DASHBOARD = {
  uid: 'e2e-live',
  title: 'E2E Live',
  schemaVersion: 39,
  graphTooltip: 1,
  time: { from: 'now-5m', to: 'now' },
  panels: [
    ts(1, 'Temp', 'live_temp', grid(0, 0, 12, 8)),
    ts(2, 'Up rate', 'sum(rate(live_up[1m])) + 1', grid(12, 0, 12, 8)),
    ts(3, 'Log', 'live_temp * 1000', grid(0, 8, 8, 8), {
      fieldConfig: { defaults: { custom: { scaleDistribution: { type: 'log', log: 10 } } }, overrides: [] },
    }),
    ts(4, 'Bars', 'max(live_temp)', grid(8, 8, 8, 8), styled(RED, { drawStyle: 'bars', fillOpacity: 100 })),
    ts(5, 'Line', 'max(live_temp)', grid(16, 8, 8, 8), styled(RED, { drawStyle: 'line' })),
  ],
};

const suite = e2eSuite({
  name: 'promdesk-dashboard-live-e2e-',
  prepare: async (s) => {
    const exp = await startExporter({ kind: 'body', body: EXPOSITION });
    s.defer(() => exp.close());
    const api = s.api();
    await api.addTarget({ ...defaultTargetInput, url: exp.url, job: 'live', intervalMs: 1000 });
    await api.importDashboard(JSON.stringify(DASHBOARD));
    await waitFor(async () => {
      const r = await api.queryInstant({ query: 'count_over_time(live_temp[1m])', timeMs: Date.now() });
      return r.series.length === 2 && r.series.every((x) => x.values[0] >= 3);
    }, 'live_temp scraped three times');
  },
});

const panel = (page: Page, title: string) => page.locator(`[data-panel-title="${title}"]`);
const drawnPoints = async (page: Page, title: string) =>
  Number((await panel(page, title).locator('.live-chart-plot').getAttribute('data-points')) ?? 0);

async function openLive(page: Page, query = 'from=now-5m&to=now'): Promise<void> {
  await page.goto(`${suite.serve.base}/d/e2e-live/e2e-live?${query}`);
  await waitFor(
    async () =>
      (await panel(page, 'Temp').getAttribute('data-panel-state')) === 'ok' &&
      (await panel(page, 'Up rate').getAttribute('data-panel-state')) === 'ok',
    'both panels ok',
  );
  await waitFor(async () => (await drawnPoints(page, 'Temp')) > 0, 'the first points drawn');
}

test('a live panel grows by pushed points, with no queryRange after the first', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    const sent: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) =>
        sent.push(typeof payload === 'string' ? payload : Buffer.from(payload).toString('latin1')),
      ),
    );
    await openLive(page);
    const ranges = () => sent.filter((f) => f.includes('"queryRange"')).length;
    const first = ranges();
    assert.ok(first >= 2, `each panel ran its range query (${first})`);
    assert.ok(
      sent.some((f) => f.includes('"subscribe"') && f.includes('"stepMs"')),
      'subscribed on a grid',
    );
    const before = { temp: await drawnPoints(page, 'Temp'), rate: await drawnPoints(page, 'Up rate') };
    await waitFor(
      async () =>
        (await drawnPoints(page, 'Temp')) >= before.temp + 4 &&
        (await drawnPoints(page, 'Up rate')) >= before.rate + 2,
      'pushed points drawn in both panels',
    );
    assert.equal(ranges(), first, 'no range query after the first: the points were pushed');
  });
});

test('a drag over a panel sets the dashboard range in the URL; t z doubles it', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    const ranges: { startMs: number; endMs: number; stepMs: number }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('latin1');
        const m = /"queryRange".*?"startMs":(\d+),"endMs":(\d+),"stepMs":(\d+)/.exec(text);
        if (m) ranges.push({ startMs: +m[1], endMs: +m[2], stepMs: +m[3] });
      }),
    );
    await openLive(page, 'from=now-1h&to=now');
    const firstStep = Math.min(...ranges.map((r) => r.stepMs));
    const over = panel(page, 'Temp').locator('.u-over');
    const box = (await over.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.9, y, { steps: 5 });
    await page.mouse.up();
    await waitFor(
      async () => /^\d+$/.test(new URL(page.url()).searchParams.get('from') ?? ''),
      'from in the URL',
    );
    const url = new URL(page.url());
    const from = Number(url.searchParams.get('from'));
    const to = Number(url.searchParams.get('to'));
    // About 40% of the hour, ending before now.
    assert.ok(to - from > 15 * 60_000 && to - from < 33 * 60_000, `zoomed span ${to - from} ms`);
    assert.ok(to <= Date.now());
    // Each panel queried the zoomed window again, at a step that fits its width (~600 px).
    await waitFor(
      async () => ranges.filter((r) => Math.abs(r.endMs - to) <= r.stepMs).length >= 2,
      'refetched',
    );
    const zoomed = ranges.filter((q) => Math.abs(q.endMs - to) <= q.stepMs);
    for (const r of zoomed) {
      assert.ok(Math.abs(r.startMs - from) <= r.stepMs, `from ${r.startMs} vs ${from}`);
      assert.ok(r.stepMs <= (to - from) / 200, `step ${r.stepMs} ms fits the width`);
    }
    assert.ok(Math.min(...zoomed.map((r) => r.stepMs)) < firstStep, 'a finer step for the shorter span');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('t');
    await page.keyboard.press('z');
    await waitFor(async () => {
      const u = new URL(page.url());
      const span = Number(u.searchParams.get('to')) - Number(u.searchParams.get('from'));
      return Math.abs(span - 2 * (to - from)) <= 2;
    }, 't z doubled the span');
  });
});

test('graphTooltip 1: the cursor over one panel moves the crosshair in the other', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await openLive(page, 'from=now-1m&to=now'); // the store is young: hover where it has samples
    const cursorX = (title: string) =>
      panel(page, title)
        .locator('.u-cursor-x')
        .evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).m41);
    const box = (await panel(page, 'Temp').locator('.u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2);
    await waitFor(async () => (await cursorX('Up rate')) > 0, 'the other panel’s cursor moved');
    const a = await cursorX('Up rate');
    await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2);
    await waitFor(async () => (await cursorX('Up rate')) > a + 10, 'and follows the mouse');
    // Crosshair only: the other panel shows no tooltip of its own.
    assert.equal(await panel(page, 'Up rate').locator('.chart-tooltip').isVisible(), false);
    assert.equal(await panel(page, 'Temp').locator('.chart-tooltip').isVisible(), true);
  });
});

test('a log axis ticks on powers of ten; bars fill where a line only strokes', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await openLive(page, 'from=now-1m&to=now');
    for (const title of ['Log', 'Bars', 'Line'])
      await waitFor(async () => (await drawnPoints(page, title)) > 3, `${title} drawn`);
    const ticks = async () =>
      ((await panel(page, 'Log').locator('.live-chart-plot').getAttribute('data-y-ticks')) ?? '').split('|');
    // 19000..21500 on a log axis: the axis spans 10k..100k (whole powers of ten).
    await waitFor(async () => (await ticks()).includes('10k'), 'a 10k tick').catch(async (e: Error) => {
      throw new Error(`${e.message}; ticks ${(await ticks()).join(' ')}`);
    });
    // Each label short (no shared linear step's decimals), 10k and 100k among them.
    const labels = (await ticks()).filter(Boolean);
    assert.ok(labels.includes('100k'), `ticks ${labels.join(' ')}`);
    assert.ok(
      labels.every((x) => /^\d{1,3}k$/.test(x)),
      `ticks ${labels.join(' ')}`,
    );
    const bars = await canvasStats(panel(page, 'Bars'), [RED]);
    const line = await canvasStats(panel(page, 'Line'), [RED]);
    assert.ok(line.near[0] > 0, 'the line is drawn in its colour');
    assert.ok(bars.near[0] > line.near[0] * 5, `bars ${bars.near[0]} px vs line ${line.near[0]} px`);
  });
});
