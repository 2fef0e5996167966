// End to end: a JSON target set up in the target editor. A thermostat-like HTTP server on
// 127.0.0.1 answers /tstat like a Radio Thermostat (temp changes each request); the real
// `promdesk serve` runs as a child process; in Debian's Chromium the editor's Kind → JSON with the
// radio-thermostat preset previews thermostat_temp & co. live, the target is saved (with a JSON
// badge in the table) and thermostat_temp is drawn in the Graph view. A metrics-rs TCP stream
// target previews the same way: the editor says it listens, then shows the folded samples.
//
// PROMDESK_SCREENSHOTS=1 also writes docs/screenshots/json-target.png (the editor's preview).
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator } from 'playwright-core';
import { startMetricsTcpServer } from '../helpers/metrics-tcp-server';
import { freePort } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';
import { canvasStats, chromiumMissing, launchChromium, openPage, until } from '../helpers/browser';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'promdesk.mjs');
const SHOTS = process.env.PROMDESK_SCREENSHOTS === '1';
/** The first series colour of renderer/src/lib/palette.ts. */
const FIRST_SERIES = '#3b82f6';

/** A Radio Thermostat's /tstat reply (cool mode); temp wanders between requests. */
function tstat(n: number): string {
  const temp = Math.round((72.5 + 1.5 * Math.sin(n / 3)) * 100) / 100;
  return JSON.stringify({
    temp,
    tmode: 2,
    fmode: 0,
    override: 0,
    hold: 0,
    t_cool: 75.0,
    tstate: n % 4 === 0 ? 2 : 0,
    fstate: 0,
    time: { day: 4, hour: 13, minute: 35 },
    t_type_post: 0,
  });
}

let server: Server | null = null;
let requests = 0;
let serve: ChildProcess | null = null;
let serveOut = '';
let base = '';
let browser: Browser | null = null;
const dir = tempDir('promdesk-json-e2e-');

function skipIfNoBrowser(t: TestContext): boolean {
  const why = chromiumMissing();
  if (why) t.skip(why);
  return why !== null;
}

before(async () => {
  if (chromiumMissing()) return;
  server = createServer((req, res) => {
    if (req.url !== '/tstat') {
      res.writeHead(404).end();
      return;
    }
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(tstat(requests));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  serve = spawn(
    process.execPath,
    [BIN, 'serve', '--listen', `127.0.0.1:${port}`, '--data', join(dir.path, 'data')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (d: Buffer) => (serveOut = (serveOut + d.toString()).slice(-20_000));
  serve.stdout?.on('data', keep);
  serve.stderr?.on('data', keep);
  await until(
    'promdesk serve ready',
    async () => {
      if (serve?.exitCode !== null) throw new Error(`serve exited:\n${serveOut}`);
      return (await fetch(`${base}/-/ready`).catch(() => null))?.ok === true;
    },
    30_000,
    150,
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (serve && serve.exitCode === null) {
    const exited = new Promise((r) => serve!.once('exit', r));
    serve.kill('SIGTERM');
    const kill = setTimeout(() => serve?.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(kill);
  }
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  dir.remove();
});

async function expectText(loc: Locator, re: RegExp, timeoutMs = 10_000): Promise<void> {
  await until(`text ${re} in ${loc}`, async () => re.test((await loc.textContent()) ?? ''), timeoutMs);
}

test('a JSON target with the radio-thermostat preset: live preview, save, badge, chart', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(browser && server);
  const tstatUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tstat`;
  const ui = await openPage(browser);
  const { page } = ui;
  try {
    await page.goto(`${base}/#/targets`);
    await page.getByRole('button', { name: '+ Add endpoint' }).first().click();
    const form = page.locator('form.target-form');
    await form.getByRole('radio', { name: 'JSON', exact: true }).click();
    await expectText(
      form.getByRole('combobox', { name: 'Preset' }).locator('option:checked'),
      /Radio Thermostat/,
    );
    await form.getByRole('textbox', { name: 'URL' }).fill(tstatUrl);
    await form.getByRole('textbox', { name: 'Job' }).fill('thermostat');
    await form.getByRole('textbox', { name: 'Interval' }).fill('1s');
    await form.getByRole('textbox', { name: 'Timeout' }).fill('1s');

    // The live preview: no button pressed, the samples the target would store.
    const preview = form.getByRole('region', { name: 'Preview' });
    const result = preview.locator('.test-result.ok');
    await result.waitFor({ timeout: 15_000 });
    const series = await result.locator('.samples-table tbody tr td:first-child').allTextContents();
    const names = series.map((s) => s.replace(/\{.*$/, ''));
    for (const n of ['thermostat_temp', 'thermostat_t_cool', 'thermostat_tmode', 'thermostat_fstate']) {
      assert.ok(names.includes(n), `${n} not in the preview:\n${series.join('\n')}`);
    }
    assert.ok(!names.includes('thermostat_t_heat'), 't_heat is optional and absent in cool mode');
    assert.match(series[names.indexOf('thermostat_temp')], /instance="127\.0\.0\.1:\d+", job="thermostat"/);

    // A custom rule with a bad path shows the mapping error; fixing it adds its sample.
    const rules = form.getByRole('textbox', { name: /Custom rules/ });
    await rules.fill('[{ "name": "thermostat_day", "path": "$.time.[" }]');
    await expectText(form.locator('.json-fields .problems'), /invalid JSON path/);
    await rules.fill('[{ "name": "thermostat_day", "path": "$.time.day" }]');
    await until('thermostat_day in the preview', async () =>
      (await preview.locator('.samples-table tbody tr td:first-child').allTextContents()).some((s) =>
        s.startsWith('thermostat_day{'),
      ),
    );
    assert.equal(await form.locator('.json-fields .problems').count(), 0);
    if (SHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'json-target.png') });

    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.locator('table.targets-table tbody tr', {
      has: page.getByRole('link', { name: tstatUrl, exact: true }),
    });
    await expectText(row.locator('.badge-kind'), /^JSON$/);
    await expectText(row.locator('.state'), /^UP$/, 15_000);
    await expectText(row.locator('td.num').last(), /^9$/, 15_000);

    // Visible in a chart: a line over a few scrapes (temp changes each one).
    const scraped = requests;
    await until('4 more scrapes', () => requests >= scraped + 4, 15_000);
    await page.goto(`${base}/#/graph?q=thermostat_temp&range=30s`);
    const card = page.locator('section.graph-card');
    await until('1 legend entry', async () => (await card.locator('.legend-item').count()) === 1);
    await expectText(card.locator('.legend-label'), /job="thermostat"/);
    const drawn = await until(
      'thermostat_temp drawn',
      async () => {
        const s = await canvasStats(card.locator('.live-chart'), [FIRST_SERIES]);
        return s.near[0] > 40 ? s : undefined;
      },
      20_000,
    );
    assert.ok(drawn.distinctColors > 2, `only ${drawn.distinctColors} colours on the canvas`);
    if (SHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'json-target-graph.png') });
    assert.deepEqual(ui.errors, [], 'the page logged errors');
  } finally {
    await ui.close();
  }
});

test('a metrics-rs TCP stream target: the editor listens, then previews the samples', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(browser);
  const stream = await startMetricsTcpServer();
  stream.register('requests', 'counter');
  stream.register('latency', 'histogram');
  // The exporter sends a metric only while a client listens and the app records it.
  const recorder = setInterval(() => {
    stream.record('requests', { path: '/a' }, { op: 'increment_counter', value: 1 });
    stream.record('latency', {}, { op: 'record_histogram', value: 0.2 });
  }, 50);
  const ui = await openPage(browser);
  const { page } = ui;
  try {
    await page.goto(`${base}/#/targets`);
    await page.getByRole('button', { name: '+ Add endpoint' }).first().click();
    const form = page.locator('form.target-form');
    await form.getByRole('radio', { name: 'metrics-rs TCP stream', exact: true }).click();
    await form.getByRole('textbox', { name: 'URL' }).fill(`tcp://${stream.address}`);
    await form.getByRole('textbox', { name: 'Job' }).fill('app');
    await form.getByRole('textbox', { name: 'Timeout' }).fill('1s');

    const preview = form.getByRole('region', { name: 'Preview' });
    await expectText(preview.locator('h3'), /listening for up to 1 s/);
    const result = preview.locator('.test-result.ok');
    await result.waitFor({ timeout: 15_000 });
    const series = await result.locator('.samples-table tbody tr td:first-child').allTextContents();
    const inst = `instance="${stream.address}", job="app"`;
    for (const s of [
      `requests{${inst}, path="/a"}`,
      `latency_bucket{${inst}, le="+Inf"}`,
      `latency_count{${inst}}`,
    ]) {
      assert.ok(series.includes(s), `${s} not in the preview:\n${series.join('\n')}`);
    }
    await form.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(ui.errors, [], 'the page logged errors');
  } finally {
    clearInterval(recorder);
    await ui.close();
    await stream.close();
  }
});
