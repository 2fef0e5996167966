// End to end in Debian's Chromium against the real `promdesk serve` scraping a test exporter every
// second: the PromQL editor's keys (Enter runs the query even with a completion list open, unless
// the user arrowed into it; Tab accepts a completion) and what the chart shows: y-axis labels that
// never repeat on a narrow range, a tooltip with short names that leaves out a series with no
// sample near the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { inPage, until } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';
import { startExporter, type TestExporter } from '../helpers/exporter';

/** Seeded history: two rooms' temperatures every 15 s for 2 h; the attic's stop after 1 h. */
const SEED_START = Math.floor((Date.now() - 3 * 3600_000) / 60_000) * 60_000;
const SEED_END = SEED_START + 2 * 3600_000;

async function seedHistory(dataDir: string): Promise<void> {
  const { openStore } = await import('../../electron/engine/store/open-store');
  const store = openStore(dataDir);
  try {
    const base = { __name__: 'seeded_temp_celsius', job: 'seed', instance: 'house:9100' };
    for (let t = SEED_START, k = 0; t <= SEED_END; t += 15_000, k++) {
      const app = store.appender();
      // A narrow band: 22.9000 … 22.9059, where 3 significant digits read "22.9" on every tick.
      app.append({ ...base, room: 'kitchen' }, t, 22.9 + 0.0001 * (k % 60));
      if (t < SEED_START + 3600_000) app.append({ ...base, room: 'attic' }, t, 22.903);
      app.commit();
    }
  } finally {
    store.close();
  }
}

function body(n: number): string {
  return [
    '# TYPE demo_queue_depth gauge',
    `demo_queue_depth{queue="a"} ${30.7 + (n % 3) * 0.001}`,
    `demo_queue_depth{queue="b"} ${30.7 + (n % 5) * 0.001}`,
    '# TYPE demo_queue_capacity gauge',
    'demo_queue_capacity{queue="a"} 100',
    '',
  ].join('\n');
}

let exporter: TestExporter | null = null;
const suite = e2eSuite({
  name: 'promdesk-chart-e2e-',
  async before({ dir, defer }) {
    exporter = await startExporter((n) => ({ kind: 'body', body: body(n) }));
    defer(() => exporter?.close());
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: demo',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${exporter.port}']`,
        '',
      ].join('\n'),
    );
    await seedHistory(join(dir, 'data'));
    return { config };
  },
  // Completion of metric names needs them in the store.
  async prepare(s) {
    await until('the first scrapes stored', async () => {
      const res = await fetch(`${s.serve.base}/api/v1/query?query=count(demo_queue_depth)`);
      const j = (await res.json()) as { data: { result: unknown[] } };
      return j.data.result.length > 0;
    });
  },
});

/**
 * CodeMirror ignores the arrows for 75 ms (its interactionDelay) after the list opens or re-opens
 * with a newer answer; on a loaded machine an answer can land just before the key, as no user
 * could press it.
 */
async function listSettled(page: Page): Promise<void> {
  await page.waitForTimeout(200);
}

function editor(page: Page): Locator {
  return page.getByRole('textbox', { name: 'PromQL expression', exact: true });
}

async function openExplore(page: Page): Promise<Locator> {
  await page.goto(`${suite.serve.base}/#/explore`);
  const ed = editor(page);
  await ed.click();
  return ed;
}

const popup = (page: Page) => page.locator('.cm-tooltip-autocomplete');

async function hashQuery(page: Page): Promise<string | null> {
  const hash = await page.evaluate(() => location.hash);
  return new URLSearchParams(hash.slice(hash.indexOf('?') + 1)).get('q');
}

test('Editor: Enter runs the query while a completion list is open', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    const ed = await openExplore(page);
    await page.keyboard.type('sum by (job) (up)');
    // The list opens by itself after `)` (operators): this is the state Enter used to break.
    await until('the completion list open', async () => (await popup(page).count()) > 0);
    await page.keyboard.press('Enter');
    await until('the query run', async () => (await hashQuery(page)) === 'sum by (job) (up)');
    assert.equal(await ed.textContent(), 'sum by (job) (up)');
    await until('a legend entry', async () => (await page.locator('.legend-item').count()) === 1);
    assert.equal(await popup(page).count(), 0, 'the list closes when the query runs');
  });
});

test('Editor: Tab accepts a completion; arrows then Enter accept the chosen one', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    const ed = await openExplore(page);
    await page.keyboard.type('demo_queue_d');
    const labels = popup(page).locator('.cm-completionLabel');
    await until(
      'demo_queue_depth offered',
      async () => (await labels.allTextContents())[0] === 'demo_queue_depth',
    );
    await page.keyboard.press('Tab');
    // A Tab that lands just as the list changes is kept and applied a moment later.
    await until('the completion accepted', async () => (await ed.textContent()) === 'demo_queue_depth');

    await page.keyboard.type(' / demo_queue_');
    await until('both queue metrics offered', async () => {
      const ls = await labels.allTextContents();
      return ls.includes('demo_queue_capacity') && ls.includes('demo_queue_depth');
    });
    await listSettled(page);
    const ls = await labels.allTextContents();
    // Down then Up: the user moved into the list, so Enter takes the highlighted (first) option.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    assert.equal(await ed.textContent(), `demo_queue_depth / ${ls[0]}`);
    assert.equal(await hashQuery(page), null, 'accepting a completion does not run the query');
    // Typing after that leaves the list again: Enter runs.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await until('the query run', async () => (await hashQuery(page)) === `demo_queue_depth / ${ls[0]}`);
  });
});

test('Chart: y labels never repeat on a narrow range; the tooltip names series short and skips those with no sample near', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(
      `${suite.serve.base}/#/explore?q=seeded_temp_celsius&tab=graph&range=${SEED_START}-${SEED_END}`,
    );
    const chart = page.locator('.live-chart');
    const items = chart.locator('.legend-item .legend-label');
    await until('2 legend entries', async () => (await items.count()) === 2);
    // Short names: only the label that differs.
    assert.deepEqual((await items.allTextContents()).sort(), ['{room="attic"}', '{room="kitchen"}']);

    const plot = chart.locator('.live-chart-plot');
    const ticks = await until('y ticks drawn', async () => {
      const v = await plot.getAttribute('data-y-ticks');
      return v ? v.split('|') : undefined;
    });
    assert.ok(ticks.length >= 3, ticks.join(', '));
    assert.equal(new Set(ticks).size, ticks.length, `repeated y labels: ${ticks.join(', ')}`);
    assert.ok(
      ticks.every((l) => /^22\.9\d+$/.test(l)),
      ticks.join(', '),
    );

    const over = chart.locator('.u-over');
    const box = await over.boundingBox();
    assert.ok(box);
    const xAt = (ms: number) => box.x + ((ms - SEED_START) / (SEED_END - SEED_START)) * box.width;
    const rowsAt = async (ms: number) => {
      await page.mouse.move(box.x + 2, box.y + 5);
      await page.mouse.move(xAt(ms), box.y + box.height / 2);
      const tip = chart.locator('.chart-tooltip');
      await tip.waitFor({ state: 'visible' });
      return {
        time: (await tip.locator('.chart-tooltip-time').textContent()) ?? '',
        names: await tip.locator('.chart-tooltip-label').allTextContents(),
        values: await tip.locator('.chart-tooltip-value').allTextContents(),
      };
    };
    // Half an hour in: both rooms, sorted by value (the attic's 22.903 above the kitchen's 22.9).
    const mid = await rowsAt(SEED_START + 1800_000);
    assert.deepEqual(mid.names, ['{room="attic"}', '{room="kitchen"}']);
    assert.deepEqual(mid.values, ['22.9', '22.9']);
    // The attic's last sample is at 1 h; the store's 5-minute lookback carries it to 1 h 5 min.
    // Two minutes later it has no sample near the cursor: only the kitchen is listed.
    const after = await rowsAt(SEED_START + 3600_000 + 7 * 60_000);
    assert.deepEqual(after.names, ['{room="kitchen"}']);
  });
});
