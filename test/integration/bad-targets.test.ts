// Targets that refuse, hang, answer 500, HTML, 200 MB or malformed text: each scrape fails with
// a clear error on the target and up = 0, the engine keeps scraping the healthy target, and
// nothing already stored is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../electron/engine/engine';
import { defaultTargetInput } from '../../shared/api';
import { startExporter, type Behaviour } from '../helpers/exporter';
import { tempDir } from '../helpers/tmp';

const cases: [string, Behaviour | 'refuse', RegExp][] = [
  ['refuses', 'refuse', /connection refused/],
  ['hangs', { kind: 'hang' }, /deadline exceeded/],
  ['http500', { kind: 'body', body: 'boom', status: 500 }, /HTTP status 500/],
  [
    'html',
    { kind: 'body', body: '<!doctype html><html><body>Login</body></html>\n', contentType: 'text/html' },
    /HTML page.*line 1/,
  ],
  ['huge', { kind: 'huge', bytes: 200 * 1024 * 1024 }, /body size limit exceeded/],
  ['malformed', { kind: 'body', body: 'ok 1\nbad{a="1" 2\n' }, /line 2, column/],
];

test(
  'bad targets fail with clear errors while the engine and stored data stay intact',
  { timeout: 60_000 },
  async () => {
    const dir = tempDir();
    let n = 0;
    const good = await startExporter(() => ({ kind: 'body', body: `good_total ${++n}\n` }));
    const bad = await Promise.all(cases.map(() => startExporter()));
    const engine = new Engine({ dataDir: dir.path, mode: 'serve', log: () => undefined, autoStart: false });
    try {
      // addTarget starts the target's loop; an hour's interval keeps its own ticks out of this
      // test, so the good target has exactly the two samples scrapeNow takes.
      const goodId = engine.addTarget({
        ...defaultTargetInput,
        url: good.url,
        job: 'good',
        intervalMs: 3_600_000,
      }).id;
      const first = await engine.scrapeNow(goodId);
      assert.equal(first.up, true);
      const ids = cases.map(([job, behaviour], i) => {
        if (behaviour !== 'refuse') bad[i].set(behaviour);
        // Only the hanging target needs a short deadline; the others must fail for their own
        // reason, not for a deadline that a loaded machine can miss (200 MB takes a while).
        const timeoutMs = job === 'hangs' ? 1500 : defaultTargetInput.timeoutMs;
        return engine.addTarget({ ...defaultTargetInput, url: bad[i].url, job, timeoutMs }).id;
      });
      await bad[0].close(); // the port now refuses connections
      const outcomes = await Promise.all(ids.map((id) => engine.scrapeNow(id)));
      await engine.scrapeNow(goodId);
      for (const [i, [job, , message]] of cases.entries()) {
        assert.equal(outcomes[i].up, false, job);
        assert.match(outcomes[i].error ?? '', message, job);
        const view = engine.listTargets().find((t) => t.id === ids[i]);
        assert.equal(view?.health, 'down', job);
        assert.match(view?.lastError ?? '', message, job);
        const up = engine.query.instant(`up{job="${job}"}`, Date.now());
        assert.ok(
          up.resultType === 'vector' && up.result.length === 1 && up.result[0].v === 0,
          `${job}: up is 0`,
        );
      }
      // Nothing from a failed body was stored, and the healthy target's samples are all there.
      const ok = engine.query.instant('ok', Date.now());
      assert.ok(ok.resultType === 'vector' && ok.result.length === 0);
      const goodSamples = engine.query.instant('count_over_time(good_total[1h])', Date.now());
      assert.ok(goodSamples.resultType === 'vector');
      assert.equal(goodSamples.result[0]?.v, 2, JSON.stringify(goodSamples));
      assert.equal(engine.listTargets().find((t) => t.id === goodId)?.health, 'up');
    } finally {
      await engine.close();
      await good.close();
      await Promise.all(bad.slice(1).map((b) => b.close()));
      dir.remove();
    }
  },
);
