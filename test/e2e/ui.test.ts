// End to end: the real `promdesk serve` CLI as a child process, real HTTP exporters on 127.0.0.1,
// and the UI driven in Debian's Chromium — the Overview (targets at a glance over the home dashboard), live PromQL panels, the Targets view (config targets,
// a target that is down, adding one in the editor and finding it again after a restart), the
// Graph view (metric autocomplete, legend, URL hash) and the dark theme.
//
// PROMDESK_SCREENSHOTS=1 also writes docs/screenshots/{overview,targets,graph}.png for the README
// (with 15 minutes of history written into the store first, so the charts are not near-empty).
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { freePort } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import {
  canvasStats,
  chromiumMissing,
  launchChromium,
  luminance,
  until,
  type UiPage,
  inPage,
} from '../helpers/browser';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = process.env.PROMDESK_SCREENSHOTS === '1';
const SHOT_DIR = join(ROOT, 'docs', 'screenshots');
/** The first two series colours of renderer/src/lib/palette.ts. */
const SERIES_COLORS = ['#3b82f6', '#f59e0b'];
/** --chart-axis of renderer/src/styles/base.css, light and dark. */
const AXIS_LIGHT = '#5d6673';
const AXIS_DARK = '#a2acb8';

// ---------------------------------------------------------------------------------------------
// A thermostat exporter: per room a temperature that wanders and the humidity, the heater's duty
// cycle, a poll counter (+1 per scrape: each value is served once, so the chart's latest value
// names the scrape it came from), a request counter and a sensor-read histogram. Deterministic.

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter' | 'histogram';
  samples: Sample[];
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1];

class Thermostat {
  private seed: number;
  private n = 0;
  private readonly rooms: { room: string; base: number; temp: number; phase: number }[];
  private requests = { ok: 0, err: 0 };
  private readonly buckets = BUCKETS.map(() => 0);
  private readCount = 0;
  private readSum = 0;
  constructor(rooms: string[], seed: number) {
    this.seed = seed;
    this.rooms = rooms.map((room, i) => {
      const base = 19.5 + i * 1.7;
      return { room, base, temp: base, phase: i * 1.9 + (seed % 7) * 0.8 };
    });
  }

  private rand(): number {
    // mulberry32
    this.seed = (this.seed + 0x6d2b79f5) >>> 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** How many times the exporter was scraped: its `thermostat_polls_total`. */
  get polls(): number {
    return this.n;
  }

  /** Advances one scrape and returns what it exposes. */
  step(): Family[] {
    this.n++;
    const temps: Sample[] = [];
    const humid: Sample[] = [];
    let duty = 0;
    for (const r of this.rooms) {
      const target = r.base + 1.6 * Math.sin((2 * Math.PI * this.n) / 420 + r.phase);
      const towards = Math.sign(target - r.temp) || 1;
      const dir = this.rand() < 0.7 ? towards : -towards;
      r.temp = Math.round((r.temp + dir * (0.12 + 0.13 * this.rand())) * 1000) / 1000;
      temps.push({ name: 'room_temperature_celsius', labels: { room: r.room }, value: r.temp });
      const h = 48 + 6 * Math.sin((2 * Math.PI * this.n) / 600 + r.phase) + 1.5 * (this.rand() - 0.5);
      humid.push({ name: 'room_humidity_percent', labels: { room: r.room }, value: Math.round(h * 10) / 10 });
      duty += Math.max(0, Math.min(1, 0.5 + (r.base + 0.5 - r.temp) * 0.35));
    }
    this.requests.ok += 3 + Math.floor(this.rand() * 6);
    if (this.rand() < 0.08) this.requests.err++;
    for (let k = 0; k < 4; k++) {
      const d = 0.002 + 0.03 * this.rand() ** 2 + (this.rand() < 0.05 ? 0.06 : 0);
      this.readCount++;
      this.readSum += d;
      BUCKETS.forEach((le, i) => {
        if (d <= le) this.buckets[i]++;
      });
    }
    const hist: Sample[] = [
      ...BUCKETS.map((le, i) => ({
        name: 'thermostat_sensor_read_seconds_bucket',
        labels: { le: String(le) },
        value: this.buckets[i],
      })),
      { name: 'thermostat_sensor_read_seconds_bucket', labels: { le: '+Inf' }, value: this.readCount },
      { name: 'thermostat_sensor_read_seconds_sum', labels: {}, value: Math.round(this.readSum * 1e6) / 1e6 },
      { name: 'thermostat_sensor_read_seconds_count', labels: {}, value: this.readCount },
    ];
    return [
      { name: 'room_humidity_percent', help: 'Relative humidity.', type: 'gauge', samples: humid },
      { name: 'room_temperature_celsius', help: 'Room temperature.', type: 'gauge', samples: temps },
      {
        name: 'thermostat_heater_duty_ratio',
        help: 'Share of the last minute the heater was on.',
        type: 'gauge',
        samples: [
          {
            name: 'thermostat_heater_duty_ratio',
            labels: {},
            value: Math.round((duty / this.rooms.length) * 1000) / 1000,
          },
        ],
      },
      {
        name: 'thermostat_polls_total',
        help: 'Times the thermostat was polled for its readings.',
        type: 'counter',
        samples: [{ name: 'thermostat_polls_total', labels: {}, value: this.n }],
      },
      {
        name: 'thermostat_requests_total',
        help: 'HTTP requests served by the thermostat.',
        type: 'counter',
        samples: [
          { name: 'thermostat_requests_total', labels: { code: '200' }, value: this.requests.ok },
          { name: 'thermostat_requests_total', labels: { code: '500' }, value: this.requests.err },
        ],
      },
      {
        name: 'thermostat_sensor_read_seconds',
        help: 'Time to read a temperature sensor.',
        type: 'histogram',
        samples: hist,
      },
    ];
  }
}

function exposition(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const ls = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      lines.push(`${s.name}${ls ? `{${ls}}` : ''} ${s.value}`);
    }
  }
  return lines.join('\n') + '\n';
}

async function startThermostat(model: Thermostat): Promise<TestExporter> {
  return startExporter(() => ({ kind: 'body', body: exposition(model.step()) }));
}

// ---------------------------------------------------------------------------------------------
// The real CLI.

const running = new Set<ServeProcess>();

function writeConfig(path: string, jobs: { job: string; targets: string[] }[]): void {
  const lines = ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', 'scrape_configs:'];
  for (const j of jobs) {
    lines.push(`  - job_name: ${j.job}`, '    static_configs:');
    lines.push(`      - targets: [${j.targets.map((t) => `'${t}'`).join(', ')}]`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/**
 * Screenshots only: 15 minutes of history (what the exporters would have served at 1 s) written
 * into the store before `serve` opens it. Uses the store module directly; normal runs skip it.
 */
async function seedHistory(
  dataDir: string,
  sources: { job: string; instance: string; model: Thermostat | null }[],
  seconds: number,
): Promise<void> {
  const { openStore } = await import('../../electron/engine/store/open-store');
  const store = openStore(dataDir);
  try {
    const now = Date.now() - 1500;
    for (let k = seconds; k >= 1; k--) {
      const t = now - k * 1000;
      const app = store.appender();
      for (const src of sources) {
        const target = { job: src.job, instance: src.instance };
        let n = 0;
        if (src.model) {
          for (const f of src.model.step())
            for (const s of f.samples) {
              app.append({ __name__: s.name, ...s.labels, ...target }, t, s.value);
              n++;
            }
        }
        const dur = src.model ? 0.002 + 0.0015 * Math.sin(k / 37) + 0.0004 * ((k * 7919) % 5) : 0.0006;
        app.append({ __name__: 'up', ...target }, t, src.model ? 1 : 0);
        app.append({ __name__: 'scrape_duration_seconds', ...target }, t, dur);
        app.append({ __name__: 'scrape_samples_scraped', ...target }, t, n);
      }
      app.commit();
    }
  } finally {
    store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Shared fixture for cases 1, 2, 4, 5: two thermostats in a config job, one config target down.

const missing = chromiumMissing();
let browser: Browser | null = null;
let shared: {
  serve: ServeProcess;
  upstairs: Thermostat;
  downstairs: Thermostat;
  exporters: TestExporter[];
  downTarget: string;
} | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (SHOTS) mkdirSync(SHOT_DIR, { recursive: true });
  const dir = tempDir('promdesk-e2e-');
  cleanups.push(() => dir.remove());
  const upstairs = new Thermostat(['bedroom', 'office'], 7);
  const downstairs = new Thermostat(['living_room', 'kitchen'], 11);
  const up = await startThermostat(upstairs);
  cleanups.push(() => up.close());
  const down = await startThermostat(downstairs);
  cleanups.push(() => down.close());
  const closed = `127.0.0.1:${await freePort()}`; // nothing listens there
  const config = join(dir.path, 'prometheus.yml');
  writeConfig(config, [
    { job: 'thermostat', targets: [`127.0.0.1:${up.port}`, `127.0.0.1:${down.port}`] },
    { job: 'garage', targets: [closed] },
  ]);
  const dataDir = join(dir.path, 'data');
  if (SHOTS)
    await seedHistory(
      dataDir,
      [
        { job: 'thermostat', instance: `127.0.0.1:${up.port}`, model: upstairs },
        { job: 'thermostat', instance: `127.0.0.1:${down.port}`, model: downstairs },
        { job: 'garage', instance: closed, model: null },
      ],
      15 * 60,
    );
  browser = await launchChromium();
  const serve = await startServeProcess(dataDir, config, running);
  shared = { serve, upstairs, downstairs, exporters: [up, down], downTarget: closed };
});

after(async () => {
  for (const s of [...running]) await s.stop();
  await browser?.close().catch(() => undefined);
  for (const c of cleanups.reverse()) await c();
});

function skipIfNoBrowser(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

async function withPage(
  opts: { colorScheme?: 'light' | 'dark' },
  fn: (ui: UiPage) => Promise<void>,
): Promise<void> {
  return inPage(browser, opts, fn);
}

/** With PROMDESK_SCREENSHOTS=1: the viewport, scrolled to the top or to put `top` at the top. */
async function screenshot(page: Page, name: string, top?: Locator): Promise<void> {
  if (!SHOTS) return;
  await page.mouse.move(0, 0);
  if (top)
    await top.evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -16);
    });
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOT_DIR, name) });
}

/** The value the tooltip shows at the right edge for the series whose label contains `labelPart`. */
async function tooltipValueAtRightEdge(page: Page, chart: Locator, labelPart: string): Promise<string> {
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  assert.ok(box, 'chart has no plot area');
  // Move away and back so uPlot recomputes the nearest points with the data it has now.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  const row = chart.locator('.chart-tooltip-row', { hasText: labelPart });
  await row.waitFor({ state: 'visible', timeout: 3000 });
  return (await row.locator('.chart-tooltip-value').textContent()) ?? '';
}

// ---------------------------------------------------------------------------------------------

test('Overview: the targets at a glance over the home dashboard (Promdesk, no node_exporter here)', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(shared);
  const { serve } = shared;
  await withPage({}, async ({ page }) => {
    await page.goto(`${serve.base}/`);
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await expectText(page.locator('.view-header .summary'), /3\s*endpoints/);
    await expectText(page.locator('.view-header .summary'), /2\s*up/);
    await expectText(page.locator('.view-header .summary'), /1\s*down/);
    // The home dashboard: the Promdesk starter, installed on the way, its panels drawn.
    await page.getByRole('heading', { name: 'Promdesk', level: 1 }).waitFor({ timeout: 20_000 });
    for (const title of ['Targets up', 'Targets down', 'Targets up by job', 'Scrape duration']) {
      const panel = page.locator(`[data-panel-title="${title}"]`);
      await panel.scrollIntoViewIfNeeded();
      await until(
        `"${title}" ok`,
        async () => (await panel.getAttribute('data-panel-state')) === 'ok',
        20_000,
      );
    }
    await expectText(page.locator('[data-panel-title="Targets up"]'), /(?<!\d)2(?!\d)/);
    await expectText(page.locator('[data-panel-title="Targets down"]'), /(?<!\d)1(?!\d)/);
    await screenshot(page, 'overview.png');
  });
});

test('PromQL panels draw the scraped metrics live as pushed samples arrive', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(shared);
  const { serve, downstairs, exporters } = shared;
  await withPage({}, async ({ page, wsFramesReceived }) => {
    // The live chart of the picked metric, and a panel of the poll counter below it.
    await page.goto(`${serve.base}/#/graph?q=room_temperature_celsius&range=15m&p=thermostat_polls_total`);
    await page.getByRole('heading', { name: 'PromQL panels', level: 1 }).waitFor();
    const chart = page.locator('section.graph-card .live-chart');
    await until(
      '4 temperature series in the legend',
      async () => (await chart.locator('.legend-item').count()) === 4,
    );

    const first = await until('the temperature lines drawn', async () => {
      const s = await canvasStats(chart, SERIES_COLORS);
      return s.near[0] > 3 && s.near[1] > 3 ? s : undefined;
    });
    assert.ok(first.distinctColors > 2, `only ${first.distinctColors} colours on the canvas`);

    // Live: at the right edge of the thermostat_polls_total panel the tooltip shows the newest
    // poll count of the downstairs thermostat. Within a few scrapes it shows a count the exporter
    // served after we started watching (pushed over the WebSocket, not polled by the page).
    const pollsChart = page.getByRole('region', { name: 'Panel 1' }).locator('.live-chart');
    const instance = `127.0.0.1:${exporters[1].port}`;
    const servedBefore = downstairs.polls;
    const framesBefore = wsFramesReceived();
    const shown0 = Number(await tooltipValueAtRightEdge(page, pollsChart, instance));
    // A scrape may land between reading the count served and reading the tooltip: compare with now.
    assert.ok(shown0 > 0 && shown0 <= downstairs.polls, `polls ${shown0} shown, ${downstairs.polls} served`);
    const shown1 = await until(
      'a poll count served after the first reading at the right edge of the chart',
      async () => {
        const v = Number(await tooltipValueAtRightEdge(page, pollsChart, instance));
        return v > servedBefore ? v : undefined;
      },
      12_000,
      300,
    );
    assert.ok(shown1 <= downstairs.polls, `polls ${shown1} shown, only ${downstairs.polls} served`);
    assert.ok(wsFramesReceived() > framesBefore, 'no WebSocket frame was pushed');
    await page.mouse.move(0, 0);
    const later = await canvasStats(chart, SERIES_COLORS);
    assert.notEqual(later.hash, first.hash, 'the canvas was not redrawn');
    assert.ok(later.distinctColors > 2);
  });
});

async function expectText(loc: Locator, re: RegExp, timeoutMs = 10_000): Promise<void> {
  await until(`text ${re} in ${loc}`, async () => re.test((await loc.textContent()) ?? ''), timeoutMs);
}

function targetRow(page: Page, url: string): Locator {
  return page.locator('table.targets-table tbody tr', {
    has: page.getByRole('link', { name: url, exact: true }),
  });
}

test('Targets view lists config targets UP and a refused one DOWN with its error', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(shared);
  const { serve, exporters, downTarget } = shared;
  await withPage({}, async ({ page }) => {
    await page.goto(`${serve.base}/#/targets`);
    const group = page.locator('section.target-group', {
      has: page.getByRole('heading', { name: 'thermostat', exact: true }),
    });
    await group.waitFor();
    for (const e of exporters) {
      const row = group.locator('tbody tr', { has: page.getByRole('link', { name: e.url, exact: true }) });
      await expectText(row.locator('.state'), /^UP$/);
      await expectText(row.locator('.badge'), /^from config file$/);
      await expectText(row.locator('.labels'), /job="thermostat"/);
      await expectText(row.locator('.labels'), new RegExp(`instance="127\\.0\\.0\\.1:${e.port}"`));
      assert.equal(
        await row.getByRole('button', { name: 'Edit' }).count(),
        0,
        'config targets are read-only',
      );
    }
    await expectText(group.locator('.count'), /2 \/ 2 up/);

    const garage = page.locator('section.target-group', {
      has: page.getByRole('heading', { name: 'garage', exact: true }),
    });
    const downUrl = `http://${downTarget}/metrics`;
    const row = garage.locator('tbody tr', { has: page.getByRole('link', { name: downUrl, exact: true }) });
    await expectText(row.locator('.state'), /^DOWN$/);
    await expectText(row.locator('.badge'), /^from config file$/);
    const errorRow = row.locator('xpath=following-sibling::tr[1]');
    await expectText(errorRow.locator('.error-pre'), /connection refused|ECONNREFUSED/i);
    await expectText(garage.locator('.count'), /0 \/ 1 up/);

    if (SHOTS) {
      // The editor's test scrape of the second thermostat, and below it the table.
      await page.getByRole('button', { name: '+ Add endpoint' }).first().click();
      await page.getByRole('textbox', { name: 'URL' }).fill(exporters[1].url);
      await page.getByRole('textbox', { name: 'Job' }).fill('thermostat-test');
      await page.getByRole('button', { name: 'Test scrape' }).click();
      await page.locator('.test-result.ok').waitFor();
      await screenshot(page, 'targets.png', page.locator('.test-result'));
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
  });
});

test('a target added in the editor is test-scraped, saved, scraped UP and kept across a restart', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(browser);
  const dir = tempDir('promdesk-e2e-add-');
  const exporters: TestExporter[] = [];
  try {
    const configured = await startThermostat(new Thermostat(['hall'], 3));
    exporters.push(configured);
    const added = await startExporter((n) => ({
      kind: 'body',
      body:
        '# HELP boiler_pressure_bar Boiler water pressure.\n# TYPE boiler_pressure_bar gauge\n' +
        `boiler_pressure_bar ${1.4 + (n % 5) / 100}\n` +
        '# TYPE boiler_burner_starts_total counter\n' +
        `boiler_burner_starts_total{burner="main"} ${n}\n` +
        `boiler_burner_starts_total{burner="pilot"} ${2 * n}\n`,
    }));
    exporters.push(added);
    const config = join(dir.path, 'prometheus.yml');
    writeConfig(config, [{ job: 'thermostat', targets: [`127.0.0.1:${configured.port}`] }]);
    const dataDir = join(dir.path, 'data');

    let serve = await startServeProcess(dataDir, config, running);
    await withPage({}, async ({ page }) => {
      await page.goto(`${serve.base}/#/targets`);
      await targetRow(page, configured.url).waitFor();
      await page.getByRole('button', { name: '+ Add endpoint' }).first().click();
      const form = page.locator('form.target-form');
      await form.getByRole('textbox', { name: 'URL' }).fill(added.url);
      await form.getByRole('textbox', { name: 'Job' }).fill('boiler');
      await form.getByRole('textbox', { name: 'Interval' }).fill('1s');
      await form.getByRole('textbox', { name: 'Timeout' }).fill('1s');
      const requestsBefore = added.requests;
      await form.getByRole('button', { name: 'Test scrape' }).click();
      const result = form.locator('.test-result');
      await result.waitFor();
      assert.match((await result.getAttribute('class')) ?? '', /\bok\b/, await result.innerText());
      await expectText(result.locator('.test-summary'), /OK\s*3 samples/);
      const firstSeries = await result.locator('.samples-table tbody tr td:first-child').allTextContents();
      // The first samples as they would be stored: with the target's job and instance labels.
      const target = `instance="127.0.0.1:${added.port}", job="boiler"`;
      assert.deepEqual(firstSeries, [
        `boiler_pressure_bar{${target}}`,
        `boiler_burner_starts_total{burner="main", ${target}}`,
        `boiler_burner_starts_total{burner="pilot", ${target}}`,
      ]);
      assert.ok(added.requests > requestsBefore, 'the test scrape did not reach the exporter');

      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'detached' });
      const row = targetRow(page, added.url);
      await expectText(row.locator('.state'), /^UP$/, 15_000);
      await expectText(row.locator('.labels'), /job="boiler"/);
      assert.equal(await row.locator('.badge').count(), 0, 'a UI target is not "from config file"');
      await expectText(row.locator('td.num').last(), /^3$/);
      const group = page.locator('section.target-group', {
        has: page.getByRole('heading', { name: 'boiler', exact: true }),
      });
      await expectText(group.locator('.count'), /1 \/ 1 up/);
    });

    // Restart on the same data dir: SIGTERM exits 0, and the UI-added target is back.
    const code = await serve.stop();
    assert.equal(code, 0, `serve did not exit cleanly:\n${serve.output()}`);
    const scrapesAtStop = added.requests;
    serve = await startServeProcess(dataDir, config, running);
    await withPage({}, async ({ page }) => {
      await page.goto(`${serve.base}/#/targets`);
      const row = targetRow(page, added.url);
      await row.waitFor();
      await expectText(row.locator('.labels'), /job="boiler"/);
      await expectText(row.locator('td').nth(3), /every 1s/);
      await expectText(row.locator('.state'), /^UP$/, 15_000);
      assert.ok(added.requests > scrapesAtStop, 'the restored target is not scraped');
      assert.equal(await row.getByRole('button', { name: 'Edit' }).count(), 1);
      await targetRow(page, configured.url).waitFor();
    });
    assert.equal(await serve.stop(), 0, `serve did not exit cleanly:\n${serve.output()}`);
  } finally {
    for (const s of [...running]) if (s !== shared?.serve) await s.stop();
    for (const e of exporters) await e.close();
    dir.remove();
  }
});

test('Graph view: metric autocomplete, a legend entry per series, legend toggle, selector in the URL', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(shared);
  const { serve } = shared;
  await withPage({}, async ({ page }) => {
    await page.goto(`${serve.base}/#/graph`);
    const metric = page.getByRole('combobox', { name: 'Metric name' });
    await metric.fill('room_temp');
    const option = page.getByRole('option', { name: 'room_temperature_celsius', exact: true });
    await option.waitFor();
    await option.click();
    await until('the selector in the URL hash', async () => {
      const hash = decodeURIComponent(await page.evaluate(() => location.hash));
      return (
        hash.startsWith('#/graph?') &&
        new URLSearchParams(hash.slice(8)).get('q') === 'room_temperature_celsius'
      );
    });

    const card = page.locator('section.graph-card');
    await expectText(card.locator('.query-text'), /^room_temperature_celsius$/);
    const items = card.locator('.legend-item');
    await until('4 legend entries', async () => (await items.count()) === 4);
    const labels = await items.locator('.legend-label').allTextContents();
    const rooms = labels.map((l) => /room="([^"]+)"/.exec(l)?.[1]).sort();
    assert.deepEqual(rooms, ['bedroom', 'kitchen', 'living_room', 'office'], labels.join('\n'));
    // Short names: only the labels that differ between the series (not the job they share).
    for (const l of labels) assert.doesNotMatch(l, /job=/);

    const chart = card.locator('.live-chart');
    const drawn = await until('the first series drawn', async () => {
      const s = await canvasStats(chart, SERIES_COLORS);
      return s.near[0] > 3 ? s : undefined;
    });
    assert.ok(drawn.distinctColors > 2);

    // Toggle the first entry off: its colour leaves the canvas; on again: it is back.
    const first = items.first();
    await first.click();
    await until('the first legend entry off', async () =>
      /\boff\b/.test((await first.getAttribute('class')) ?? ''),
    );
    await until('the first series gone from the canvas', async () => {
      const s = await canvasStats(chart, SERIES_COLORS);
      return s.near[0] < 2 && s.near[1] > 3;
    });
    assert.equal(await card.locator('.legend-item.off').count(), 1);
    await first.click();
    await until(
      'the first legend entry on',
      async () => !/\boff\b/.test((await first.getAttribute('class')) ?? ''),
    );
    await until(
      'the first series back on the canvas',
      async () => (await canvasStats(chart, SERIES_COLORS)).near[0] > 3,
    );

    // A label filter narrows the selector (in the URL too) and the legend to one series.
    await page.getByRole('button', { name: '+ Label filter' }).click();
    await page.getByRole('combobox', { name: 'Label name' }).fill('room');
    const value = page.getByRole('combobox', { name: 'Label value' });
    await value.click();
    await page.getByRole('option', { name: 'living_room', exact: true }).click();
    await until('the filtered selector in the URL hash', async () => {
      const hash = decodeURIComponent(await page.evaluate(() => location.hash));
      return new URLSearchParams(hash.slice(8)).get('q') === 'room_temperature_celsius{room="living_room"}';
    });
    await until('1 legend entry', async () => (await items.count()) === 1);
    await expectText(items.first(), /living_room/);
    await page.getByRole('combobox', { name: 'Label value' }).blur();

    // The hash is shareable: opening it in a fresh page shows the same selector.
    const hash = await page.evaluate(() => location.hash);
    await page.goto('about:blank');
    await page.goto(`${serve.base}/${hash}`);
    await expectText(
      page.locator('section.graph-card .query-text'),
      /^room_temperature_celsius\{room="living_room"\}$/,
    );
    await until('1 legend entry', async () => (await page.locator('.legend-item').count()) === 1);
    if (SHOTS) {
      await page.goto(`${serve.base}/#/graph?q=room_temperature_celsius&range=15m`);
      await until('4 legend entries', async () => (await page.locator('.legend-item').count()) === 4);
      const box = await page.locator('section.graph-card .u-over').boundingBox();
      assert.ok(box);
      await page.waitForTimeout(300);
      await page.mouse.move(box.x + box.width * 0.72, box.y + box.height * 0.4);
      await page.locator('.chart-tooltip').waitFor({ state: 'visible' });
      await page.screenshot({ path: join(SHOT_DIR, 'graph.png') });
    }
  });
});

test('dark theme: the page follows prefers-color-scheme', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(shared);
  const { serve } = shared;
  await withPage({}, async ({ page }) => {
    await page.goto(`${serve.base}/#/graph?q=room_temperature_celsius&range=15m`);
    await page.getByRole('heading', { name: 'PromQL panels', level: 1 }).waitFor();
    const bg = () =>
      page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        card: getComputedStyle(document.querySelector('.card') ?? document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
    const light = await bg();
    assert.ok(luminance(light.body) > 0.8, `light background is ${light.body}`);
    const chart0 = page.locator('section.graph-card .live-chart').first();
    await until('light-theme axis colour on the chart canvas', async () => {
      const s = await canvasStats(chart0, [AXIS_LIGHT, AXIS_DARK]);
      return s.near[0] > 10 && s.near[0] > s.near[1];
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await until('a dark background', async () => {
      const c = await bg();
      return luminance(c.body) < 0.05 ? c : undefined;
    });
    assert.ok(luminance(dark.card) < 0.05, `dark card is ${dark.card}`);
    assert.ok(luminance(dark.text) > 0.6, `dark-theme text is ${dark.text}`);
    // The charts redraw for the theme: the axis labels on the canvas switch to the dark-theme colour.
    const chart = page.locator('section.graph-card .live-chart').first();
    await until('dark-theme axis colour on the chart canvas', async () => {
      const s = await canvasStats(chart, [AXIS_LIGHT, AXIS_DARK]);
      return s.near[1] > 10 && s.near[1] > s.near[0];
    });
  });
});
