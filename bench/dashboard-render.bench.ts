// Dashboards drawn in headless Chromium (Debian's /usr/bin/chromium through playwright-core), with
// performance marks and a PerformanceObserver of long tasks, and bare uPlot beside as the peer:
//   1. Node Exporter Full (imported with `promdesk dashboard import`) on `--hours` of 15 s data
//      replayed from a real node_exporter body through the store's own import path
//      (bench/dashboard-data.ts), served by `promdesk serve`: ms from navigation until the panels
//      of its two open rows are all ok/empty (and drawn), and the longest task.
//   2. One panel of `--points` points: Promdesk's chart (data conversion, min/max decimation,
//      draw) beside bare uPlot on the same data in the same page, plus uPlot's anchors (166k
//      points, 100 × 10k) and the decimated envelope compared with the raw one in pixels.
//   3. `--live-panels` panels × `--live-series` series updated every second for `--live-seconds`
//      (a scrape every second, pushed to the panels live): dropped updates and the longest task.
// Prints a table of figures with their targets. Needs a built dist/ (node scripts/build.mjs).
//   node --import tsx bench/dashboard-render.bench.ts [--hours 24] [--points 1000000]
//     [--live-panels 12] [--live-series 50] [--live-seconds 60] [--body FILE] [--only 1,2,3]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, chromiumMissing, launchChromium } from '../test/helpers/browser';
import { freePort } from '../test/helpers/peers';
import { startExporterProcess, scrapeConfig } from '../test/helpers/exporter-process';
import { startServeProcess, type ServeProcess } from '../test/helpers/serve-process';
import { tempDir } from '../test/helpers/tmp';
import { buildNodeData } from './dashboard-data';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: opt } = parseArgs({
  options: {
    hours: { type: 'string', default: '24' },
    points: { type: 'string', default: '1000000' },
    'live-panels': { type: 'string', default: '12' },
    'live-series': { type: 'string', default: '50' },
    'live-seconds': { type: 'string', default: '60' },
    body: { type: 'string', default: join(ROOT, '..', 'shared', 'samples', 'node_exporter.prom') },
    dashboard: {
      type: 'string',
      default: join(ROOT, '..', 'shared', 'dashboards', 'node-exporter-full.json'),
    },
    only: { type: 'string', default: '1,2,3' },
    verbose: { type: 'boolean', default: false },
    /** Draws per figure of the big panel (the median is printed), and opens of the dashboard. */
    runs: { type: 'string', default: '3' },
    opens: { type: 'string', default: '2' },
  },
});
const ONLY = new Set(opt.only.split(','));

interface Figure {
  name: string;
  value: string;
  target: string;
  peer?: string;
  /** Missed its target (printed as such). */
  miss?: boolean;
}
const figures: Figure[] = [];
const notes: string[] = [];
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Collects long tasks from the first script on, and marks when the dashboard's panels settle. */
const PAGE_PROBE = `(() => {
  const b = (window.__bench = { longtasks: [], settledAt: 0, drawnAt: 0, expect: 0, redraws: new Map() });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) b.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  b.timeline = [];
  const check = (muts) => {
    for (const m of muts || []) if (m.type === 'attributes' && m.target.getAttribute) b.timeline.push([Math.round(performance.now()), m.target.getAttribute('data-panel-title'), m.target.getAttribute('data-panel-state')]);
    if (b.settledAt || !b.expect) return;
    const els = document.querySelectorAll('[data-panel-state]');
    if (els.length < b.expect) return;
    for (const el of els) {
      const s = el.getAttribute('data-panel-state');
      if (s !== 'ok' && s !== 'empty' && s !== 'error') return;
    }
    b.settledAt = performance.now();
    performance.mark('panels-settled');
    requestAnimationFrame(() => setTimeout(() => {
      b.drawnAt = performance.now();
      performance.mark('panels-drawn');
    }, 0));
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-panel-state'] });
  b.setExpect = (n) => { b.expect = n; check(); };
  // A panel's chart redraw clears its canvas: counted per panel title, with the time.
  const clear = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (...a) {
    const p = this.canvas.closest && this.canvas.closest('[data-panel-title]');
    if (p && a[2] === this.canvas.width) {
      const t = p.getAttribute('data-panel-title');
      const list = b.redraws.get(t) || [];
      list.push(performance.now());
      b.redraws.set(t, list);
    }
    return clear.apply(this, a);
  };
})();`;

interface Probe {
  longtasks: [number, number][];
  settledAt: number;
  drawnAt: number;
  /** [ms, panel title, state] as panels changed state. */
  timeline: [number, string, string][];
}

async function newContext(browser: Browser, height = 900): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height }, deviceScaleFactor: 1 });
  await context.addInitScript(PAGE_PROBE);
  return context;
}

function longest(tasks: [number, number][], from = 0, to = Infinity): number {
  return tasks.filter(([s]) => s >= from && s <= to).reduce((m, [, d]) => Math.max(m, d), 0);
}

function importDashboard(dataDir: string, file: string): string {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'promdesk.mjs'), 'dashboard', 'import', '--data', dataDir, '--json', file],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`promdesk dashboard import ${file}: ${r.stderr || r.stdout}`);
  const [entry] = JSON.parse(r.stdout) as { uid: string }[];
  return entry.uid;
}

// ---- 1. Node Exporter Full on a day of data --------------------------------------------------

async function nodeExporterFull(browser: Browser): Promise<void> {
  const absent = [opt.body, opt.dashboard].filter((f) => !existsSync(f));
  if (absent.length) {
    notes.push(`1 skipped: ${absent.join(', ')} absent (../shared beside the checkout)`);
    return;
  }
  const dir = tempDir('promdesk-bench-dash-');
  let serve: ServeProcess | null = null;
  try {
    const dataDir = join(dir.path, 'data');
    const hours = Number(opt.hours);
    const built = buildNodeData({ dataDir, body: readFileSync(opt.body), hours, endMs: Date.now() });
    notes.push(
      `data: ${built.series} series × ${built.timestamps} timestamps (${hours} h at 15 s) = ` +
        `${built.samples} samples from ${opt.body}, through the store's import path in ` +
        `${(built.ms / 1000).toFixed(1)} s`,
    );
    const dash = JSON.parse(readFileSync(opt.dashboard, 'utf8')) as { panels: { type: string }[] };
    // The panels outside collapsed rows (a collapsed row holds its own): the open rows' panels.
    const expect = dash.panels.filter((p) => p.type !== 'row').length;
    const uid = importDashboard(dataDir, opt.dashboard);
    serve = await startServeProcess(dataDir);
    for (const round of ['first', 'second', 'third'].slice(0, Number(opt.opens))) {
      const context = await newContext(browser, 1100);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${serve.base}/d/${uid}`);
      await page.evaluate(
        (n) => (window as never as { __bench: { setExpect(n: number): void } }).__bench.setExpect(n),
        expect,
      );
      const probe = await waitProbe(page, 60_000);
      const states = await page.$$eval('[data-panel-state]', (els) =>
        els.map((e) => e.getAttribute('data-panel-state')),
      );
      await context.close();
      const count = (s: string) => states.filter((x) => x === s).length;
      const label = `1 Node Exporter Full ${hours} h, ${round} open`;
      if (!probe) {
        figures.push({
          name: `${label}: open rows drawn`,
          value: 'timed out',
          target: '< 1500 ms',
          miss: true,
        });
        notes.push(`${round} open: panel states ${JSON.stringify(states)}`);
        continue;
      }
      figures.push({
        name: `${label}: open rows drawn`,
        value: ms(probe.drawnAt),
        target: '< 1500 ms',
        miss: probe.drawnAt >= 1500,
      });
      const task = longest(probe.longtasks, 0, probe.drawnAt);
      figures.push({
        name: `${label}: longest task`,
        value: ms(task),
        target: '<= 200 ms',
        miss: task > 200,
      });
      notes.push(
        `${round} open: ${states.length} panels (${count('ok')} ok, ${count('empty')} empty, ` +
          `${count('error')} error), ${probe.longtasks.length} long tasks, ` +
          `states settled at ${ms(probe.settledAt)}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`,
      );
      if (opt.verbose) {
        notes.push(
          `long tasks [start, ms]: ${JSON.stringify(probe.longtasks.map(([a, d]) => [Math.round(a), Math.round(d)]))}`,
        );
        notes.push(`panel states [ms, title, state]: ${JSON.stringify(probe.timeline)}`);
      }
    }
  } finally {
    await serve?.stop();
    dir.remove();
  }
}

async function waitProbe(page: Page, timeoutMs: number): Promise<Probe | null> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const p = await page.evaluate(() => {
      const b = (window as never as { __bench: Probe }).__bench;
      return b.drawnAt
        ? { longtasks: b.longtasks, settledAt: b.settledAt, drawnAt: b.drawnAt, timeline: b.timeline }
        : null;
    });
    if (p) {
      // Long tasks are reported after they end: give the last one time to arrive.
      await new Promise((r) => setTimeout(r, 300));
      p.longtasks = await page.evaluate(() => (window as never as { __bench: Probe }).__bench.longtasks);
      return p;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

// ---- 2. A panel of 1M points ----------------------------------------------------------------

async function bigPanel(browser: Browser): Promise<void> {
  const out = await build({
    entryPoints: [join(ROOT, 'bench', 'dashboard-render-page.tsx')],
    bundle: true,
    write: false,
    outdir: '/out',
    format: 'iife',
    jsx: 'automatic',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const html = `<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setContent(html);
  type Spec = { points: number; series: number; width: number; height: number };
  type BenchPage = {
    promdesk(s: Spec): Promise<number>;
    uplot(s: Spec, decimated?: boolean): Promise<number>;
    envelopeDiff(s: Spec): Promise<{ differing: number; drawn: number; where: [number, number, number][] }>;
  };
  const call = <K extends keyof BenchPage>(k: K, ...args: Parameters<BenchPage[K]>) =>
    page.evaluate(
      ([k, args]) =>
        (
          (window as never as { bench: Record<string, (...a: unknown[]) => unknown> }).bench[k] as (
            ...a: unknown[]
          ) => Promise<unknown>
        )(...args),
      [k, args] as const,
    ) as ReturnType<BenchPage[K]>;
  const longCount = () =>
    page.evaluate(() => (window as never as { __bench: Probe }).__bench.longtasks.length);
  let longFrom = 0;
  /** The median of `runs` draws, after one warm-up (the JIT, the fonts, making the data). */
  const median = async (f: () => Promise<number>, runs = Number(opt.runs)) => {
    await f();
    longFrom = await longCount();
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) xs.push(await f());
    return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  };
  const width = 1200;
  const height = 300;
  const n = Number(opt.points);
  const one = { points: n, series: 1, width, height };
  const pd = await median(() => call('promdesk', one));
  const tasks = await page.evaluate(() => (window as never as { __bench: Probe }).__bench.longtasks);
  const raw = await median(() => call('uplot', one));
  const dec = await median(() => call('uplot', one, true));
  figures.push({
    name: `2 ${n} points, Promdesk chart (decimated): draw`,
    value: ms(pd),
    target: '< 100 ms',
    peer: `uPlot raw ${ms(raw)}; uPlot on decimated ${ms(dec)}`,
    miss: pd >= 100,
  });
  figures.push({
    name: `2 ${n} points, Promdesk chart: longest task`,
    value: ms(longest(tasks.slice(longFrom))),
    target: '',
  });
  const anchorA = Math.round(n / 6);
  const a = await median(() => call('uplot', { points: anchorA, series: 1, width, height }));
  const pa = await median(() => call('promdesk', { points: anchorA, series: 1, width, height }));
  figures.push({
    name: `2 ${anchorA} points (anchor: uPlot 17 ms)`,
    value: ms(pa),
    target: '',
    peer: `uPlot raw ${ms(a)}`,
  });
  const per = Math.max(10, Math.round(n / 100));
  const b = await median(() => call('uplot', { points: per, series: 100, width, height }));
  const pb = await median(() => call('promdesk', { points: per, series: 100, width, height }));
  figures.push({
    name: `2 100 × ${per} points (anchor: uPlot 125 ms)`,
    value: ms(pb),
    target: '',
    peer: `uPlot raw ${ms(b)}`,
  });
  const env = await call('envelopeDiff', one);
  figures.push({
    name: `2 ${n} points decimated vs raw, pixels more than 1 px off (plain canvas)`,
    value: `${env.differing} of ${env.drawn}`,
    target: '0',
    miss: env.differing > 0,
  });
  if (opt.verbose) notes.push(`envelope: first pixels off [x, y, in raw]: ${JSON.stringify(env.where)}`);
  if (errors.length) notes.push(`big panel page errors: ${errors.join('; ')}`);
  await context.close();
}

// ---- 3. Live panels ------------------------------------------------------------------------

async function livePanels(browser: Browser): Promise<void> {
  const panels = Number(opt['live-panels']);
  const series = Number(opt['live-series']);
  const seconds = Number(opt['live-seconds']);
  const dir = tempDir('promdesk-bench-live-');
  const port0 = await freePort();
  const exporter = startExporterProcess(port0, panels, series);
  let serve: ServeProcess | null = null;
  try {
    const config = join(dir.path, 'prometheus.yml');
    writeFileSync(config, scrapeConfig(port0, panels));
    const dashFile = join(dir.path, 'live.json');
    writeFileSync(
      dashFile,
      JSON.stringify({
        uid: 'bench-live',
        title: 'Bench live',
        schemaVersion: 39,
        time: { from: 'now-5m', to: 'now' },
        panels: Array.from({ length: panels }, (_x, t) => ({
          id: t + 1,
          type: 'timeseries',
          title: `Live ${t}`,
          gridPos: { x: (t % 4) * 6, y: Math.floor(t / 4) * 5, w: 6, h: 5 },
          targets: [{ refId: 'A', expr: `load_series{t="${t}"}` }],
          options: { legend: { showLegend: false } },
        })),
      }),
    );
    const dataDir = join(dir.path, 'data');
    const uid = importDashboard(dataDir, dashFile);
    serve = await startServeProcess(dataDir, config);
    // A few scrapes in, so every panel has lines from the start.
    const until = Date.now() + 30_000;
    for (;;) {
      const r = await fetch(`${serve.base}/api/v1/query?query=count(count_over_time(load_series[1m])>=3)`);
      const j = (await r.json()) as { data: { result: { value: [number, string] }[] } };
      if (Number(j.data.result[0]?.value[1] ?? 0) >= panels * series) break;
      if (Date.now() > until) throw new Error('the live targets were not scraped three times within 30 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    const context = await newContext(browser, 1100);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${serve.base}/d/${uid}`);
    await page.evaluate(
      (n) => (window as never as { __bench: { setExpect(n: number): void } }).__bench.setExpect(n),
      panels,
    );
    const probe = await waitProbe(page, 30_000);
    if (!probe) throw new Error('the live dashboard did not settle');
    const from = await page.evaluate(() => performance.now());
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const res = await page.evaluate(
      ([from]) => {
        const b = (
          window as never as { __bench: { redraws: Map<string, number[]>; longtasks: [number, number][] } }
        ).__bench;
        return {
          redraws: [...b.redraws.entries()].map(([k, v]) => [k, v.filter((t) => t >= from)] as const),
          longtasks: b.longtasks.filter(([s]) => s >= from),
          to: performance.now(),
        };
      },
      [from] as const,
    );
    await context.close();
    // One update a second: a gap of g seconds between redraws of a panel drops round(g) - 1.
    let dropped = 0;
    let updates = 0;
    for (const [, times] of res.redraws) {
      updates += times.length;
      const edges = [from, ...times, res.to];
      for (let i = 1; i < edges.length; i++)
        dropped += Math.max(0, Math.round((edges[i] - edges[i - 1]) / 1000) - 1);
    }
    const missingPanels = panels - res.redraws.filter(([, t]) => t.length > 0).length;
    figures.push({
      name: `3 ${panels} panels × ${series} series at 1 s for ${seconds} s: dropped updates`,
      value: `${dropped} (${updates} redraws${missingPanels ? `, ${missingPanels} panels never redrawn` : ''})`,
      target: '0',
      miss: dropped > 0 || missingPanels > 0,
    });
    const task = longest(res.longtasks);
    figures.push({
      name: `3 ${panels} panels × ${series} series: longest task`,
      value: `${ms(task)} (${res.longtasks.length} long tasks)`,
      target: '<= 50 ms',
      miss: task > 50,
    });
    notes.push(
      `live: a range ending at now, followed by the engine's pushes on each panel's step grid ` +
        `(a scrape every second feeds them); ${errors.length ? `page errors: ${errors.join('; ')}` : 'no page errors'}`,
    );
  } finally {
    await serve?.stop();
    exporter.kill();
    dir.remove();
  }
}

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`dashboard-render: skipped, ${missing}`);
    return;
  }
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
    throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
  const browser = await launchChromium();
  try {
    if (ONLY.has('2')) await bigPanel(browser);
    if (ONLY.has('1')) await nodeExporterFull(browser);
    if (ONLY.has('3')) await livePanels(browser);
  } finally {
    await browser.close();
  }
  const version = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(
    `Dashboards in headless ${version}, ${cpus().length} cores (load average ${load}); peer: bare uPlot in the same page`,
  );
  const w = [0, 0, 0];
  const rows = figures.map((f) => [f.name, `${f.value}${f.miss ? '  MISSED' : ''}`, f.target, f.peer ?? '']);
  for (const r of rows) for (let i = 0; i < 3; i++) w[i] = Math.max(w[i], r[i].length);
  console.log(`  ${'figure'.padEnd(w[0])}  ${'measured'.padEnd(w[1])}  ${'target'.padEnd(w[2])}  peer`);
  for (const r of rows)
    console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`);
  for (const n of notes) console.log(`  - ${n}`);
}

await main();
