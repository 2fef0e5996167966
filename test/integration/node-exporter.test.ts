// Debian's prometheus-node-exporter, scraped for real: the whole body ingests, `up` is 1, and
// node_exporter's series come back through the query path with job/instance labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../electron/engine/engine';
import { defaultTargetInput } from '../../shared/api';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';

test('scrapes Debian node_exporter like Prometheus does', { timeout: 60_000 }, async (t) => {
  const bin = which('prometheus-node-exporter');
  if (!bin) {
    t.skip('prometheus-node-exporter is not installed (apt-get install prometheus-node-exporter)');
    return;
  }
  const port = await freePort();
  const ne = startPeer(bin, [`--web.listen-address=127.0.0.1:${port}`]);
  const dir = tempDir();
  const engine = new Engine({ dataDir: dir.path, mode: 'serve', log: () => undefined });
  try {
    await waitHttp(`http://127.0.0.1:${port}/metrics`);
    const view = engine.addTarget({
      ...defaultTargetInput,
      url: `http://127.0.0.1:${port}/metrics`,
      job: 'node',
    });
    const first = await engine.scrapeNow(view.id);
    assert.equal(first.error, null);
    assert.equal(first.up, true);
    assert.ok(first.samples > 200, `node_exporter exposes hundreds of samples (${first.samples})`);
    await new Promise((r) => setTimeout(r, 50));
    await engine.scrapeNow(view.id);
    const now = Date.now();
    const res = engine.query.instant('node_cpu_seconds_total', now);
    assert.equal(res.resultType, 'vector');
    if (res.resultType !== 'vector') return;
    assert.ok(res.result.length >= 1);
    assert.equal(res.result[0].labels.job, 'node');
    assert.equal(res.result[0].labels.instance, `127.0.0.1:${port}`);
    const up = engine.query.instant('up{job="node"}', now);
    assert.ok(up.resultType === 'vector' && up.result[0].v === 1);
    const scraped = engine.query.instant('scrape_samples_scraped{job="node"}', now);
    assert.ok(scraped.resultType === 'vector' && scraped.result[0].v === first.samples);
  } finally {
    await engine.close();
    await ne.stop();
    dir.remove();
  }
});
