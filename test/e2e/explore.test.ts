// End to end: the Explore view and the PromQL panels in Debian's Chromium against the real
// `promdesk serve` scraping a test exporter every second (with 10 minutes of history written into
// the store first): typing with completion of metric names, label names and values and functions,
// the graph (canvas drawn, stacked), the table (rows with values, sorting), an error underlined
// where the engine's parser points, the query history, the URL hash reproducing the view, and
// panels added and removed on the Graph view.
//
// PROMDESK_SCREENSHOTS=1 also writes docs/screenshots/explore.png and explore-table.png.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { canvasStats, chromiumMissing, launchChromium, until, type UiPage, inPage } from '../helpers/browser';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { tempDir } from '../helpers/tmp';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = process.env.PROMDESK_SCREENSHOTS === '1';
const SHOT_DIR = join(ROOT, 'docs', 'screenshots');
const HISTORY_SECONDS = 600;
/** The first series colour of renderer/src/lib/palette.ts. */
const FIRST_COLOR = '#3b82f6';

/** A shop's exporter at its n-th scrape: order counters per shop and status, queue depths. */
function shopSamples(n: number): { name: string; labels: Record<string, string>; value: number }[] {
  return [
    { name: 'shop_orders_total', labels: { shop: 'north', status: 'paid' }, value: n * 3 },
    { name: 'shop_orders_total', labels: { shop: 'south', status: 'paid' }, value: n },
    { name: 'shop_orders_total', labels: { shop: 'south', status: 'refunded' }, value: Math.floor(n / 4) },
    { name: 'shop_queue_depth', labels: { shop: 'north' }, value: 4 + 3 * Math.sin(n / 40) },
    { name: 'shop_queue_depth', labels: { shop: 'south' }, value: 2 + Math.cos(n / 25) },
  ];
}

function shopBody(n: number): string {
  const lines = ['# TYPE shop_orders_total counter', '# TYPE shop_queue_depth gauge'];
  for (const s of shopSamples(n)) {
    const ls = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    lines.push(`${s.name}{${ls}} ${s.value}`);
  }
  return lines.join('\n') + '\n';
}

/** What the exporter would have served at 1 s for the last HISTORY_SECONDS, written up front. */
async function seedHistory(dataDir: string, instance: string): Promise<void> {
  const { openStore } = await import('../../electron/engine/store/open-store');
  const store = openStore(dataDir);
  try {
    const now = Date.now() - 1500;
    for (let k = HISTORY_SECONDS; k >= 1; k--) {
      const app = store.appender();
      for (const s of shopSamples(HISTORY_SECONDS - k))
        app.append({ __name__: s.name, ...s.labels, job: 'shop', instance }, now - k * 1000, s.value);
      app.commit();
    }
  } finally {
    store.close();
  }
}

const missing = chromiumMissing();
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let shop: TestExporter | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  if (SHOTS) mkdirSync(SHOT_DIR, { recursive: true });
  const dir = tempDir('promdesk-explore-e2e-');
  cleanups.push(() => dir.remove());
  shop = await startExporter((n) => ({ kind: 'body', body: shopBody(HISTORY_SECONDS + n) }));
  cleanups.push(() => shop?.close());
  const instance = `127.0.0.1:${shop.port}`;
  const dataDir = join(dir.path, 'data');
  await seedHistory(dataDir, instance);
  const config = join(dir.path, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: shop',
      '    static_configs:',
      `      - targets: ['${instance}']`,
      '',
    ].join('\n'),
  );
  serve = await startServeProcess(dataDir, config);
  cleanups.push(async () => void (await serve?.stop()));
  browser = await launchChromium();
  cleanups.push(() => browser?.close().catch(() => undefined));
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function skipIfNoBrowser(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

async function withPage(fn: (ui: UiPage) => Promise<void>): Promise<void> {
  return inPage(browser, {}, fn);
}

function editor(page: Page, name = 'PromQL expression'): Locator {
  return page.getByRole('textbox', { name, exact: true });
}

async function docText(ed: Locator): Promise<string> {
  return (await ed.textContent()) ?? '';
}

/** Waits until the completion popup offers `label` (as its first option, unless `anywhere`). */
async function offered(page: Page, label: string, anywhere = false): Promise<void> {
  const labels = page.locator('.cm-tooltip-autocomplete li .cm-completionLabel');
  await until(`completion "${label}" offered`, async () => {
    const ls = await labels.allTextContents();
    return anywhere ? ls.includes(label) : ls[0] === label;
  });
}

/**
 * Waits for `label` as the first completion, then accepts it with Tab (Enter runs the query), and
 * waits for the text to take it: a Tab that lands just as the list changes is applied a moment
 * later, and a key typed before then would cancel it.
 */
async function accept(page: Page, label: string): Promise<void> {
  await offered(page, label);
  const ed = page.locator('.cm-content:focus');
  const before = await docText(ed);
  await page.keyboard.press('Tab');
  await until(`"${label}" accepted`, async () => (await docText(ed)) !== before);
}

async function hashParams(page: Page): Promise<URLSearchParams> {
  const hash = await page.evaluate(() => location.hash);
  const q = hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
}

async function chartDrawn(scope: Locator): Promise<void> {
  await until('the first series drawn on the canvas', async () => {
    const s = await canvasStats(scope.locator('.live-chart'), [FIRST_COLOR]);
    return s.near[0] > 20;
  });
}

/** Pixels of the chart canvas in the first series' colour at a fill's partial opacity. */
async function filledPixels(chart: Locator): Promise<number> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((el, hex) => {
      const c = el as HTMLCanvasElement;
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const a = data[i + 3];
        if (a < 40 || a > 140) continue;
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) n++;
      }
      return n;
    }, FIRST_COLOR);
}

test('Explore: completion of a metric, a label name and value; graph and table', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(serve);
  const { base } = serve;
  await withPage(async ({ page }) => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Explore' }).click();
    await page.getByRole('heading', { name: 'Explore', level: 1 }).waitFor();
    const ed = editor(page);
    await ed.click();
    await page.keyboard.type('shop_q');
    await accept(page, 'shop_queue_depth');
    await page.keyboard.type('{');
    await offered(page, 'instance', true); // the label names of this metric
    await page.keyboard.type('sh');
    await accept(page, 'shop');
    await page.keyboard.type('="');
    await until('label values offered', async () => {
      const ls = await page.locator('.cm-tooltip-autocomplete .cm-completionLabel').allTextContents();
      return ls.join(',') === 'north,south';
    });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await docText(ed), 'shop_queue_depth{shop="south"}');
    // Highlighting: label names and strings get their token classes.
    assert.equal(await ed.locator('.pq-label').first().textContent(), 'shop');
    assert.equal(await ed.locator('.pq-string').first().textContent(), '"south"');

    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await until('the query in the URL hash', async () => {
      const p = await hashParams(page);
      return p.get('q') === 'shop_queue_depth{shop="south"}';
    });
    const results = page.locator('section.explore-results');
    await until('1 legend entry', async () => (await results.locator('.legend-item').count()) === 1);
    await chartDrawn(results);

    // The table: one row for the selected series, with its value.
    await page.getByRole('tab', { name: 'Table' }).click();
    const rows = results.locator('table.data-table tbody tr');
    await until('1 table row', async () => (await rows.count()) === 1);
    assert.match((await rows.first().locator('td').first().textContent()) ?? '', /shop="south"/);
    const value = Number(await rows.first().locator('td').nth(1).textContent());
    assert.ok(value >= 1 && value <= 3, `queue depth ${value}`);
    assert.match((await results.locator('.series-count').textContent()) ?? '', /^1 series$/);
    assert.equal((await hashParams(page)).get('tab'), 'table');
  });
});

test('Explore: function completion, a stacked graph, a sortable table, history, shareable hash', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(serve);
  const { base } = serve;
  await withPage(async ({ page }) => {
    await page.goto(`${base}/#/explore`);
    const ed = editor(page);
    await ed.click();
    await page.keyboard.type('sum by (shop) (irat');
    await accept(page, 'irate');
    await page.keyboard.type('(shop_ord');
    await accept(page, 'shop_orders_total');
    await page.keyboard.type('[1m');
    assert.equal(await docText(ed), 'sum by (shop) (irate(shop_orders_total[1m]))');
    assert.equal(await ed.locator('.pq-function').first().textContent(), 'irate');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const results = page.locator('section.explore-results');
    await until('2 legend entries', async () => (await results.locator('.legend-item').count()) === 2);
    await chartDrawn(results);

    // Stacked: the areas are filled (translucent series colour) and the URL says so.
    const chart = results.locator('.live-chart');
    assert.ok((await filledPixels(chart)) < 500, 'filled areas before stacking');
    await page.getByRole('checkbox', { name: 'Stacked' }).check();
    await until('stacked in the URL hash', async () => (await hashParams(page)).get('stacked') === '1');
    await until('filled, stacked areas', async () => (await filledPixels(chart)) > 5000);

    // Table sorted by value, descending then ascending: north (3/s) above south (1-2/s), then below.
    await page.getByRole('tab', { name: 'Table' }).click();
    const rows = results.locator('table.data-table tbody tr');
    await until('2 table rows', async () => (await rows.count()) === 2);
    const firstShop = async () => /shop="(\w+)"/.exec((await rows.first().textContent()) ?? '')?.[1];
    await results.getByRole('button', { name: /^Value/ }).click();
    await until('north first', async () => (await firstShop()) === 'north');
    await results.getByRole('button', { name: /^Value/ }).click();
    await until('south first', async () => (await firstShop()) === 'south');
    if (SHOTS) await page.screenshot({ path: join(SHOT_DIR, 'explore-table.png') });

    // A broken query: underlined where the parser points, with its message.
    await ed.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('rate(shop_queue_depth');
    const underline = ed.locator('.cm-lintRange-error');
    await until('the error underlined', async () => (await underline.count()) > 0);
    assert.equal(await underline.first().textContent(), 'shop_queue_depth');
    const message = page.locator('.explore-error');
    assert.match((await message.textContent()) ?? '', /^1:6 .*range vector/);

    // History: the last run query first; a click brings it back into the editor and runs it.
    const history = page.getByRole('complementary', { name: 'Query history' });
    const items = history.locator('.history-item code');
    assert.equal(await items.first().textContent(), 'sum by (shop) (irate(shop_orders_total[1m]))');
    await page.getByRole('tab', { name: 'Graph' }).click();
    await history.getByRole('button', { name: /irate/ }).click();
    assert.equal(await docText(ed), 'sum by (shop) (irate(shop_orders_total[1m]))');
    await until('the error gone', async () => (await message.count()) === 0);

    // The hash reproduces the view in a fresh page: query, tab, range, stacking.
    await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '15m' }).click();
    await until('the range in the hash', async () => (await hashParams(page)).get('range') === '15m');
    const hash = await page.evaluate(() => location.hash);
    await page.goto('about:blank');
    await page.goto(`${base}/${hash}`);
    const again = editor(page);
    await until(
      'the query back in the editor',
      async () => (await docText(again)) === 'sum by (shop) (irate(shop_orders_total[1m]))',
    );
    assert.equal(await page.getByRole('tab', { name: 'Graph' }).getAttribute('aria-selected'), 'true');
    assert.ok(await page.getByRole('checkbox', { name: 'Stacked' }).isChecked());
    const on = page.getByRole('group', { name: 'Time range' }).locator('button.on');
    assert.equal(await on.textContent(), '15m');
    // Stacked, the first series' line can lie wholly under the next band's fill (a flat rate
    // exactly on the band's edge), so the restored chart is judged by its filled area.
    const restored = page.locator('section.explore-results .live-chart');
    await until('the restored chart drawn, stacked', async () => (await filledPixels(restored)) > 5000);
    if (SHOTS) {
      await page.locator('.explore-results .u-over').hover({ position: { x: 500, y: 150 } });
      await page.locator('.chart-tooltip').waitFor({ state: 'visible' });
      await again.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' / on(shop) group_left sum by (shop) (shop_q');
      await page.locator('.cm-tooltip-autocomplete').waitFor();
      await page.screenshot({ path: join(SHOT_DIR, 'explore.png') });
    }
  });
});

test('PromQL panels: the picked selector becomes a panel; panels are added and removed', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(serve);
  const { base } = serve;
  await withPage(async ({ page }) => {
    await page.goto(`${base}/#/graph?q=shop_queue_depth&range=15m`);
    await page.getByRole('heading', { name: 'PromQL panels', level: 1 }).waitFor();
    await page.getByRole('button', { name: '+ As PromQL panel' }).click();
    const panel1 = page.getByRole('region', { name: 'Panel 1' });
    assert.equal(await docText(editor(page, 'Panel 1 expression')), 'shop_queue_depth');
    await chartDrawn(panel1);
    await until(
      'the panel in the hash',
      async () => (await hashParams(page)).getAll('p').join() === 'shop_queue_depth',
    );

    await page.getByRole('button', { name: '+ Add panel' }).click();
    const panel2 = page.getByRole('region', { name: 'Panel 2' });
    await editor(page, 'Panel 2 expression').click();
    await page.keyboard.type('max(shop_queue');
    await accept(page, 'shop_queue_depth');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await chartDrawn(panel2);
    await until('both panels in the hash', async () => {
      return (await hashParams(page)).getAll('p').join('|') === 'shop_queue_depth|max(shop_queue_depth)';
    });

    await panel1.getByRole('button', { name: 'Remove Panel 1' }).click();
    await until('one panel left', async () => (await page.locator('section.promql-panel').count()) === 1);
    assert.equal(await docText(editor(page, 'Panel 1 expression')), 'max(shop_queue_depth)');
    await until('one panel in the hash', async () => {
      return (await hashParams(page)).getAll('p').join('|') === 'max(shop_queue_depth)';
    });
    // "Open in Explore" carries the expression over.
    await page
      .getByRole('region', { name: 'Panel 1' })
      .getByRole('link', { name: 'Open in Explore' })
      .click();
    await page.getByRole('heading', { name: 'Explore', level: 1 }).waitFor();
    await until(
      'the expression in Explore',
      async () => (await docText(editor(page))) === 'max(shop_queue_depth)',
    );
  });
});
