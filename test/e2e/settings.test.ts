// End to end in Debian's Chromium against `promdesk serve`: the Settings view lists every key of
// shared/settings.ts with its description and default, shows the keys the command line sets as
// read-only, saves a change to <data>/settings.json (kept across a reload and a restart), and
// shows a bad value's problem beside its field. The Targets view's "Pause scraping" stops
// every scrape until resumed.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SETTINGS, SETTING_KEYS } from '../../shared/settings';
import { chromiumMissing, inPage, launchChromium, until } from '../helpers/browser';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const ROOT = new URL('../..', import.meta.url).pathname;
const missing = chromiumMissing();
const FLAGS = ['--query.timeout', '1m'];
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let dataDir = '';
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  const dir = tempDir('promdesk-settings-e2e-');
  cleanups.push(() => dir.remove());
  dataDir = join(dir.path, 'data');
  serve = await startServeProcess(dataDir, undefined, undefined, FLAGS);
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

const field = (page: Page, key: string) => page.locator(`[data-setting="${key}"]`);
const control = (page: Page, key: string) => page.locator(`#setting-${key.replace(/\./g, '-')}`);
const savedText = () =>
  existsSync(join(dataDir, 'settings.json')) ? readFileSync(join(dataDir, 'settings.json'), 'utf8') : null;
const savedFile = () => JSON.parse(savedText() ?? '{}') as unknown;

test('the Settings view saves a change to settings.json, kept across a reload and a restart', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await control(page, 'retention.time').waitFor();

    // Every key, with its description and the restart note where it applies.
    for (const key of SETTING_KEYS) {
      const row = field(page, key);
      const text = await row.innerText();
      assert.ok(text.includes(SETTINGS[key].description), `${key}: description shown`);
      assert.match(text, /default /, `${key}: default shown`);
      // serve listens where it started: its listen address too waits for a restart.
      const afterRestart = SETTINGS[key].applies === 'restart' || key === 'listen';
      assert.equal(/takes effect after restart/.test(text), afterRestart, key);
      // Under serve, `http` (always on here) says it is the desktop's; desktop.* have their section's note.
      assert.equal(/desktop app only/.test(text), key === 'http', key);
    }
    assert.equal(await control(page, 'retention.time').isDisabled(), false);
    assert.equal(await control(page, 'query.compat').inputValue(), '2', 'PromQL 2.42 by default');

    await control(page, 'retention.time').fill('45d');
    await control(page, 'query.compat').selectOption('3');
    await control(page, 'desktop.close-to-tray').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByText('Some saved settings take effect after Promdesk restarts.').waitFor();
    assert.deepEqual(savedFile(), {
      'retention.time': '45d',
      'query.compat': '3',
      'desktop.close-to-tray': true,
    });

    await page.reload();
    await control(page, 'retention.time').waitFor();
    assert.equal(await control(page, 'retention.time').inputValue(), '45d');
    assert.equal(await control(page, 'query.compat').inputValue(), '3');
    assert.equal(await control(page, 'desktop.close-to-tray').isChecked(), true);
  });

  // Restarted with the same data directory: the saved settings are in force, nothing waits.
  await serve!.stop();
  serve = await startServeProcess(dataDir, undefined, undefined, FLAGS);
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/settings`);
    await control(page, 'retention.time').waitFor();
    assert.equal(await control(page, 'retention.time').inputValue(), '45d');
    assert.equal(await page.getByText('take effect after Promdesk restarts').count(), 0);
    // Back to the default: the key leaves settings.json.
    await control(page, 'retention.time').fill('30d');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(savedFile(), { 'query.compat': '3', 'desktop.close-to-tray': true });
  });
});

test('keys the command line sets are read-only and say which flag sets them', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/settings`);
    await control(page, 'retention.time').waitFor();
    // serve-process gives --listen; this file adds --query.timeout.
    for (const key of ['listen', 'query.timeout']) {
      assert.equal(await control(page, key).isDisabled(), true, `${key} is read-only`);
      assert.match(await field(page, key).innerText(), new RegExp(`set by --${key.replace('.', '\\.')}`));
    }
    assert.equal(await control(page, 'retention.time').isDisabled(), false);
    assert.equal(
      await field(page, 'retention.time')
        .getByText(/set by/)
        .count(),
      0,
    );
  });
});

test('a bad value shows its problem beside the field, and Save waits until it is fixed', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/settings`);
    await control(page, 'retention.size').waitFor();
    const before = savedText();
    const cases: [string, string, RegExp][] = [
      ['retention.size', '5 parsecs', /must be a size like 512MB or 5GB, not "5 parsecs"/],
      ['query.max-samples', '-3', /must be a positive integer, not "-3"/],
      ['storage.downsample-after', 'soon', /must be a duration like 7d, not "soon"/],
    ];
    for (const [i, [key, value, problem]] of cases.entries()) {
      await control(page, key).fill(value);
      const note = field(page, key).locator('.setting-problem');
      assert.match(await note.innerText(), problem);
      assert.equal(await control(page, key).getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('.setting-problem').count(), i + 1, 'one note per bad field');
    }
    assert.equal(await page.getByRole('button', { name: 'Save' }).isDisabled(), true);
    await page.keyboard.press('Enter');
    assert.equal(savedText(), before, 'nothing saved');

    for (const [key] of cases) await control(page, key).fill('');
    await control(page, 'query.max-samples').fill('20000000');
    assert.equal(await page.locator('.setting-problem').count(), 0);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal((savedFile() as Record<string, unknown>)['query.max-samples'], 20_000_000);
  });
});

test('"Pause scraping" on the Targets view stops every scrape until resumed', async (t) => {
  if (skipIfMissing(t)) return;
  let n = 0;
  const exporter: TestExporter = await startExporter(() => ({ kind: 'body', body: `pause_total ${++n}\n` }));
  cleanups.push(() => exporter.close());
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/targets`);
    await page.getByRole('button', { name: '+ Add endpoint' }).first().click();
    const form = page.locator('form.target-form');
    await form.getByRole('textbox', { name: 'URL' }).fill(exporter.url);
    await form.getByRole('textbox', { name: 'Job' }).fill('pausing');
    await form.getByRole('textbox', { name: 'Interval' }).fill('1s');
    await form.getByRole('textbox', { name: 'Timeout' }).fill('1s');
    await form.getByRole('button', { name: 'Save' }).click();
    await until('scraped', async () => exporter.requests >= 2, 10_000);

    await page.getByRole('button', { name: 'Pause scraping' }).click();
    await page.getByRole('status').filter({ hasText: 'Scraping is paused' }).waitFor();
    await page.getByRole('button', { name: 'Resume scraping' }).waitFor();
    const state = page.locator('table.targets-table tbody tr', { hasText: exporter.url }).locator('.state');
    await until('the row says paused', async () => (await state.textContent()) === 'PAUSED');
    const atPause = exporter.requests;
    await new Promise((r) => setTimeout(r, 2500));
    assert.ok(
      exporter.requests <= atPause + 1,
      `no scrapes while paused (${atPause} -> ${exporter.requests})`,
    );

    // The pause is the engine's, not the page's: a fresh page sees it.
    await page.reload();
    await page.getByRole('button', { name: 'Resume scraping' }).click();
    await page.getByRole('button', { name: 'Pause scraping' }).waitFor();
    const atResume = exporter.requests;
    await until('scraping again', async () => exporter.requests >= atResume + 2, 10_000);
  });
});
