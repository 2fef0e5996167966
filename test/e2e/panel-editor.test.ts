// End to end in Debian's Chromium against `promdesk serve` scraping a real exporter: the panel
// editor and dashboard settings. A dashboard made in the UI gets a panel through "Add panel" (a
// query typed in the PromQL editor, its visualisation and unit changed while the preview follows),
// is saved with ctrl+s, and after a restart of serve on the same data directory opens from its
// /d/<uid> URL in a new browser context with that panel ok. Variables made in settings are saved
// and drive a panel's query; the JSON model is applied through the engine (its error shown);
// `e` opens the editor on the hovered panel, Discard leaves the dashboard as it was; Node Exporter
// Full's panels (a sample of each type) open in the editor without a page error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { defaultTargetInput } from '../../shared/api';
import { isRowPanel, type Panel } from '../../shared/dashboards/model';
import { inPage, until } from '../helpers/browser';
import { startExporter } from '../helpers/exporter';
import { e2eSuite } from '../helpers/e2e-suite';

const waitFor = (fn: () => Promise<boolean>, what: string, ms = 20_000) => until(what, fn, ms);
const EXPOSITION = 'demo_up 1\ndemo_temp{room="a"} 21.5\ndemo_temp{room="b"} 19\n';

const suite = e2eSuite({
  name: 'promdesk-panel-editor-e2e-',
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

const states = (page: Page, scope = '') =>
  page.$$eval(`${scope} [data-panel-state]`, (els) =>
    Object.fromEntries(
      els.map((e) => [e.getAttribute('data-panel-title'), e.getAttribute('data-panel-state')]),
    ),
  );

const preview = (page: Page) => page.locator('.pe-preview [data-panel-state]');
const previewBody = (page: Page) => preview(page).locator('.dash-panel-body');
const queryEditor = (page: Page, refId: string) => page.locator(`.cm-content[aria-label="Query ${refId}"]`);

/** The preview's text once it is ok and matches `re` (Refresh asks again on a young store). */
async function previewShows(page: Page, re: RegExp, what: string): Promise<void> {
  await waitFor(async () => {
    const p = preview(page);
    if ((await p.getAttribute('data-panel-state')) === 'ok' && re.test(await previewBody(page).innerText()))
      return true;
    if ((await p.getAttribute('data-panel-state')) === 'empty')
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    return false;
  }, what).catch(async (e) => {
    throw new Error(
      `${String(e)}: ${await preview(page).getAttribute('data-panel-state')} ${await previewBody(page).innerText()}`,
    );
  });
}

test('a panel built in the editor is saved with ctrl+s and opens after a restart in a new browser', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const api = suite.api();
  let uid = '';
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/#/dashboards`);
    await page.getByLabel('New dashboard title').fill('Made in the editor');
    await page.getByRole('button', { name: 'New dashboard' }).click();
    await page.waitForURL(/\/d\/[a-z0-9]+\/made-in-the-editor/);
    uid = /\/d\/([a-z0-9]+)\//.exec(page.url())![1];

    await page.getByRole('button', { name: 'Add panel' }).click();
    await page.getByRole('region', { name: 'Edit panel' }).waitFor();
    await page.waitForURL(/editPanel=1\b/);

    // The query typed in Explore's PromQL editor; Enter runs it in the preview.
    await queryEditor(page, 'A').click();
    await page.keyboard.type('max(demo_temp)');
    await page.keyboard.press('Enter');
    await previewShows(page, /max\(demo_temp\)|\{\}|21\.5/, 'the preview draws the query');
    assert.equal(await preview(page).getAttribute('data-panel-type'), 'timeseries');

    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Max temp');
    await waitFor(
      async () => (await preview(page).getAttribute('data-panel-title')) === 'Max temp',
      'the preview takes the title',
    );
    // Graph styles are kept in the panel's field config (Grafana's names).
    await page.getByLabel('Style', { exact: true }).selectOption('bars');
    await page.getByLabel('Scale', { exact: true }).selectOption('log10');
    // Stat, then Celsius: the preview follows each change.
    await page.getByLabel('Visualization').selectOption('stat');
    await waitFor(async () => (await preview(page).getAttribute('data-panel-type')) === 'stat', 'stat');
    await previewShows(page, /^\s*21\.5\s*$/, 'the stat shows the value without a unit');
    await page.getByLabel('Unit', { exact: true }).fill('celsius');
    await page.getByRole('option', { name: /Celsius/ }).click();
    await previewShows(page, /21\.5\s*°C/, 'the stat shows the value in °C');

    // Not saved yet; ctrl+s saves the dashboard from the editor.
    assert.equal((await api.getDashboard(uid)).panels.length, 0);
    await page.keyboard.press('Control+s');
    await waitFor(async () => (await api.getDashboard(uid)).panels.length === 1, 'ctrl+s saves');
    const saved = (await api.getDashboard(uid)).panels[0];
    assert.equal(saved.type, 'stat');
    assert.equal(saved.title, 'Max temp');
    assert.equal(saved.fieldConfig?.defaults.unit, 'celsius');
    assert.equal(saved.targets?.[0].expr, 'max(demo_temp)');
    assert.deepEqual(saved.fieldConfig?.defaults.custom, {
      drawStyle: 'bars',
      scaleDistribution: { type: 'log', log: 10 },
    });

    // Esc (outside the fields) leaves the editor for the dashboard.
    await page.locator('.pe-toolbar h2').click();
    await page.keyboard.press('Escape');
    await waitFor(async () => !/editPanel/.test(page.url()), 'Esc leaves the editor');
    await waitFor(async () => (await states(page))['Max temp'] === 'ok', 'the dashboard shows the panel');
  });

  await suite.restartServe();
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/d/${uid}`);
    await page.getByRole('heading', { name: 'Made in the editor', level: 1 }).waitFor();
    const panel = page.locator('[data-panel-title="Max temp"]');
    await waitFor(async () => (await panel.getAttribute('data-panel-state')) === 'ok', 'ok after a restart');
    assert.equal(await panel.getAttribute('data-panel-type'), 'stat');
    assert.match(await panel.innerText(), /21\.5\s*°C/);
    await page.goto(`${suite.serve.base}/#/dashboards`);
    await page.getByRole('link', { name: 'Made in the editor' }).waitFor();
  });
});

test('variables made in settings are saved and drive a query; the JSON model is checked by the engine', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const api = suite.api();
  await api.importDashboard(
    JSON.stringify({
      uid: 'e2e-settings',
      title: 'Settings E2E',
      schemaVersion: 39,
      time: { from: 'now-15m', to: 'now' },
      panels: [
        {
          id: 1,
          type: 'stat',
          title: 'Temp $room',
          gridPos: { x: 0, y: 0, w: 8, h: 4 },
          targets: [{ refId: 'A', expr: 'demo_temp{room="$room"}', instant: true }],
        },
      ],
    }),
  );
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/d/e2e-settings/settings-e2e?editview=settings`);
    const settings = page.getByRole('region', { name: 'Dashboard settings' });
    await settings.waitFor();
    await settings.getByRole('tab', { name: 'Variables' }).click();
    await settings.getByLabel('New variable type').selectOption('query');
    await settings.getByRole('button', { name: '+ New variable' }).click();
    const name = settings.getByLabel('Variable name');
    await name.fill('room');
    await name.press('Enter');
    const query = settings.getByLabel('Variable query');
    await query.fill('label_values(demo_temp, room)');
    await query.press('Enter');
    const values = settings.getByRole('region', { name: 'Preview of values' });
    await waitFor(
      async () => /\ba\b[\s\S]*\bb\b/.test(await values.innerText()),
      'the preview lists a and b',
    );
    // A query that cannot be read shows its error on the variable.
    await query.fill('label_values(demo_temp{, room)');
    await query.press('Enter');
    await values.getByRole('alert').waitFor();
    await query.fill('label_values(demo_temp, room)');
    await query.press('Enter');
    await waitFor(async () => /\ba\b[\s\S]*\bb\b/.test(await values.innerText()), 'the values again');

    await settings.getByRole('button', { name: 'Save dashboard' }).click();
    await waitFor(
      async () => (await api.getDashboard('e2e-settings')).templating.list.some((v) => v.name === 'room'),
      'the variable saved',
    );
    await settings.getByRole('button', { name: 'Back to dashboard' }).click();
    await waitFor(async () => (await states(page))['Temp a'] === 'ok', 'the panel uses $room = a');
    assert.match(await page.locator('[data-panel-title="Temp a"]').innerText(), /21\.5/);

    // A new page: the variable is there and its picker changes the query.
    await page.goto(`${suite.serve.base}/d/e2e-settings`);
    await page.locator('[data-variable="room"] select').selectOption('b');
    // The title follows the picker at once; the old value stays shown until the new query answers.
    await waitFor(
      async () =>
        (await states(page))['Temp b'] === 'ok' &&
        /19/.test(await page.locator('[data-panel-title="Temp b"]').innerText()),
      'the panel follows the picker',
    );

    // The editor offers the variable for repeats; ctrl+s saves the choice.
    await page.goto(`${suite.serve.base}/d/e2e-settings?editPanel=1`);
    await page.getByLabel('Repeat by variable').selectOption('room');
    await page.keyboard.press('Control+s');
    await waitFor(
      async () => (await api.getDashboard('e2e-settings')).panels[0].repeat === 'room',
      'the repeat saved',
    );
    assert.equal((await api.getDashboard('e2e-settings')).panels[0].repeatDirection, 'h');
    await page.locator('.pe-toolbar h2').click();
    await page.keyboard.press('Escape');
    await waitFor(async () => !/editPanel/.test(page.url()), 'back on the dashboard');

    // JSON model: the engine's error for a bad dashboard, then a change applied and saved.
    await page.getByRole('button', { name: 'Settings' }).click();
    await settings.getByRole('tab', { name: 'JSON Model' }).click();
    const json = settings.getByRole('textbox', { name: 'JSON model' });
    const model = JSON.parse(await json.inputValue()) as Record<string, unknown>;
    await json.fill(JSON.stringify({ ...model, panels: 'not a list' }));
    await settings.getByRole('button', { name: 'Apply JSON and save' }).click();
    assert.match(await settings.getByRole('alert').innerText(), /panels/);
    await json.fill(JSON.stringify({ ...model, title: 'Renamed by JSON' }));
    await settings.getByRole('button', { name: 'Apply JSON and save' }).click();
    await page.getByRole('heading', { name: 'Renamed by JSON', level: 1 }).waitFor();
    assert.equal((await api.getDashboard('e2e-settings')).title, 'Renamed by JSON');
    // Esc (outside the fields) leaves settings.
    await settings.getByRole('heading', { name: 'Settings' }).click();
    await page.keyboard.press('Escape');
    await waitFor(
      async () => (await settings.count()) === 0 && !/editview/.test(page.url()),
      'Esc leaves settings',
    );
  });
});

test('e edits the hovered panel (not while typing); queries added and hidden show in the preview; Discard keeps the dashboard', async (t) => {
  if (suite.skipIfMissing(t)) return;
  const api = suite.api();
  await api.importDashboard(
    JSON.stringify({
      uid: 'e2e-keys',
      title: 'Keys E2E',
      schemaVersion: 39,
      time: { from: 'now-15m', to: 'now' },
      panels: [
        {
          id: 4,
          type: 'timeseries',
          title: 'Room a',
          gridPos: { x: 0, y: 0, w: 12, h: 6 },
          targets: [{ refId: 'A', expr: 'demo_temp{room="a"}', legendFormat: 'first' }],
        },
      ],
    }),
  );
  const before = await api.getDashboard('e2e-keys');
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/d/e2e-keys`);
    const panel = page.locator('[data-panel-title="Room a"]');
    await waitFor(async () => (await panel.getAttribute('data-panel-state')) === 'ok', 'the panel draws');
    // `e` typed into a field stays a letter.
    await page.getByRole('button', { name: 'Settings' }).click();
    const title = page.getByLabel('Dashboard title');
    await title.click();
    await page.keyboard.press('End');
    await page.keyboard.type('e');
    assert.equal(await title.inputValue(), 'Keys E2Ee');
    assert.doesNotMatch(page.url(), /editPanel/);
    await page.keyboard.press('Backspace');
    await page.getByRole('button', { name: 'Back to dashboard' }).click();

    await panel.hover();
    await page.keyboard.press('e');
    await page.getByRole('region', { name: 'Edit panel' }).waitFor();
    await page.waitForURL(/editPanel=4\b/);
    await previewShows(page, /first/, 'the preview draws query A');

    await page.getByRole('button', { name: '+ Add query' }).click();
    await queryEditor(page, 'B').click();
    await page.keyboard.type('demo_temp{room="b"} * 2');
    await page.keyboard.press('Enter');
    const legend = () => preview(page).locator('.legend-label').allInnerTexts();
    await waitFor(async () => (await legend()).length === 2, 'two series in the preview');
    await page.getByRole('button', { name: 'Hide query B' }).click();
    await waitFor(async () => (await legend()).join() === 'first', 'the hidden query leaves the preview');
    // As a stat, a value mapping replaces the value's text in the preview.
    await page.getByLabel('Visualization').selectOption('stat');
    await previewShows(page, /21\.5/, 'the stat shows the value');
    await page.getByRole('button', { name: '+ Add value mapping' }).click();
    await page.getByLabel('Mapped value').fill('21.5');
    await page.getByLabel('Mapped value').press('Enter');
    await page.getByLabel('Display text').fill('warm');
    await page.getByLabel('Display text').press('Enter');
    await previewShows(page, /^\s*warm\s*$/, 'the mapping applies');
    // The panel's JSON: an error names where; a good one is applied to the draft.
    await page.getByRole('button', { name: 'Edit panel JSON' }).click();
    const panelJson = page.getByRole('textbox', { name: 'Panel JSON' });
    const asJson = JSON.parse(await panelJson.inputValue()) as Record<string, unknown>;
    await panelJson.fill(JSON.stringify({ ...asJson, gridPos: null }));
    await page.getByRole('button', { name: 'Apply panel JSON' }).click();
    assert.equal(
      await page.getByRole('region', { name: 'Panel options' }).getByRole('alert').innerText(),
      'panel.gridPos.x: expected a number',
    );
    await panelJson.fill(JSON.stringify({ ...asJson, title: 'From JSON' }));
    await page.getByRole('button', { name: 'Apply panel JSON' }).click();
    await waitFor(
      async () => (await preview(page).getAttribute('data-panel-title')) === 'From JSON',
      'the preview takes the JSON',
    );
    await page.getByRole('button', { name: 'Discard' }).click();
    await waitFor(async () => !/editPanel/.test(page.url()), 'Discard leaves the editor');
    assert.deepEqual(await api.getDashboard('e2e-keys'), before);
    assert.equal(await page.getByRole('button', { name: 'Saved' }).count(), 1);
    // Newer Grafana's form of the parameter opens the same editor.
    await page.goto(`${suite.serve.base}/d/e2e-keys?editPanel=panel-4`);
    await page
      .getByRole('region', { name: 'Edit panel' })
      .getByRole('heading', { name: 'Edit panel: Room a' })
      .waitFor();
  });
});

test("Node Exporter Full's panels open in the editor (a sample of each type), options and queries shown, with no page error", async (t) => {
  if (suite.skipIfMissing(t)) return;
  const file = '../shared/dashboards/node-exporter-full.json';
  if (!existsSync(file)) {
    t.skip(`${file} is absent`);
    return;
  }
  const api = suite.api();
  const report = await api.importDashboard(readFileSync(file, 'utf8'));
  const d = await api.getDashboard(report.uid);
  const panels = d.panels
    .flatMap((p): Panel[] => (isRowPanel(p) ? p.panels : [p]))
    .filter((p) => !isRowPanel(p));
  assert.ok(panels.length > 100, `${panels.length} panels`);
  // A sample that keeps the test short: the first two of each type and the six with the most
  // overrides (colours, negative-Y, dashes, hidden series) and mappings.
  const weight = (p: Panel) =>
    (p.fieldConfig?.overrides?.length ?? 0) + (p.fieldConfig?.defaults.mappings?.length ?? 0);
  const byType = [...new Set(panels.map((p) => p.type))].flatMap((ty) =>
    panels.filter((p) => p.type === ty).slice(0, 2),
  );
  const heavy = [...panels].sort((a, b) => weight(b) - weight(a)).slice(0, 6);
  const sample = [...new Set([...byType, ...heavy])];
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/d/${report.uid}`);
    await page.locator('[data-panel-state]').first().waitFor({ state: 'attached' });
    for (const p of sample) {
      await page.evaluate((id) => {
        history.pushState(null, '', `${location.pathname}?from=now-5m&to=now&editPanel=${id}`);
        window.dispatchEvent(new Event('promdesk:location'));
      }, p.id);
      const editor = page.getByRole('region', { name: 'Edit panel' });
      await editor.getByLabel('Visualization').waitFor();
      assert.equal(await editor.getByLabel('Visualization').inputValue(), p.type, `panel ${p.id}`);
      assert.equal(
        await editor.locator('.cm-content[aria-label^="Query "]').count(),
        (p.targets ?? []).length,
        `panel ${p.id}: one PromQL editor per query`,
      );
      assert.equal(
        await editor.locator('.pe-preview [data-panel-id]').getAttribute('data-panel-id'),
        String(p.id),
      );
    }
    await page.getByRole('button', { name: 'Discard' }).click();
    await waitFor(async () => !/editPanel/.test(page.url()), 'back on the dashboard');
  });
  assert.deepEqual(await api.getDashboard(report.uid), d, 'opening the editor changed nothing');
});
