// End to end in Debian's Chromium against `promdesk serve` scraping Debian's node_exporter, with a
// provisioning folder (--dashboards) holding Grafana files and a broken one:
// - the Dashboards view offers "Host dashboard for <instance>"; one click installs and opens it
//   with the host picked, and its CPU, memory and disk charts reach ok, on a laptop screen;
// - the Overview shows the Host dashboard as home (node_exporter is scraped);
// - the provisioned dashboards are listed as provisioned, not deletable, not savable but copyable,
//   the broken file named on stderr; Export downloads the Grafana JSON;
// - the PromQL panels view's panels are saved as a dashboard.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WsApiClient } from '../../renderer/src/ws-api';
import { chromiumMissing, inPage, launchChromium, until } from '../helpers/browser';
import { freePort, startPeer, waitHttp, which, type Peer } from '../helpers/peers';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const ROOT = new URL('../..', import.meta.url).pathname;
const SHARED = join(ROOT, '..', 'shared', 'dashboards');
const NE_BIN = which('prometheus-node-exporter');
const missing =
  chromiumMissing() ??
  (NE_BIN ? null : 'prometheus-node-exporter is not installed') ??
  (existsSync(join(SHARED, 'node-exporter-full.json')) ? null : '../shared/dashboards is absent');
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let ne: Peer | null = null;
let instance = '';
let provDir = '';
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  const dir = tempDir('promdesk-starters-e2e-');
  cleanups.push(() => dir.remove());
  const port = await freePort();
  instance = `127.0.0.1:${port}`;
  ne = startPeer(NE_BIN!, [`--web.listen-address=${instance}`]);
  cleanups.push(() => ne?.stop());
  await waitHttp(`http://${instance}/metrics`);
  const config = join(dir.path, 'prometheus.yml');
  writeFileSync(
    config,
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['${instance}']\n`,
  );
  provDir = join(dir.path, 'provisioned');
  mkdirSync(join(provDir, 'legacy'), { recursive: true });
  copyFileSync(join(SHARED, 'node-exporter-full.json'), join(provDir, 'node-exporter-full.json'));
  copyFileSync(join(SHARED, 'docker-host-legacy.json'), join(provDir, 'legacy', 'docker-host.json'));
  writeFileSync(join(provDir, 'broken.json'), '{"title": "Broken"');
  serve = await startServeProcess(join(dir.path, 'data'), config, undefined, ['--dashboards', provDir]);
  cleanups.push(async () => void (await serve?.stop()));
  // Enough scrapes for rates over $__rate_interval (four scrapes).
  await until(
    'node_exporter scraped eight times',
    async () => {
      const r = await fetch(
        `${serve!.base}/api/v1/query?query=${encodeURIComponent('count_over_time(node_uname_info[1m])')}`,
      );
      const j = (await r.json()) as { data: { result: { value: [number, string] }[] } };
      return Number(j.data.result[0]?.value[1] ?? 0) >= 8;
    },
    30_000,
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

const panel = (page: Page, title: string) => page.locator(`[data-panel-title="${title}"]`);

async function reaches(page: Page, title: string, states: string[], ms = 20_000): Promise<string> {
  const p = panel(page, title);
  await p.scrollIntoViewIfNeeded();
  return until(
    `panel "${title}" ${states.join(' or ')}`,
    async () => {
      const s = (await p.getAttribute('data-panel-state')) ?? '';
      return states.includes(s) ? s : undefined;
    },
    ms,
  );
}

test('the Host dashboard is offered for node_exporter; one click shows CPU, memory and disk', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${serve!.base}/#/dashboards`);
    const offer = page.getByRole('button', { name: `Host dashboard for ${instance}` });
    await offer.click();
    await page.getByRole('heading', { name: 'Host', level: 1 }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, '/d/promdesk-host/host');
    assert.equal(url.searchParams.get('var-job'), 'node');
    assert.equal(url.searchParams.get('var-instance'), instance);
    // The key charts are above the fold of a 1366×768 screen, before any scrolling.
    for (const title of ['CPU by mode', 'Memory', 'Disk throughput', 'Disk utilisation', 'Network']) {
      const box = await panel(page, title).boundingBox();
      assert.ok(box && box.y + box.height <= 768, `"${title}" ends at ${box && box.y + box.height}px`);
    }
    for (const title of ['CPU by mode', 'Memory', 'Disk throughput', 'Disk utilisation', 'Network'])
      assert.equal(await reaches(page, title, ['ok']), 'ok');
    for (const title of ['Uptime', 'CPU cores', 'RAM', 'Load (1m) per core', 'Root filesystem used'])
      assert.equal(await reaches(page, title, ['ok']), 'ok');
    for (const title of ['Filesystems used', 'Load average'])
      assert.equal(await reaches(page, title, ['ok']), 'ok');
    // Its series are the modes, not raw counters.
    const legend = (await panel(page, 'CPU by mode').innerText()).toLowerCase();
    for (const mode of ['idle', 'system', 'user']) assert.ok(legend.includes(mode), `${mode} in ${legend}`);

    // Installed once: the list now has it, and a second click opens the same dashboard.
    await page.goto(`${serve!.base}/#/dashboards`);
    await page.locator('[data-dashboard-uid="promdesk-host"]').waitFor();
    await page.getByRole('button', { name: `Host dashboard for ${instance}` }).click();
    await page.getByRole('heading', { name: 'Host', level: 1 }).waitFor();
  });
});

test('the Overview shows the Host dashboard as home when node_exporter is scraped', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/`);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Host', level: 1 }).waitFor();
    assert.equal(await reaches(page, 'CPU by mode', ['ok']), 'ok');
    assert.equal(await reaches(page, 'Memory', ['ok']), 'ok');
    // The nav has no "PromQL panels" entry any more.
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'PromQL panels' }).count(), 0);
  });
  // The home-dashboard setting picks another one (a starter is installed on the way).
  const client = new WsApiClient(`${serve!.base.replace('http', 'ws')}/api/ws`);
  try {
    await client.api().putSettings({ 'home-dashboard': 'promdesk-self' });
    await inPage(browser, {}, async ({ page }) => {
      await page.goto(`${serve!.base}/`);
      await page.getByRole('heading', { name: 'Promdesk', level: 1 }).waitFor();
      assert.equal(await reaches(page, 'Targets up', ['ok']), 'ok');
    });
    await client.api().putSettings({});
  } finally {
    client.close();
  }
});

test('provisioned dashboards: listed, read-only, copyable and exportable; the broken file named', async (t) => {
  if (skipIfMissing(t)) return;
  await until('the broken file on stderr', () => /broken\.json/.test(serve!.output()));
  assert.match(serve!.output(), /dashboard provisioning: .*broken\.json: /);
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/dashboards`);
    // The broken file is named in the view too, with why.
    const problems = page.getByRole('alert').filter({ hasText: 'could not be imported' });
    await problems.waitFor();
    assert.match(await problems.innerText(), /1 file could not be imported[\s\S]*broken\.json: /);
    const row = page.locator('[data-dashboard-uid="rYdddlPWk"]');
    await row.waitFor();
    await row.getByText('provisioned', { exact: true }).waitFor();
    assert.equal(await row.getByRole('button', { name: 'Delete', exact: true }).count(), 0);

    // Export downloads the Grafana JSON the Api gives.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      uid: string;
      title: string;
    };
    assert.equal(saved.uid, 'rYdddlPWk');
    assert.equal(saved.title, 'Node Exporter Full');
    assert.match(download.suggestedFilename(), /^node-exporter-full-rYdddlPWk\.json$/);

    // On its page: marked provisioned and read-only (no Save); Save as copy gives an editable
    // dashboard.
    await row.getByRole('link', { name: 'Node Exporter Full' }).click();
    await page.getByRole('heading', { name: 'Node Exporter Full', level: 1 }).waitFor();
    await page.locator('.dash-header').getByText('provisioned', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Saved' }).count(), 0);
    await page.getByRole('button', { name: 'Save as copy' }).click();
    await page.getByRole('heading', { name: 'Node Exporter Full (copy)', level: 1 }).waitFor();
    assert.equal(await page.locator('.dash-header').getByText('provisioned', { exact: true }).count(), 0);
  });
});

test('the PromQL panels view saves its panels as a dashboard', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/graph?q=node_load1&range=15m&p=${encodeURIComponent('sum(up)')}`);
    await page.getByRole('heading', { name: 'PromQL panels', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Dashboard title' }).fill('My panels');
    await page.getByRole('button', { name: 'Save as dashboard' }).click();
    await page.getByRole('heading', { name: 'My panels', level: 1 }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/d\/[^/]+\/my-panels$/);
    assert.equal(await reaches(page, 'node_load1', ['ok']), 'ok');
    assert.equal(await reaches(page, 'sum(up)', ['ok']), 'ok');
  });
});

test('"Scrape Promdesk itself" adds its own /metrics and the Promdesk dashboard reads it', async (t) => {
  if (skipIfMissing(t)) return;
  await inPage(browser, {}, async ({ page }) => {
    await page.goto(`${serve!.base}/#/dashboards`);
    await page.getByRole('button', { name: 'Scrape Promdesk itself' }).click();
    await page.getByRole('heading', { name: 'Promdesk', level: 1 }).waitFor();
    const targets = (await (await fetch(`${serve!.base}/api/v1/targets`)).json()) as {
      data: { activeTargets: { scrapeUrl: string; labels: Record<string, string>; health: string }[] };
    };
    const self = targets.data.activeTargets.find((x) => x.labels.job === 'promdesk');
    assert.equal(self?.scrapeUrl, `${serve!.base}/metrics`);
    await until(
      'promdesk_store_size_bytes scraped',
      async () => {
        const r = await fetch(`${serve!.base}/api/v1/query?query=promdesk_store_size_bytes`);
        return ((await r.json()) as { data: { result: unknown[] } }).data.result.length > 0;
      },
      30_000,
    );
    await page.reload();
    for (const title of ['Store on disk', 'Event-loop lag (p99)', 'Targets up', 'Scrape duration'])
      assert.equal(await reaches(page, title, ['ok']), 'ok');
    // Offered once only: the button goes once the target is there.
    await page.goto(`${serve!.base}/#/dashboards`);
    await page.getByRole('button', { name: 'Promdesk dashboard' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Scrape Promdesk itself' }).count(), 0);
  });
});
