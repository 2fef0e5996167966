// End to end in Debian's Chromium: a user adds Debian's VictoriaMetrics (basic auth) as a
// datasource in the Datasources view, tests the connection, picks it in Explore, gets completion
// from the remote's names, and sees the remote series in the graph and the table; a PromQL panel
// on the Graph view charts the same datasource. The password never shows up in the page.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { canvasStats, chromiumMissing, launchChromium, until, type UiPage, inPage } from '../helpers/browser';
import { freePort, startPeer, which, type Peer } from '../helpers/peers';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const ROOT = new URL('../..', import.meta.url).pathname;
/** The first series colour of renderer/src/lib/palette.ts. */
const FIRST_COLOR = '#3b82f6';
const USER = 'homelab';
const PASS = 'pa55-remote-only';
const ROOMS: Record<string, number> = { attic: 21.5, cellar: 12.25 };

const missing = chromiumMissing() ?? (which('victoria-metrics') ? null : 'victoria-metrics is not installed');
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let vmBase = '';
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  const dir = tempDir('promdesk-ds-e2e-');
  cleanups.push(() => dir.remove());
  const port = await freePort();
  const vm: Peer = startPeer(which('victoria-metrics')!, [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${join(dir.path, 'vm')}`,
    '-search.latencyOffset=0s',
    '-search.disableCache',
    `-httpAuth.username=${USER}`,
    `-httpAuth.password=${PASS}`,
  ]);
  cleanups.push(() => vm.stop());
  vmBase = `http://127.0.0.1:${port}`;
  const headers = { Authorization: 'Basic ' + Buffer.from(`${USER}:${PASS}`).toString('base64') };
  await until('VictoriaMetrics up', async () => (await fetch(`${vmBase}/health`, { headers })).ok, 30_000);
  // Constant per room from 30 minutes ago to 30 minutes ahead, every 15 s: whenever the page
  // asks, the latest sample is fresh.
  const nowS = Math.floor(Date.now() / 1000);
  const lines: string[] = [];
  for (const [room, v] of Object.entries(ROOMS))
    for (let t = nowS - 1800; t <= nowS + 1800; t += 15)
      lines.push(`remote_room_temp_celsius{room="${room}",job="house"} ${v} ${t * 1000}`);
  const r = await fetch(`${vmBase}/api/v1/import/prometheus`, {
    method: 'POST',
    headers,
    body: lines.join('\n'),
  });
  assert.equal(r.status, 204);
  await until(
    'imported samples searchable',
    async () => {
      const q = await fetch(`${vmBase}/api/v1/query?query=count(remote_room_temp_celsius)`, { headers });
      const body = (await q.json()) as { data: { result: { value: [number, string] }[] } };
      return body.data.result[0]?.value[1] === '2';
    },
    30_000,
  );
  serve = await startServeProcess(join(dir.path, 'data'));
  cleanups.push(async () => void (await serve?.stop()));
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

async function withPage(fn: (ui: UiPage) => Promise<void>): Promise<void> {
  return inPage(browser, {}, fn);
}

async function offered(page: Page, label: string): Promise<void> {
  const labels = page.locator('.cm-tooltip-autocomplete li .cm-completionLabel');
  await until(`completion "${label}" offered`, async () => (await labels.allTextContents())[0] === label);
}

test('add VictoriaMetrics as a datasource, query it in Explore and in a PromQL panel', async (t) => {
  if (skipIfMissing(t)) return;
  await withPage(async ({ page }) => {
    await page.goto(`${serve!.base}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasources' }).click();
    await page.getByRole('heading', { name: 'Datasources', level: 1 }).waitFor();
    await page.getByRole('button', { name: '+ Add datasource' }).click();
    const form = page.getByRole('form', { name: 'Datasource' });
    await form.getByLabel('Name', { exact: true }).fill('Home VM');
    await form.getByLabel('URL', { exact: true }).fill(vmBase);
    await form.getByRole('radio', { name: 'Basic' }).click();
    await form.getByLabel('Username', { exact: true }).fill(USER);
    // A wrong password first: the test says why it failed.
    await form.getByLabel('Password', { exact: true }).fill('wrong');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('FAILED').waitFor();
    assert.match((await form.locator('.error-pre').textContent()) ?? '', /datasource "Home VM" .*HTTP 401/);
    await form.getByLabel('Password', { exact: true }).fill(PASS);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('CONNECTED').waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.locator('table.datasources-table tbody tr', { hasText: 'Home VM' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /basic \(homelab\)/);
    // Editing shows the password as kept, not the password itself; saving keeps it.
    await row.getByRole('button', { name: 'Edit' }).click();
    const pw = page.getByRole('form', { name: 'Datasource' }).getByLabel('Password', { exact: true });
    assert.equal(await pw.inputValue(), '');
    assert.equal(await pw.getAttribute('placeholder'), 'unchanged');
    await page.getByRole('form', { name: 'Datasource' }).getByRole('button', { name: 'Save' }).click();
    await row.getByRole('button', { name: 'Test' }).click();
    await row.locator('xpath=following-sibling::tr[1]').getByText('CONNECTED').waitFor();
    assert.ok(!(await page.content()).includes(PASS), 'the password must not reach the page');

    // Explore on the remote: completion from its names, graph and table of its series.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explore' }).click();
    await page.getByRole('heading', { name: 'Explore', level: 1 }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Datasource', exact: true });
    await picker.selectOption({ label: 'Home VM' });
    const ed = page.getByRole('textbox', { name: 'PromQL expression', exact: true });
    await ed.click();
    await page.keyboard.type('remote_room');
    await offered(page, 'remote_room_temp_celsius');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await until('query and datasource in the URL hash', async () => {
      const hash = await page.evaluate(() => location.hash);
      const p = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
      return p.get('q') === 'remote_room_temp_celsius' && (p.get('ds') ?? '').startsWith('ds-');
    });
    const results = page.locator('section.explore-results');
    await until('2 legend entries', async () => (await results.locator('.legend-item').count()) === 2);
    const legend = (await results.locator('.legend-item').allTextContents()).join(' ');
    assert.match(legend, /attic/);
    assert.match(legend, /cellar/);
    await until('the first series drawn', async () => {
      const s = await canvasStats(results.locator('.live-chart'), [FIRST_COLOR]);
      return s.near[0] > 20;
    });
    await page.getByRole('tab', { name: 'Table' }).click();
    const rows = results.locator('table.data-table tbody tr');
    await until('2 table rows', async () => (await rows.count()) === 2);
    const table: Record<string, number> = {};
    for (const r of await rows.all()) {
      const series = (await r.locator('td').first().textContent()) ?? '';
      table[/room="(\w+)"/.exec(series)?.[1] ?? series] = Number(await r.locator('td').nth(1).textContent());
    }
    assert.deepEqual(table, ROOMS);

    // Local again: the remote metric is not in the local store.
    await picker.selectOption({ label: 'Local (Promdesk)' });
    await until('no rows locally', async () => (await results.locator('.explore-table-empty').count()) === 1);

    // A PromQL panel on the Graph view with the remote datasource.
    await page.goto(`${serve!.base}/#/graph`);
    await page.getByRole('button', { name: '+ Add panel' }).click();
    const panel = page.getByRole('region', { name: 'Panel 1' });
    await panel.getByRole('combobox', { name: 'Panel 1 datasource' }).selectOption({ label: 'Home VM' });
    await panel.getByRole('textbox', { name: 'Panel 1 expression' }).click();
    await page.keyboard.type('max by (room) (remote_room_temp_celsius)');
    await page.keyboard.press('Escape');
    await panel.getByRole('button', { name: 'Run' }).click();
    await until(
      '2 legend entries in the panel',
      async () => (await panel.locator('.legend-item').count()) === 2,
    );
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /[?&]pd=ds-/);
  });
});
