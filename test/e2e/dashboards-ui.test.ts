// End to end in Debian's Chromium against `promdesk serve`: a dashboard imported through the Api
// opens at /d/<uid>/<slug>?from=...&var-x=..., its panels stay idle until scrolled into view,
// then reach ok / empty / error as their queries say (the error's text in the panel), a collapsed
// row opens on a click, a text panel's script never runs. (A dashboard made in the UI surviving
// a restart is in panel-editor.test.ts, built there with the panel editor.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultTargetInput } from '../../shared/api';
import { inPage, until } from '../helpers/browser';
import { startExporter } from '../helpers/exporter';
import { e2eSuite } from '../helpers/e2e-suite';

const waitFor = (fn: () => Promise<boolean>, what: string, ms = 20_000) => until(what, fn, ms);
const EXPOSITION = 'demo_up 1\ndemo_temp{room="a"} 21.5\ndemo_temp{room="b"} 19\n';

const suite = e2eSuite({
  name: 'promdesk-dashboards-e2e-',
  prepare: async (s) => {
    const exp = await startExporter({ kind: 'body', body: EXPOSITION });
    s.defer(() => exp.close());
    const api = s.api();
    await api.addTarget({ ...defaultTargetInput, url: exp.url, job: 'demo', intervalMs: 1000 });
    // A few scrapes in: a range query's end is aligned down to its step (as Grafana does), so on a
    // store one second old it can fall before the first sample and a panel would rightly be empty.
    await waitFor(async () => {
      const r = await api.queryInstant({ query: 'count_over_time(demo_temp[1m])', timeMs: Date.now() });
      return r.series.length === 2 && r.series.every((x) => x.values[0] >= 5);
    }, 'demo_temp scraped five times');
  },
});

const grid = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const ts = (id: number, title: string, expr: string, gridPos = grid(0, 0, 12, 6)) => ({
  id,
  type: 'timeseries',
  title,
  gridPos,
  targets: [{ refId: 'A', expr }],
});

const DASHBOARD = {
  uid: 'e2e-dash',
  title: 'E2E Dash',
  schemaVersion: 39,
  tags: ['e2e'],
  time: { from: 'now-1h', to: 'now' },
  templating: {
    list: [{ type: 'query', name: 'room', query: 'label_values(demo_temp, room)', sort: 1, refresh: 1 }],
  },
  panels: [
    {
      id: 1,
      type: 'stat',
      title: 'Up',
      gridPos: grid(0, 0, 6, 4),
      targets: [{ refId: 'A', expr: 'demo_up', instant: true }],
    },
    ts(2, 'Temp in $room', 'demo_temp{room="$room"}', grid(6, 0, 9, 6)),
    ts(3, 'Missing', 'nothing_here_metric', grid(15, 0, 9, 6)),
    ts(4, 'Broken', 'rate(demo_up[5m]', grid(0, 6, 12, 6)),
    {
      id: 5,
      type: 'text',
      title: 'Notes',
      gridPos: grid(12, 6, 12, 6),
      options: { mode: 'markdown', content: '## Hello\n\n**bold** <script>window.__pwned = 1</script>' },
    },
    {
      id: 9,
      type: 'text',
      title: 'Tall notes',
      gridPos: grid(0, 12, 24, 40),
      options: { mode: 'markdown', content: 'A tall panel, so that the next one starts off-screen.' },
    },
    ts(10, 'Far away', 'demo_up', grid(0, 52, 24, 6)),
    {
      id: 6,
      type: 'row',
      title: 'More',
      collapsed: true,
      gridPos: grid(0, 58, 24, 1),
      panels: [
        {
          id: 7,
          type: 'gauge',
          title: 'Nested gauge',
          gridPos: grid(0, 59, 12, 6),
          targets: [{ refId: 'A', expr: 'max(demo_temp)' }],
          fieldConfig: { defaults: { unit: 'celsius', min: 0, max: 40 }, overrides: [] },
        },
        {
          id: 8,
          type: 'table',
          title: 'Nested table',
          gridPos: grid(12, 59, 12, 6),
          targets: [{ refId: 'A', expr: 'demo_temp', instant: true }],
        },
        {
          // Two queries whose series have the same labels: both must be drawn.
          id: 11,
          type: 'timeseries',
          title: 'Two queries',
          gridPos: grid(0, 65, 24, 6),
          targets: [
            { refId: 'A', expr: 'demo_temp{room="a"} + 0', legendFormat: 'plus' },
            { refId: 'B', expr: 'demo_temp{room="a"} * 2', legendFormat: 'double' },
          ],
        },
      ],
    },
  ],
};

const states = (page: Page) =>
  page.$$eval('[data-panel-state]', (els) =>
    Object.fromEntries(
      els.map((e) => [e.getAttribute('data-panel-title'), e.getAttribute('data-panel-state')]),
    ),
  );

async function settle(page: Page): Promise<Record<string, string | null>> {
  let last: Record<string, string | null> = {};
  await waitFor(async () => {
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('[data-panel-state="idle"]'))
        el.scrollIntoView({ block: 'center' });
    });
    last = await states(page);
    return Object.values(last).every((s) => s !== 'idle' && s !== 'loading');
  }, 'every panel settled');
  return last;
}

test('an imported dashboard opens at /d/<uid>/<slug>: rows, lazy panels, ok / empty / error', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const api = suite.api();
  const report = await api.importDashboard(JSON.stringify(DASHBOARD));
  assert.equal(report.uid, 'e2e-dash');
  await inPage(suite.browser, {}, async ({ page }) => {
    const res = await page.goto(`${suite.serve.base}/d/e2e-dash/e2e-dash?from=now-15m&to=now&var-room=a`);
    assert.equal(res?.status(), 200);
    await page.locator('[data-panel-state]').first().waitFor({ state: 'attached' });
    await page.getByRole('heading', { name: 'E2E Dash', level: 1 }).waitFor();

    // Off-screen, a panel has not queried yet.
    await waitFor(async () => (await states(page))['Temp in a'] === 'ok', 'the first panels draw').catch(
      async (e) => {
        throw new Error(
          `${String(e)}: ${JSON.stringify(await states(page))} ${await page.textContent('main')}`,
        );
      },
    );
    assert.equal((await states(page))['Far away'], 'idle');
    // A collapsed row hides its panels until clicked.
    assert.equal(await page.locator('[data-panel-title="Nested gauge"]').count(), 0);
    const rows = page.locator('[data-row-state="collapsed"]');
    assert.equal(await rows.count(), 1);
    await rows.first().click();
    await waitFor(async () => (await rows.count()) === 0, 'the row opens');

    const got = await settle(page);
    assert.deepEqual(got, {
      Up: 'ok',
      'Temp in a': 'ok',
      Missing: 'empty',
      Broken: 'error',
      Notes: 'ok',
      'Tall notes': 'ok',
      'Nested gauge': 'ok',
      'Nested table': 'ok',
      'Two queries': 'ok',
      'Far away': 'ok',
    });
    const panel = (title: string) => page.locator(`[data-panel-title="${title}"]`);
    assert.equal((await panel('Up').locator('[data-value]').first().getAttribute('data-value')) ?? '', '1');
    assert.match(await panel('Broken').getByRole('alert').innerText(), /parse error|unclosed|expected/i);
    assert.match(await panel('Nested gauge').innerText(), /21\.5\s*°C/);
    assert.equal(await panel('Nested table').locator('tbody tr').count(), 2);
    assert.match(await panel('Missing').innerText(), /No data/);
    assert.deepEqual((await panel('Two queries').locator('.legend-label').allInnerTexts()).sort(), [
      'double',
      'plus',
    ]);
    // Markdown is drawn, the script in it neither runs nor reaches the DOM.
    assert.equal(await panel('Notes').locator('strong').innerText(), 'bold');
    assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    assert.equal(await panel('Notes').locator('script').count(), 0);

    // The variable's picker changes the URL and the panels.
    await page.locator('[data-variable="room"] select').selectOption('b');
    await page.waitForURL(/var-room=b/);
    await waitFor(async () => (await states(page))['Temp in b'] === 'ok', 'the panel follows the variable');
    assert.match(page.url(), /\/d\/e2e-dash\/e2e-dash\?/);
  });
});
