// Exporters found by themselves, end to end: Debian's node_exporter on its default port
// (127.0.0.1:9100), a fresh `promdesk serve` (no config, no targets) in Chromium. First start
// offers node_exporter on the Overview; Add makes it a target that is scraped. The Targets view's
// "Find exporters" then leaves it out (already scraped), and with the target gone, "Add and open
// Host dashboard" adds it and opens the Host dashboard for that instance. With the probe setting
// off, a fresh start offers nothing.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import type { Api, TargetView } from '../../shared/api';
import { WsApiClient } from '../../renderer/src/ws-api';
import { chromiumMissing, inPage, launchChromium, until } from '../helpers/browser';
import { startPeer, waitHttp, which, type Peer } from '../helpers/peers';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const ROOT = new URL('../..', import.meta.url).pathname;
const NE_BIN = which('prometheus-node-exporter');
const NE_ADDR = '127.0.0.1:9100';
const NE_URL = `http://${NE_ADDR}/metrics`;

/** Whether 127.0.0.1:9100 is free (node_exporter's default port; the test needs exactly it). */
function portFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(9100, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

let missing: string | null =
  chromiumMissing() ?? (NE_BIN ? null : 'prometheus-node-exporter is not installed');
let browser: Browser | null = null;
let ne: Peer | null = null;
let serve: ServeProcess | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (!(await portFree())) {
    missing = `${NE_ADDR} is taken: node_exporter's default port is needed free for this test`;
    return;
  }
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  ne = startPeer(NE_BIN!, [`--web.listen-address=${NE_ADDR}`]);
  cleanups.push(() => ne?.stop());
  await waitHttp(NE_URL);
  const dir = tempDir('promdesk-probe-e2e-');
  cleanups.push(() => dir.remove());
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

async function withApi<T>(fn: (api: Api) => Promise<T>): Promise<T> {
  const client = new WsApiClient(`${serve!.base.replace('http', 'ws')}/api/ws`);
  try {
    return await fn(client.api());
  } finally {
    client.close();
  }
}

test('first start offers node_exporter; Add makes it a target that is scraped', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser!, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/`);
    await page.getByRole('heading', { name: 'Nothing is being scraped yet' }).waitFor();
    const offers = page.getByRole('region', { name: 'Exporters on this machine' });
    const row = offers.locator('tr', { hasText: NE_URL });
    await row.waitFor({ timeout: 20_000 });
    const text = await row.innerText();
    assert.match(text, /node_exporter/);
    assert.match(text, /1\.\d+\.\d+/, 'its version, from node_exporter_build_info');
    await row.getByRole('button', { name: 'Add', exact: true }).click();
    // The Overview leaves its empty state once there is a target.
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  });
  const target = await withApi(async (api) => {
    return until(
      'the node target scraped up',
      async () => (await api.listTargets()).find((x) => x.input.url === NE_URL && x.health === 'up'),
      20_000,
    );
  });
  assert.equal(target.input.job, 'node');
  assert.equal(target.targetLabels.instance, NE_ADDR);
  const r = await fetch(
    `${serve!.base}/api/v1/query?query=${encodeURIComponent('node_exporter_build_info')}`,
  );
  const body = (await r.json()) as { data: { result: { metric: Record<string, string> }[] } };
  assert.equal(body.data.result[0]?.metric.job, 'node', 'its samples are stored under job "node"');
});

test('Find exporters leaves out what is scraped; Add and open Host dashboard adds it and opens the dashboard', async (t) => {
  if (skipIfMissing(t)) return;
  let target: TargetView | undefined = await withApi(async (api) =>
    (await api.listTargets()).find((x) => x.input.url === NE_URL),
  );
  await inPage(browser!, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/targets`);
    await page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor();
    const offers = page.getByRole('region', { name: 'Exporters on this machine' });
    if (target) {
      await page.getByRole('button', { name: 'Find exporters' }).click();
      await offers
        .getByRole('table')
        .or(offers.getByText('No exporter answered'))
        .first()
        .waitFor({ timeout: 20_000 });
      assert.equal(
        await offers.locator('tr', { hasText: NE_URL }).count(),
        0,
        'already scraped: not offered',
      );
      await offers.getByRole('button', { name: 'Close' }).click();
      await withApi((api) => api.removeTarget(target!.id));
      target = undefined;
    }
    await page.getByRole('button', { name: 'Find exporters' }).click();
    const row = offers.locator('tr', { hasText: NE_URL });
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: 'Add and open Host dashboard' }).click();
    await page.getByRole('heading', { name: 'Host', level: 1 }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, '/d/promdesk-host/host');
    assert.equal(url.searchParams.get('var-job'), 'node');
    assert.equal(url.searchParams.get('var-instance'), NE_ADDR);
  });
  const targets = await withApi((api) => api.listTargets());
  assert.deepEqual(
    targets.filter((x) => x.input.url === NE_URL).map((x) => x.input.job),
    ['node'],
  );
});

test('with targets.probe-at-start off, a fresh start offers nothing', async (t) => {
  if (skipIfMissing(t)) return;
  await withApi(async (api) => {
    for (const x of await api.listTargets()) await api.removeTarget(x.id);
    await api.putSettings({ 'targets.probe-at-start': false });
  });
  await inPage(browser!, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/`);
    await page.getByRole('heading', { name: 'Nothing is being scraped yet' }).waitFor();
    // The settings answer comes before any probe: give the page a moment to show one if it would.
    await page.waitForTimeout(1500);
    assert.equal(await page.getByRole('region', { name: 'Exporters on this machine' }).count(), 0);
  });
  await withApi((api) => api.putSettings({}));
});
