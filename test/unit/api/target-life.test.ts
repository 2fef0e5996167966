// A target's life through the engine: the same URL under several jobs is allowed with a warning
// on each, the same URL in the same job is refused (add and update), and pausing all scraping
// stops every loop without touching the targets' own paused flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultTargetInput, type TargetInput } from '../../../shared/api';
import { Engine } from '../../../electron/engine/engine';
import { startExporter } from '../../helpers/exporter';
import { tempDir } from '../../helpers/tmp';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withEngine(fn: (engine: Engine, dataDir: string) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const engine = new Engine({ dataDir, mode: 'serve', log: () => {} });
  try {
    await fn(engine, dataDir);
  } finally {
    await engine.close();
    dir.remove();
  }
}

test('one URL under three jobs: allowed, each target says which other jobs scrape it', async () => {
  await withEngine(async (engine) => {
    const url = 'http://127.0.0.1:9/metrics';
    const t: TargetInput = { ...defaultTargetInput, url, intervalMs: 3_600_000 };
    const a = engine.addTarget({ ...t, job: 'a' });
    assert.deepEqual(a.warnings, []);
    const b = engine.addTarget({ ...t, job: 'b' });
    assert.deepEqual(b.warnings, [`${url} is also scraped by job a`]);
    // Spelled differently, fetched the same: still the same URL.
    const c = engine.addTarget({ ...t, url: 'HTTP://127.0.0.1:9/metrics', job: 'c' });
    assert.deepEqual(c.warnings, ['HTTP://127.0.0.1:9/metrics is also scraped by job a, b']);
    const byJob = Object.fromEntries(engine.listTargets().map((v) => [v.input.job, v.warnings]));
    assert.deepEqual(byJob, {
      a: [`${url} is also scraped by job b, c`],
      b: [`${url} is also scraped by job a, c`],
      c: ['HTTP://127.0.0.1:9/metrics is also scraped by job a, b'],
    });
    await engine.removeTarget(b.id);
    await engine.removeTarget(c.id);
    assert.deepEqual(engine.listTargets()[0].warnings, []);
  });
});

test('the same URL in the same job is refused, on add and on update', async () => {
  await withEngine(async (engine) => {
    const t: TargetInput = {
      ...defaultTargetInput,
      url: 'http://127.0.0.1:9/metrics',
      intervalMs: 3_600_000,
    };
    engine.addTarget({ ...t, job: 'a' });
    assert.throws(() => engine.addTarget({ ...t, job: 'a' }), {
      message: 'a target for http://127.0.0.1:9/metrics in job "a" exists already',
    });
    const other = engine.addTarget({ ...t, url: 'http://127.0.0.1:10/metrics', job: 'a' });
    await assert.rejects(engine.updateTarget(other.id, { ...t, job: 'a' }), /in job "a" exists already/);
    // Updating a target to itself is no duplicate.
    const same = await engine.updateTarget(other.id, { ...other.input, intervalMs: 7_200_000 });
    assert.equal(same.input.intervalMs, 7_200_000);
    assert.equal(engine.listTargets().length, 2);
  });
});

test('pausing all scraping stops every loop and leaves each target paused flag alone', async () => {
  const exp = await startExporter({ kind: 'body', body: 'x 1\n' });
  try {
    await withEngine(async (engine) => {
      const t: TargetInput = {
        ...defaultTargetInput,
        url: exp.url,
        job: 'a',
        intervalMs: 100,
        timeoutMs: 90,
      };
      const running = engine.addTarget(t);
      const own = engine.addTarget({ ...t, job: 'b' });
      await engine.setTargetPaused(own.id, true);
      const waitScrapes = async (n: number) => {
        const end = Date.now() + 5000;
        while (exp.requests < n && Date.now() < end) await sleep(20);
        assert.ok(exp.requests >= n, `${exp.requests} scrapes, wanted ${n}`);
      };
      await waitScrapes(2);

      const info = await engine.setScrapingPaused(true);
      assert.equal(info.scrapingPaused, true);
      assert.equal(engine.info().scrapingPaused, true);
      const stoppedAt = exp.requests;
      // Added while paused: it waits too.
      const late = engine.addTarget({ ...t, job: 'c' });
      await sleep(500);
      assert.equal(exp.requests, stoppedAt, 'no scrape while scraping is paused');
      const views = new Map(engine.listTargets().map((v) => [v.id, v]));
      assert.equal(views.get(running.id)?.paused, false);
      assert.equal(views.get(own.id)?.paused, true);
      assert.equal(views.get(late.id)?.paused, false);
      assert.equal(views.get(running.id)?.health, 'unknown');

      assert.equal((await engine.setScrapingPaused(false)).scrapingPaused, false);
      await waitScrapes(stoppedAt + 4);
      await sleep(300);
      const after = new Map(engine.listTargets().map((v) => [v.id, v]));
      assert.equal(after.get(running.id)?.health, 'up');
      assert.equal(after.get(late.id)?.health, 'up');
      // The target paused by itself stays paused and unscraped.
      assert.equal(after.get(own.id)?.paused, true);
      assert.equal(after.get(own.id)?.lastScrapeMs, null);
    });
  } finally {
    await exp.close();
  }
});
