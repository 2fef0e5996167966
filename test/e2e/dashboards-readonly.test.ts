// End to end in Debian's Chromium against `promdesk serve`: a provisioned dashboard and one saved
// with `editable: false` are read-only on their page as in Grafana (no Save, no Add panel, no Add
// row, panels neither dragged nor removed, ctrl+s saves nothing) and "Save as copy" gives an
// editable copy; an empty dashboard offers Add panel and Add row, and the row is saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Api } from '../../shared/api';
import { inPage, until } from '../helpers/browser';
import { e2eSuite } from '../helpers/e2e-suite';

let api: Api | null = null;

const text = (id: number, title: string, x: number) => ({
  id,
  type: 'text',
  title,
  gridPos: { x, y: 0, w: 12, h: 4 },
  options: { mode: 'markdown', content: title },
});
const dashboard = (uid: string, title: string, extra: object = {}) => ({
  uid,
  title,
  schemaVersion: 39,
  panels: [text(1, 'Left', 0), text(2, 'Right', 12)],
  ...extra,
});

const suite = e2eSuite({
  name: 'promdesk-readonly-e2e-',
  before({ dir }) {
    const prov = join(dir, 'provisioned');
    mkdirSync(prov);
    writeFileSync(join(prov, 'fixed.json'), JSON.stringify(dashboard('fixed', 'Fixed')));
    return Promise.resolve({ flags: ['--dashboards', prov] });
  },
  async prepare(s) {
    api = s.api();
    await api.putDashboard(dashboard('locked', 'Locked', { editable: false }) as never);
    await api.putDashboard({ ...dashboard('empty', 'Empty'), panels: [] } as never);
  },
});

const item = (id: string) => `[data-panel-id="${id}"]`;
const header = (page: Page) => page.locator('.dash-header');

/** Checks the page offers no way to change the dashboard, then saves a copy and opens it. */
async function readOnlyThenCopy(page: Page, uid: string, title: string, tag: string) {
  await page.goto(`${suite.serve.base}/d/${uid}/${uid}`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await page.locator('[data-panel-title="Right"]').waitFor();
  await header(page).getByText(tag, { exact: true }).waitFor();
  for (const name of [/^Save(d| dashboard)$/, /^Add panel$/, /^Add row$/])
    assert.equal(await page.getByRole('button', { name }).count(), 0, String(name));
  assert.equal(await page.locator('.dash-item-editable').count(), 0);
  // A drag of a header moves nothing and saves nothing.
  const before = await api!.getDashboard(uid);
  const left = (await page.locator(`${item('1')} .dash-panel-header`).boundingBox())!;
  await page.mouse.move(left.x + 40, left.y + 10);
  await page.mouse.down();
  await page.mouse.move(left.x + 500, left.y + 10, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.press('Control+s');
  // The panel menu offers no Remove or Duplicate.
  await page.getByRole('button', { name: 'Menu of panel Left' }).click();
  await page.getByRole('menu', { name: 'Panel Left' }).waitFor();
  assert.equal(await page.getByRole('menuitem', { name: /Remove|Duplicate/ }).count(), 0);
  await page.keyboard.press('Escape');
  assert.deepEqual(await api!.getDashboard(uid), before);
  assert.equal(await page.getByRole('alert').count(), 0);

  await page.getByRole('button', { name: 'Save as copy' }).click();
  await page.getByRole('heading', { name: `${title} (copy)`, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Add panel' }).waitFor();
  await page.getByRole('button', { name: 'Saved' }).waitFor();
  await page.getByRole('button', { name: 'Add row' }).waitFor();
  await until('the copy is editable', async () => (await page.locator('.dash-item-editable').count()) === 2);
  assert.equal(await header(page).getByText(tag, { exact: true }).count(), 0);
}

test('a provisioned dashboard is read-only; Save as copy gives an editable one', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, ({ page }) => readOnlyThenCopy(page, 'fixed', 'Fixed', 'provisioned'));
});

test('an editable: false dashboard is read-only; Save as copy gives an editable one', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, ({ page }) => readOnlyThenCopy(page, 'locked', 'Locked', 'read-only'));
});

test('an empty dashboard offers Add panel and Add row; the row is saved', async (t) => {
  if (suite.skipIfMissing(t)) return;
  await inPage(suite.browser, {}, async ({ page }) => {
    await page.goto(`${suite.serve.base}/d/empty/empty`);
    await page.getByRole('heading', { name: 'Empty', level: 1 }).waitFor();
    await page.getByText(/no panels yet/).waitFor();
    await page.getByRole('button', { name: 'Add panel' }).waitFor();
    await page.getByRole('button', { name: 'Add row' }).click();
    await until('the row saved', async () => {
      const d = await api!.getDashboard('empty');
      return d.panels.length === 1 && d.panels[0].type === 'row';
    });
  });
});
