// The short version of bench/dashboard-render.bench.ts: the same program at tiny sizes (a quarter
// hour of node_exporter data, a 20k-point panel, 2 live panels for 3 s) runs to the end and prints
// every figure line of its table. Speed is the bench's business, not this test's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumMissing } from '../helpers/browser';

const ROOT = new URL('../..', import.meta.url).pathname;

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'dashboard-render.bench.ts'), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => resolve({ code, out }));
  });
}

test(
  'the dashboard-render bench runs at tiny sizes and prints its figures',
  { timeout: 180_000 },
  async (t) => {
    const missing = chromiumMissing();
    if (missing) {
      t.skip(missing);
      return;
    }
    const shared = join(ROOT, '..', 'shared');
    if (
      !existsSync(join(shared, 'samples', 'node_exporter.prom')) ||
      !existsSync(join(shared, 'dashboards', 'node-exporter-full.json'))
    ) {
      t.skip('../shared/samples or ../shared/dashboards is absent (the Node Exporter Full data)');
      return;
    }
    if (!existsSync(join(ROOT, 'dist', 'renderer', 'app.js')))
      throw new Error('dist/renderer/app.js is missing: run `node scripts/build.mjs` first');
    const { code, out } = await run([
      '--hours',
      '0.25',
      '--points',
      '20000',
      '--live-panels',
      '2',
      '--live-series',
      '3',
      '--live-seconds',
      '3',
    ]);
    assert.equal(code, 0, out);
    const lines = out.split('\n');
    const figure = (re: RegExp) =>
      assert.ok(
        lines.some((l) => re.test(l)),
        `no line ${re} in:\n${out}`,
      );
    figure(/^ {2}figure +measured +target +peer$/);
    figure(/^ {2}1 Node Exporter Full 0\.25 h, first open: open rows drawn +(\d+ ms|timed out)/);
    figure(/^ {2}1 Node Exporter Full 0\.25 h, first open: longest task +\d+ ms/);
    figure(/^ {2}2 20000 points, Promdesk chart \(decimated\): draw +\d+ ms.* uPlot raw \d+ ms/);
    figure(/^ {2}2 100 × 200 points \(anchor: uPlot 125 ms\) +\d+ ms/);
    figure(/^ {2}2 20000 points decimated vs raw, pixels more than 1 px off \(plain canvas\) +\d+ of \d+/);
    figure(/^ {2}3 2 panels × 3 series at 1 s for 3 s: dropped updates +\d+/);
    figure(/^ {2}3 2 panels × 3 series: longest task +\d+ ms/);
    // Every open-row panel of Node Exporter Full settled, none in error.
    const first = lines.find((l) => l.includes('first open: 15 panels'));
    assert.ok(first, `no panel summary in:\n${out}`);
    assert.match(first, /0 error/);
  },
);
