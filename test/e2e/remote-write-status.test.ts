// End to end in Debian's Chromium: `promdesk serve` scrapes an exporter and remote-writes to
// Debian's VictoriaMetrics; the Targets view's "Remote write" card shows the remote OK with
// samples sent, then an error state with the connection error while VictoriaMetrics is down,
// and OK again once it is back and the disk queue has drained. Light and dark theme both.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { chromiumMissing, launchChromium, luminance, openPage, until } from '../helpers/browser';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { freePort, startPeer, waitHttp, which, type Peer } from '../helpers/peers';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const ROOT = new URL('../..', import.meta.url).pathname;
const missing = chromiumMissing() ?? (which('victoria-metrics') ? null : 'victoria-metrics is not installed');
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let vm: Peer | null = null;
let startVm: () => Peer = () => {
  throw new Error('not started');
};
let vmBase = '';
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  const dir = tempDir('promdesk-rw-e2e-');
  cleanups.push(() => dir.remove());
  const port = await freePort();
  vmBase = `http://127.0.0.1:${port}`;
  const args = [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${join(dir.path, 'vm')}`];
  startVm = () => startPeer(which('victoria-metrics')!, args);
  vm = startVm();
  cleanups.push(() => vm?.stop());
  await waitHttp(`${vmBase}/health`);
  let n = 0;
  const exporter: TestExporter = await startExporter(() => ({
    kind: 'body',
    body: `rw_e2e_counter ${++n}\n`,
  }));
  cleanups.push(() => exporter.close());
  const config = join(dir.path, 'promdesk.yml');
  writeFileSync(
    config,
    `scrape_configs:
  - job_name: rw-e2e
    scrape_interval: 1s
    static_configs: [{ targets: ['127.0.0.1:${exporter.port}'] }]
remote_write:
  - name: home-vm
    url: ${vmBase}/api/v1/write
    queue_config: { batch_send_deadline: 200ms, min_backoff: 100ms, max_backoff: 1s }
`,
  );
  serve = await startServeProcess(join(dir.path, 'data'), config);
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

const stateOf = async (row: Locator) => (await row.locator('.state').textContent())?.trim();

test(
  'the Targets view shows remote write status: sent, an error while the receiver is down, recovery',
  { timeout: 90_000 },
  async (t) => {
    if (skipIfMissing(t)) return;
    const ui = await openPage(browser!);
    try {
      const { page } = ui;
      await page.goto(`${serve!.base}/#/targets`);
      const card = page.getByRole('region', { name: 'Remote write' });
      await card.waitFor();
      const row = card.locator('tr[data-remote="home-vm"]');
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /api\/v1\/write/);
      const sent = async () =>
        Number(
          await row
            .locator('[data-field="sent"]')
            .getAttribute('title')
            .then((s) => s?.replace(/\D/g, '')),
        );
      await until(
        'samples sent > 0 and OK',
        async () => (await sent()) > 0 && (await stateOf(row)) === 'OK',
        30_000,
      );

      await vm!.stop();
      await until(
        'an error state while VictoriaMetrics is down',
        async () => ['RETRYING', 'FAILING'].includes((await stateOf(row)) ?? ''),
        30_000,
      );
      const errorRow = card.locator('.error-pre');
      await until('the connection error shown', async () =>
        /ECONNREFUSED/.test((await errorRow.textContent()) ?? ''),
      );
      await until('FAILING after retries go on', async () => (await stateOf(row)) === 'FAILING', 30_000);
      const pending = Number((await row.locator('[data-field="pending"]').textContent())?.match(/^\d+/)?.[0]);
      assert.ok(pending > 0, `samples pending in the disk queue: ${pending}`);
      const sentBefore = await sent();

      vm = startVm();
      await waitHttp(`${vmBase}/health`);
      await until(
        'OK again, more sent',
        async () => (await stateOf(row)) === 'OK' && (await sent()) > sentBefore,
        30_000,
      );
      assert.equal(await errorRow.count(), 0, 'no error shown once sending works');
      assert.deepEqual(ui.errors, [], 'the page logged errors');
    } finally {
      await ui.close();
    }
  },
);

test('the remote write card follows the dark theme', async (t) => {
  if (skipIfMissing(t)) return;
  const lum = async (scheme: 'light' | 'dark') => {
    const ui = await openPage(browser!, { colorScheme: scheme });
    try {
      await ui.page.goto(`${serve!.base}/#/targets`);
      const card = ui.page.getByRole('region', { name: 'Remote write' });
      await card.locator('tr[data-remote="home-vm"]').waitFor();
      const bg = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
      const fg = await card
        .locator('strong')
        .first()
        .evaluate((el) => getComputedStyle(el).color);
      assert.deepEqual(ui.errors, []);
      return { bg: luminance(bg), fg: luminance(fg) };
    } finally {
      await ui.close();
    }
  };
  const light = await lum('light');
  const dark = await lum('dark');
  assert.ok(light.bg > 0.8 && light.fg < 0.2, `light: ${JSON.stringify(light)}`);
  assert.ok(dark.bg < 0.1 && dark.fg > 0.6, `dark: ${JSON.stringify(dark)}`);
});
