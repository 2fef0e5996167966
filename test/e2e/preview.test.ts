// End to end: the Preview pane in Debian's Chromium against the real `promdesk serve` — a test
// exporter whose counter grows (families, findings, auto-refresh deltas and rates, the raw view,
// a parse error, "make scrape target"), Debian's node_exporter, and a pasted 20k-series body
// that must render virtualized (its speed is bench/preview-scroll.bench.ts's).
//
// PROMDESK_SCREENSHOTS=1 also writes docs/screenshots/preview.png (and preview-dark.png).
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, until, type UiPage, inPage } from '../helpers/browser';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';
import { BULK_SERIES, bulkBody, pasteBulk, scrollFrames, scrollSeries } from '../helpers/preview-bulk';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = process.env.PROMDESK_SCREENSHOTS === '1';
const SHOT_DIR = join(ROOT, 'docs', 'screenshots');

/** A small exporter: a counter without `_total` (a lint finding), counters that grow per scrape. */
function demoBody(n: number): string {
  return [
    '# HELP demo_jobs_processed Jobs processed since start.',
    '# TYPE demo_jobs_processed counter',
    `demo_jobs_processed{queue="emails"} ${n * 5}`,
    `demo_jobs_processed{queue="reports"} ${n * 2}`,
    '# HELP demo_requests_total HTTP requests served.',
    '# TYPE demo_requests_total counter',
    `demo_requests_total{code="200",method="get"} ${100 + n * 10}`,
    `demo_requests_total{code="500",method="get"} ${Math.floor(n / 3)}`,
    '# HELP demo_queue_length Jobs waiting.',
    '# TYPE demo_queue_length gauge',
    `demo_queue_length{queue="emails"} ${(n * 7) % 11}`,
    `demo_queue_length{queue="reports"} ${(n * 3) % 5}`,
    '# HELP demo_job_duration_seconds Time to run a job.',
    '# TYPE demo_job_duration_seconds histogram',
    `demo_job_duration_seconds_bucket{le="0.1"} ${n}`,
    `demo_job_duration_seconds_bucket{le="1"} ${n * 2}`,
    `demo_job_duration_seconds_bucket{le="+Inf"} ${n * 2}`,
    `demo_job_duration_seconds_sum ${(n * 0.8).toFixed(2)}`,
    `demo_job_duration_seconds_count ${n * 2}`,
    // Only on every other scrape: a series that comes and goes.
    ...(n % 2 === 0 ? ['# TYPE demo_flaky gauge', 'demo_flaky 1'] : []),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

const missing = chromiumMissing();
let browser: Browser | null = null;
let serve: ServeProcess | null = null;
let demo: TestExporter | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  if (missing) return;
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'preview-worker.js')))
    throw new Error('dist/renderer/preview-worker.js is missing: run `node scripts/build.mjs` first');
  if (SHOTS) mkdirSync(SHOT_DIR, { recursive: true });
  const dir = tempDir('promdesk-preview-e2e-');
  cleanups.push(() => dir.remove());
  demo = await startExporter((n) => ({ kind: 'body', body: demoBody(n) }));
  cleanups.push(() => demo?.close());
  serve = await startServeProcess(join(dir.path, 'data'));
  cleanups.push(async () => void (await serve?.stop()));
  browser = await launchChromium();
  cleanups.push(() => browser?.close().catch(() => undefined));
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function skipIfNoBrowser(t: TestContext): boolean {
  if (!missing) return false;
  t.skip(missing);
  return true;
}

async function withPage(opts: { colorScheme?: 'light' | 'dark' }, fn: (ui: UiPage) => Promise<void>) {
  return inPage(browser, opts, fn);
}

async function openPreview(page: Page): Promise<void> {
  assert.ok(serve);
  await page.goto(`${serve.base}/`);
  await page.getByRole('link', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: 'Preview', level: 1 }).waitFor();
}

async function fetchUrl(page: Page, url: string): Promise<void> {
  await page.getByLabel('Exporter URL').fill(url);
  await page.getByRole('button', { name: 'Fetch', exact: true }).click();
  await page.getByRole('table', { name: 'Metric families' }).getByRole('row').nth(1).waitFor();
}

function familyRow(page: Page, name: string) {
  return page
    .getByRole('table', { name: 'Metric families' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });
}

function seriesRow(page: Page, text: string) {
  return page.getByRole('table', { name: 'Series' }).getByRole('row').filter({ hasText: text });
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SHOT_DIR, name) });
}

// ---------------------------------------------------------------------------------------------

test('a test exporter: families, findings, raw text, then deltas and rates with auto-refresh', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(demo);
  const exporter = demo;
  await withPage({}, async ({ page }) => {
    await openPreview(page);
    await fetchUrl(page, exporter.url);

    // The families table: name, type, help, series count, and the counter without _total flagged.
    const jobs = familyRow(page, 'demo_jobs_processed');
    await jobs.waitFor();
    assert.match((await jobs.textContent()) ?? '', /counter.*Jobs processed since start\.\s*2.*warning/);
    const hist = familyRow(page, 'demo_job_duration_seconds');
    assert.match(
      (await hist.textContent()) ?? '',
      /histogram.*5/,
      'bucket, sum and count belong to the family',
    );
    assert.equal(await familyRow(page, 'demo_requests_total').locator('.sev').count(), 0);

    // The findings tab names the problem and its line; the line link opens the raw text there.
    await page.getByRole('tab', { name: /Findings/ }).click();
    const finding = page
      .getByRole('table', { name: 'Findings' })
      .getByRole('row')
      .filter({ hasText: 'demo_jobs_processed' })
      .filter({ hasText: '_total' })
      .first();
    await finding.waitFor();
    await finding.getByRole('button', { name: 'line 2' }).click();
    const typeLine = page.locator('.raw-line[data-line="2"]');
    await typeLine.waitFor();
    assert.match((await typeLine.getAttribute('class')) ?? '', /raw-warning/);
    assert.match((await typeLine.textContent()) ?? '', /# TYPE demo_jobs_processed counter.*_total/);
    assert.doesNotMatch(
      (await page.locator('.raw-line[data-line="3"]').getAttribute('class')) ?? '',
      /raw-(warning|error)/,
    );

    // Auto-refresh every second: deltas and per-second rates of the counters appear.
    await page.getByRole('tab', { name: /Series/ }).click();
    await page.getByLabel('Refresh every').selectOption('1');
    await page.getByRole('checkbox', { name: 'Auto-refresh' }).check();
    const emails = seriesRow(page, 'demo_jobs_processed{queue="emails"}');
    const rate = await until('a rate for demo_jobs_processed', async () => {
      const txt = (await emails.locator('.rate').textContent()) ?? '';
      return /\/s$/.test(txt) ? txt : undefined;
    });
    // +5 per scrape, scrapes at least ~1 s apart (more on a loaded machine): at most ~5/s.
    const perSecond = parseFloat(rate);
    assert.ok(perSecond > 0 && perSecond <= 6, `rate ${rate}`);
    const delta = (await emails.getByRole('cell').nth(2).textContent()) ?? '';
    assert.equal(delta, '+5');
    const gauge = seriesRow(page, 'demo_queue_length{queue="emails"}');
    assert.equal(await gauge.locator('.rate').textContent(), '', 'gauges get no rate');
    // demo_flaky comes and goes: it is new or vanished on every fetch.
    await until('demo_flaky new or vanished', async () =>
      (await seriesRow(page, 'demo_flaky').locator('.badge-status').count()) > 0 ? true : undefined,
    );
    await until('a sparkline drawn', async () =>
      ((await emails.locator('.sparkline path').getAttribute('d')) ?? '').includes('L') ? true : undefined,
    );
    const summary = page.getByLabel('Changes since the last fetch');
    assert.match((await summary.textContent()) ?? '', /changed/);
    await shoot(page, 'preview.png');
    await page.getByRole('checkbox', { name: 'Auto-refresh' }).uncheck();
  });
});

test('a parse error: line and column, the line marked in the raw text', async (t) => {
  if (skipIfNoBrowser(t)) return;
  const bad = await startExporter({
    kind: 'body',
    body: '# TYPE ok_total counter\nok_total 1\nbroken_metric{label="x" 3\nafter 1\n',
  });
  try {
    await withPage({ colorScheme: 'dark' }, async ({ page }) => {
      await openPreview(page);
      // Nothing listens: the engine's error is shown where the fetch was asked for.
      await page.getByLabel('Exporter URL').fill(`http://127.0.0.1:${await freePort()}/metrics`);
      await page.getByRole('button', { name: 'Fetch', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'failed' }).waitFor();
      await page.getByLabel('Exporter URL').fill(bad.url);
      await page.getByRole('button', { name: 'Fetch', exact: true }).click();
      const err = page.locator('.parse-error');
      await err.waitFor();
      assert.match((await err.textContent()) ?? '', /line 3, column \d+/);
      await err.getByRole('button', { name: 'Show line' }).click();
      const line = page.locator('.raw-line[data-line="3"]');
      await line.waitFor();
      assert.match((await line.getAttribute('class')) ?? '', /raw-error/);
      assert.equal(await line.locator('.raw-error-at').count(), 1);
      await shoot(page, 'preview-dark.png');
      // The entries before the error are still shown.
      await page.getByRole('tab', { name: /Families/ }).click();
      await familyRow(page, 'ok_total').waitFor();
    });
  } finally {
    await bad.close();
  }
});

test('"Make scrape target" adds the URL as a target and opens the Targets view', async (t) => {
  if (skipIfNoBrowser(t)) return;
  assert.ok(demo);
  const exporter = demo;
  await withPage({}, async ({ page }) => {
    await openPreview(page);
    await fetchUrl(page, exporter.url);
    await page.getByRole('button', { name: 'Make scrape target' }).click();
    await page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/targets');
    await page.getByText(exporter.url).first().waitFor();
    await page.getByText('127.0.0.1', { exact: true }).first().waitFor(); // the job, from the host
  });
});

test("Debian's node_exporter: hundreds of families, rates of its counters", async (t) => {
  if (skipIfNoBrowser(t)) return;
  const bin = which('prometheus-node-exporter');
  if (!bin) {
    t.skip('prometheus-node-exporter is not installed (apt-get install prometheus-node-exporter)');
    return;
  }
  const port = await freePort();
  const ne = startPeer(bin, [`--web.listen-address=127.0.0.1:${port}`]);
  try {
    const url = `http://127.0.0.1:${port}/metrics`;
    await waitHttp(url);
    await withPage({}, async ({ page }) => {
      await openPreview(page);
      await fetchUrl(page, url);
      const count = Number(
        await page
          .getByRole('tab', { name: /Families/ })
          .locator('.tab-count')
          .textContent(),
      );
      assert.ok(count > 50, `${count} families`);
      await page.getByLabel('Filter families').fill('node_cpu_seconds');
      await familyRow(page, 'node_cpu_seconds_total').waitFor();
      await familyRow(page, 'node_cpu_seconds_total').click();
      await page.getByLabel('Refresh every').selectOption('1');
      await page.getByRole('checkbox', { name: 'Auto-refresh' }).check();
      await until(
        'a rate for node_cpu_seconds_total',
        async () => {
          const rates = await page.getByRole('table', { name: 'Series' }).locator('.rate').allTextContents();
          return rates.some((r) => /\/s$/.test(r)) ? true : undefined;
        },
        20_000,
      );
      await page.getByRole('checkbox', { name: 'Auto-refresh' }).uncheck();
    });
  } finally {
    await ne.stop();
  }
});

test('pasted OpenMetrics: units, exemplars, the format detected from # EOF', async (t) => {
  if (skipIfNoBrowser(t)) return;
  const body = [
    '# TYPE rpc_duration_seconds histogram',
    '# UNIT rpc_duration_seconds seconds',
    '# HELP rpc_duration_seconds RPC latency.',
    'rpc_duration_seconds_bucket{le="0.5"} 3 # {trace_id="4bf92f3577b34da6"} 0.31 1700000000.000',
    'rpc_duration_seconds_bucket{le="+Inf"} 4',
    'rpc_duration_seconds_count 4',
    'rpc_duration_seconds_sum 1.9',
    '# EOF',
    '',
  ].join('\n');
  await withPage({}, async ({ page }) => {
    await openPreview(page);
    await page.getByRole('button', { name: 'Paste text' }).click();
    await page.getByLabel('Exposition text').fill(body);
    const row = familyRow(page, 'rpc_duration_seconds');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /histogram\s*seconds\s*RPC latency\.\s*4/);
    assert.match((await page.getByLabel('Summary').textContent()) ?? '', /OpenMetrics/);
    await row.click();
    await seriesRow(page, 'trace_id="4bf92f3577b34da6"').waitFor();
  });
});

test('a pasted 20k-series body renders virtualized, every position reachable', async (t) => {
  if (skipIfNoBrowser(t)) return;
  const body = bulkBody();
  assert.ok(body.length > 1.8e6, `${body.length} bytes`);
  await withPage({}, async ({ page }) => {
    await openPreview(page);
    // How fast it shows and scrolls is bench/preview-scroll.bench.ts's figure, not an assertion.
    await pasteBulk(page, body);
    assert.equal(
      await page
        .getByRole('tab', { name: /Series/ })
        .locator('.tab-count')
        .textContent(),
      String(BULK_SERIES),
    );

    // Virtualized: a few dozen rows in the DOM, not 20k.
    await page.getByRole('tab', { name: /Series/ }).click();
    const series = page.getByRole('table', { name: 'Series' });
    await series.getByRole('row').nth(1).waitFor();
    const rendered = await series.getByRole('row').count();
    assert.ok(rendered < 120, `${rendered} rows in the DOM`);

    // Jumps around the list each draw the rows of that position.
    for (const frac of [0.5, 0.9, 0.25, 1]) await scrollSeries(series, frac);
    // A continuous scroll draws frames, and stays virtualized while it does.
    assert.ok((await scrollFrames(series, 500)) > 0);
    assert.ok((await series.getByRole('row').count()) < 120, 'still virtualized after scrolling');

    // The raw text, virtualized too: its last line is reachable.
    await page.getByRole('tab', { name: /Raw text/ }).click();
    const raw = page.getByRole('table', { name: 'Raw text' });
    await raw.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.locator('.raw-line[data-line="20400"]').waitFor();
  });
});
