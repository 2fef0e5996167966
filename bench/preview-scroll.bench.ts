// The Preview with a pasted ~2 MB body of 20k series (test/helpers/preview-bulk.ts), in Debian's
// Chromium against the built `promdesk serve`: ms from the paste until the families are listed,
// ms until each jump of the Series table shows its rows, and frames drawn per second of a
// continuous scroll. Medians of `--runs` fresh pages. Needs a built dist/ (node scripts/build.mjs).
// No peer has a Preview; the targets are the ones the Preview was built to (a 60 Hz screen).
//   node --import tsx bench/preview-scroll.bench.ts [--runs 3]
import { loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumMissing, launchChromium, openPage } from '../test/helpers/browser';
import { bulkBody, pasteBulk, scrollFrames, scrollSeries } from '../test/helpers/preview-bulk';
import { startServeProcess } from '../test/helpers/serve-process';
import { tempDir } from '../test/helpers/tmp';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(opt.runs));
const JUMPS = [0.5, 0.9, 0.25, 1];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'preview-worker.js'))) {
    console.error('dist/ is missing: run `node scripts/build.mjs` first');
    process.exit(1);
  }
  const dir = tempDir('promdesk-preview-bench-');
  const serve = await startServeProcess(join(dir.path, 'data'));
  const browser = await launchChromium();
  const body = bulkBody();
  const shown: number[] = [];
  const jumps: number[] = [];
  const fps: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const ui = await openPage(browser);
      const { page } = ui;
      await page.goto(`${serve.base}/`);
      await page.getByRole('link', { name: 'Preview' }).click();
      await page.getByRole('heading', { name: 'Preview', level: 1 }).waitFor();
      let t0 = performance.now();
      await pasteBulk(page, body);
      shown.push(performance.now() - t0);
      await page.getByRole('tab', { name: /Series/ }).click();
      const series = page.getByRole('table', { name: 'Series' });
      await series.getByRole('row').nth(1).waitFor();
      for (const frac of JUMPS) {
        t0 = performance.now();
        await scrollSeries(series, frac);
        jumps.push(performance.now() - t0);
      }
      fps.push(await scrollFrames(series, 1000));
      if (ui.errors.length) throw new Error(`the page logged errors: ${ui.errors.join('; ')}`);
      await ui.close();
    }
  } finally {
    await browser.close().catch(() => undefined);
    await serve.stop();
    dir.remove();
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `Preview, pasted ${(body.length / 1e6).toFixed(2)} MB of 20k series; ${RUNS} run(s), load ${load}`,
  );
  const rows: [string, string, string][] = [
    ['paste -> families listed', `${median(shown).toFixed(0)} ms`, '< 10000 ms'],
    [
      'jump in the Series table -> rows shown',
      `${median(jumps).toFixed(0)} ms (max ${Math.max(...jumps).toFixed(0)})`,
      '< 1500 ms',
    ],
    ['continuous scroll', `${median(fps)} frames/s`, '> 20 frames/s'],
  ];
  for (const [what, value, target] of rows)
    console.log(`  ${what.padEnd(40)} ${value.padEnd(26)} target ${target}`);
}

await main();
