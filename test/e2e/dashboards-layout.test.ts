// End to end in Debian's Chromium against `promdesk serve`: a dashboard put through the Api is laid
// out by hand (a panel dragged by its header, another resized by its corner, one moved out of its
// row, a collapsed row moved with its panel by its handle), and after a reload the positions are
// those saved; a repeated panel shows one copy per value of its variable with its title and query
// scoped to it; a panel's menu opens the full-screen view and the inspector (Data with CSV,
// Query, JSON), as do ?viewPanel= / ?inspect= and the keys v and i; Esc closes them; Duplicate,
// Remove, Undo and Add row are saved. (A provisioned dashboard's fixed layout is in
// dashboards-readonly.test.ts.)
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WsApiClient } from '../../renderer/src/ws-api';
import { defaultTargetInput, type Api } from '../../shared/api';
import { isRowPanel, type Dashboard, type GridPos, type Panel } from '../../shared/dashboards/model';
import { chromiumMissing, inPage, launchChromium, until } from '../helpers/browser';
import { startExporter } from '../helpers/exporter';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const ROOT = new URL('../..', import.meta.url).pathname;
const missing = chromiumMissing();
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let api: Api | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

const grid = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const ts = (id: number, title: string, expr: string, gridPos: GridPos, extra: Partial<Panel> = {}) => ({
  id,
  type: 'timeseries',
  title,
  gridPos,
  targets: [{ refId: 'A', expr }],
  ...extra,
});

const UID = 'e2e-layout';
const DASHBOARD = {
  uid: UID,
  title: 'Layout',
  schemaVersion: 39,
  time: { from: 'now-5m', to: 'now' },
  templating: {
    list: [
      {
        type: 'custom',
        name: 'room',
        query: 'a,b',
        multi: true,
        includeAll: true,
        current: { text: 'All', value: '$__all' },
      },
    ],
  },
  panels: [
    ts(1, 'Alpha', 'demo_up', grid(0, 0, 12, 6)),
    ts(2, 'Beta', 'demo_up * 2', grid(12, 0, 12, 6)),
    { id: 3, type: 'row', title: 'Second', collapsed: false, gridPos: grid(0, 6, 24, 1), panels: [] },
    ts(4, 'Delta', 'demo_up * 4', grid(0, 7, 12, 5)),
    ts(5, 'Temp $room', 'demo_temp{room="$room"}', grid(12, 7, 12, 5), { repeat: 'room' }),
    {
      id: 6,
      type: 'row',
      title: 'Third',
      collapsed: true,
      gridPos: grid(0, 12, 24, 1),
      panels: [ts(7, 'Nested', 'demo_up', grid(0, 13, 12, 4))],
    },
  ],
};

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  const exp = await startExporter({
    kind: 'body',
    body: 'demo_up 1\ndemo_temp{room="a"} 21.5\ndemo_temp{room="b"} 19\n',
  });
  cleanups.push(() => exp.close());
  const dir = tempDir('promdesk-layout-e2e-');
  cleanups.push(() => dir.remove());
  serve = await startServeProcess(join(dir.path, 'data'));
  cleanups.push(async () => void (await serve?.stop()));
  const client = new WsApiClient(`${serve.base.replace('http', 'ws')}/api/ws`);
  cleanups.push(() => client.close());
  api = client.api();
  await api.addTarget({ ...defaultTargetInput, url: exp.url, job: 'demo', intervalMs: 1000 });
  // A few scrapes in, so that a range query's step-aligned end has samples before it.
  await until(
    'demo_temp scraped five times',
    async () => {
      const r = await api!.queryInstant({ query: 'count_over_time(demo_temp[1m])', timeMs: Date.now() });
      return r.series.length === 2 && r.series.every((s) => s.values[0] >= 5);
    },
    20_000,
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

const states = (page: Page) =>
  page.$$eval('[data-panel-state]', (els) =>
    Object.fromEntries(
      els.map((e) => [e.getAttribute('data-panel-title'), e.getAttribute('data-panel-state')]),
    ),
  );

/** Every panel's saved gridPos by title, nested ones included, and the row each sits under. */
function savedLayout(d: Dashboard): Record<string, string> {
  const out: Record<string, string> = {};
  let row = '-';
  const one = (p: Panel) =>
    (out[p.title] = `${row} ${p.gridPos.x},${p.gridPos.y},${p.gridPos.w},${p.gridPos.h}`);
  for (const p of d.panels) {
    if (isRowPanel(p)) {
      row = p.title;
      p.panels.forEach(one);
    } else one(p);
  }
  return out;
}

/** Drags from one point to another with the mouse in steps, as a person does. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 6, from.y + 6, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is on the page`);
  return b;
}

const item = (key: string) => `[data-grid-key="${key}"]`;

test('panels dragged by the header and resized by the corner keep their place after a reload', async (t) => {
  if (skipIfMissing(t)) return;
  await api!.importDashboard(JSON.stringify(DASHBOARD));
  await inPage(browser, {}, async ({ page }) => {
    // Tall enough that the drags start and end on screen.
    await page.setViewportSize({ width: 1400, height: 1300 });
    await page.goto(`${serve!.base}/d/${UID}/layout`);
    // Measured once the page has settled: the variables bar arriving moves the grid down.
    await until('the panels draw', async () => {
      const s = await states(page);
      return s.Alpha === 'ok' && s['Temp b'] === 'ok';
    });
    const gridBox = await box(page, '.dash-grid');
    const col = (gridBox.width + 8) / 24;
    const version = async () => JSON.stringify(savedLayout(await api!.getDashboard(UID)));
    let last = await version();
    const saved = (what: string) =>
      until(`${what} saved (last: ${last})`, async () => {
        const v = await version();
        if (v === last) return false;
        last = v;
        return true;
      });

    // Alpha's header dragged 12 columns right, onto Beta: Beta cannot fit above it, so it goes below.
    const alpha = await box(page, `${item('1')} .dash-panel-header`);
    await drag(page, { x: alpha.x + 40, y: alpha.y + 10 }, { x: alpha.x + 40 + 12 * col, y: alpha.y + 10 });
    await saved('the drag of Alpha');
    // Beta's corner pulled 6 columns in and 2 rows down.
    const corner = await box(page, `${item('2')} .dash-resize`);
    await page.hover(item('2'));
    await drag(
      page,
      { x: corner.x + 7, y: corner.y + 7 },
      { x: corner.x + 7 - 6 * col, y: corner.y + 7 + 2 * 38 },
    );
    await saved('the resize of Beta');
    // Delta, under the row "Second", dragged up to the top left: it leaves the row.
    const delta = await box(page, `${item('4')} .dash-panel-header`);
    const top = await box(page, '.dash-grid');
    await drag(page, { x: delta.x + 40, y: delta.y + 10 }, { x: top.x + 40, y: top.y + 10 });
    await saved('the drag of Delta');
    // The collapsed row "Third" dragged by its handle above "Second": it goes with its panel.
    const handle = await box(page, '[aria-label="Move row Third"]');
    const second = await box(page, '[data-row-title="Second"]');
    await drag(page, { x: handle.x + 5, y: handle.y + 5 }, { x: handle.x + 5, y: second.y + 2 });
    await saved('the move of row Third');

    const expected = {
      Alpha: '- 12,0,12,6',
      Beta: '- 12,6,6,8',
      Delta: '- 0,0,12,5',
      Nested: 'Third 0,15,12,4',
      'Temp $room': 'Second 12,16,12,5',
    };
    assert.deepEqual(savedLayout(await api!.getDashboard(UID)), expected);

    await page.reload();
    await page.locator(item('1')).waitFor();
    const areas = await page.$$eval('[data-grid-key]', (els) =>
      Object.fromEntries(
        els.map((e) => [
          e.getAttribute('data-grid-key'),
          `${(e as HTMLElement).style.gridColumn} | ${(e as HTMLElement).style.gridRow}`,
        ]),
      ),
    );
    assert.deepEqual(areas, {
      '1': '13 / span 12 | 1 / span 6',
      '2': '13 / span 6 | 7 / span 8',
      '4': '1 / span 12 | 1 / span 5',
      '5': '1 / span 12 | 1 / span 5',
      'panel-5-clone-1': '13 / span 12 | 1 / span 5',
    });
    // The row header keeps its attribute; the data survived the moves.
    assert.equal(await page.locator('[data-row-title="Second"]').getAttribute('data-row-state'), 'expanded');
    assert.equal(await page.locator('[data-row-title="Third"]').getAttribute('data-row-state'), 'collapsed');
    assert.deepEqual(
      await page
        .locator('[data-row-title]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-row-title'))),
      ['Third', 'Second'],
    );
    await until('Alpha draws', async () => (await states(page)).Alpha === 'ok');
  });
});

test('a repeated panel shows one copy per value, each titled and queried for its value', async (t) => {
  if (skipIfMissing(t)) return;
  await api!.importDashboard(JSON.stringify({ ...DASHBOARD, uid: `${UID}-r` }));
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/d/${UID}-r/layout`);
    await until('both copies draw', async () => {
      const s = await states(page);
      return s['Temp a'] === 'ok' && s['Temp b'] === 'ok';
    });
    assert.equal(await page.locator('[data-panel-title^="Temp"]').count(), 2);
    // Each copy's own series: room a's copy shows 21.5 in its inspector, b's 19.
    await page.goto(`${serve!.base}/d/${UID}-r/layout?inspect=panel-5-clone-1`);
    const dialog = page.getByRole('dialog', { name: 'Inspect: Temp b' });
    await dialog.locator('tbody tr').first().waitFor();
    assert.match(await dialog.locator('thead').innerText(), /room="b"/);
    assert.deepEqual([...new Set(await dialog.locator('tbody td.num').allInnerTexts())], ['19']);
    // One value selected: one copy.
    await page.goto(`${serve!.base}/d/${UID}-r/layout?var-room=a`);
    await until('one copy', async () => (await states(page))['Temp a'] === 'ok');
    assert.equal(await page.locator('[data-panel-title^="Temp"]').count(), 1);
  });
});

test('view and inspect open from the menu, the keys and the URL; Esc closes them', async (t) => {
  if (skipIfMissing(t)) return;
  await api!.importDashboard(JSON.stringify({ ...DASHBOARD, uid: `${UID}-v` }));
  await inPage(browser, {}, async ({ page }) => {
    const base = `${serve!.base}/d/${UID}-v/layout`;
    await page.goto(base);
    await page.locator(item('1')).waitFor();
    const titles = async () => Object.keys(await states(page)).sort();
    // The URL changes before React renders the new layout: wait for the titles, not the URL.
    const shows = (want: string[]) =>
      until(`panels ${want.join(', ')}`, async () => JSON.stringify(await titles()) === JSON.stringify(want));
    await shows(['Alpha', 'Beta', 'Delta', 'Temp a', 'Temp b']);

    // View from the menu: only that panel, full size; Esc goes back.
    await page.getByRole('button', { name: 'Menu of panel Beta' }).click();
    await page.getByRole('menuitem', { name: /View/ }).click();
    await page.waitForURL(/viewPanel=2/);
    await shows(['Beta']);
    const full = await box(page, '[data-panel-title="Beta"]');
    assert.ok(full.width > 1000 && full.height > 300, `full screen: ${JSON.stringify(full)}`);
    await until('Beta draws in view', async () => (await states(page)).Beta === 'ok');
    await page.keyboard.press('Escape');
    await until('back to the dashboard', async () => !page.url().includes('viewPanel'));
    await shows(['Alpha', 'Beta', 'Delta', 'Temp a', 'Temp b']);

    // v on the hovered panel, v again back.
    await page.hover(`${item('1')} .dash-panel-body`);
    await page.keyboard.press('v');
    await page.waitForURL(/viewPanel=1/);
    await shows(['Alpha']);
    await page.keyboard.press('v');
    await until('v toggles back', async () => !page.url().includes('viewPanel'));

    // From the URL, a repeated copy by its Grafana name.
    await page.goto(`${base}?viewPanel=panel-5-clone-1`);
    await page.locator('[data-panel-title="Temp b"]').waitFor();
    await shows(['Temp b']);

    // Inspect from the menu: Data (a table and its CSV), Query (as sent), JSON.
    await page.goto(base);
    await page.getByRole('button', { name: 'Menu of panel Alpha' }).click();
    await page.getByRole('menuitem', { name: /Inspect/ }).click();
    await page.waitForURL(/inspect=1/);
    const dialog = page.getByRole('dialog', { name: 'Inspect: Alpha' });
    await dialog.locator('tbody tr').first().waitFor();
    assert.match(await dialog.locator('thead').innerText(), /demo_up/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^Alpha-data-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.match(csv, /^Time,.*demo_up.*\r\n\d{4}-\d\d-\d\dT[^,]+,1\r\n/);
    await dialog.getByRole('tab', { name: 'Query' }).click();
    assert.equal(await dialog.locator('.dash-inspect-q pre').innerText(), 'demo_up');
    assert.match(await dialog.locator('[data-inspect="stats"]').innerText(), /^1 series, \d+ ms, at \d{4}-/);
    assert.match(await dialog.locator('[data-inspect="step"]').innerText(), /^\d+(\.\d+)?s$/);
    await dialog.getByRole('tab', { name: 'JSON' }).click();
    assert.equal(JSON.parse(await dialog.locator('pre').innerText()).title, 'Alpha');
    await page.keyboard.press('Escape');
    await until('the inspector closes', async () => !page.url().includes('inspect'));
    await until('its dialog goes', async () => (await page.getByRole('dialog').count()) === 0);

    // i on the hovered panel; and ?inspect= from the URL.
    await page.hover(`${item('4')} .dash-panel-body`);
    await page.keyboard.press('i');
    await page.getByRole('dialog', { name: 'Inspect: Delta' }).waitFor();
    await page.keyboard.press('Escape');
    await until('closed again', async () => (await page.getByRole('dialog').count()) === 0);
    await page.goto(`${base}?inspect=2`);
    await page.getByRole('dialog', { name: 'Inspect: Beta' }).locator('tbody tr').first().waitFor();

    // Duplicate and Remove from the menu change the saved dashboard.
    await page.goto(base);
    await page.getByRole('button', { name: 'Menu of panel Delta' }).click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await until('a duplicate', async () => (await page.locator('[data-panel-title="Delta"]').count()) === 2);
    await until('saved with the copy', async () => {
      const d = await api!.getDashboard(`${UID}-v`);
      return d.panels.filter((p) => p.title === 'Delta').length === 2;
    });
    await page.getByRole('button', { name: 'Menu of panel Beta' }).click();
    await page.getByRole('menuitem', { name: 'Remove' }).click();
    await until('Beta removed', async () => {
      const d = await api!.getDashboard(`${UID}-v`);
      return !d.panels.some((p) => p.title === 'Beta');
    });
    // Undo brings the saved dashboard back as it was before the removal.
    await page.getByRole('button', { name: 'Undo last change' }).click();
    await page.locator('[data-panel-title="Beta"]').waitFor();
    assert.ok((await api!.getDashboard(`${UID}-v`)).panels.some((p) => p.title === 'Beta'));
    // And "Add row" adds an empty row at the bottom.
    await page.getByRole('button', { name: 'Add row' }).click();
    await page.locator('[data-row-title="Row title"]').waitFor();
    await until('the row saved', async () => {
      const d = await api!.getDashboard(`${UID}-v`);
      return d.panels.at(-1)?.type === 'row' && d.panels.at(-1)?.title === 'Row title';
    });
  });
});
