// file_sd in a running engine: a target added to the file starts, one removed from it stops with
// stale markers, one that stays keeps its scrape state, and a malformed file keeps the last good
// targets with its error on them; all without a restart and well within refresh_interval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Engine } from '../../electron/engine/engine';
import { tempDir } from '../helpers/tmp';

async function until<T>(what: string, get: () => T | null | undefined | false): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('file_sd: targets follow the file on disk without a restart', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const server = http.createServer((_req, res) => res.end('# TYPE x gauge\nx 1\n'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const a = `127.0.0.1:${port}`;
  const b = `localhost:${port}`;
  const sdFile = join(dir.path, 'sd', 'targets.json');
  const write = (text: string) => {
    writeFileSync(sdFile + '.tmp', text);
    renameSync(sdFile + '.tmp', sdFile);
  };
  const configFile = join(dir.path, 'prometheus.yml');
  writeFileSync(
    configFile,
    `scrape_configs:
  - job_name: sd
    scrape_interval: 1h
    file_sd_configs: [{files: [sd/*.json], refresh_interval: 1h}]
    relabel_configs:
      - {source_labels: [__meta_filepath], regex: '.*/(.*)', target_label: from}
`,
  );
  mkdirSync(join(dir.path, 'sd'));
  write(JSON.stringify([{ targets: [a], labels: { team: 'x' } }]));
  const engine = new Engine({
    dataDir: join(dir.path, 'data'),
    configFile,
    mode: 'serve',
    log: () => undefined,
  });
  const instances = () =>
    engine
      .listTargets()
      .map((t) => t.targetLabels.instance)
      .sort();
  const upOf = (instance: string) => {
    const r = engine.query.instant(`up{instance="${instance}"}`, Date.now());
    return r.resultType === 'vector' ? r.result.length : -1;
  };
  try {
    const [first] = engine.listTargets();
    assert.deepEqual(first.targetLabels, { instance: a, job: 'sd', team: 'x', from: 'targets.json' });
    assert.equal(first.discoveredLabels?.__meta_filepath, sdFile);
    await engine.scrapeNow(first.id);
    await until('the first scrape', () => engine.listTargets()[0].lastScrapeMs !== null);
    const scrapedAt = engine.listTargets()[0].lastScrapeMs;

    write(JSON.stringify([{ targets: [a, b], labels: { team: 'x' } }]));
    await until('the added target', () => instances().length === 2);
    assert.deepEqual(instances(), [a, b].sort());
    const stayed = engine.listTargets().find((t) => t.targetLabels.instance === a);
    assert.equal(stayed?.id, first.id, 'the staying target is the same entry');
    assert.equal(stayed?.lastScrapeMs, scrapedAt, 'and keeps its scrape state');
    // Its loop waits for its slot in the hour: scraped now instead.
    await engine.scrapeNow(engine.listTargets().find((t) => t.targetLabels.instance === b)!.id);
    assert.equal(upOf(b), 1);
    assert.equal(upOf(a), 1);

    write(JSON.stringify([{ targets: [b], labels: { team: 'x' } }]));
    await until('the removed target gone', () => instances().length === 1);
    assert.deepEqual(instances(), [b]);
    // Scraped within the lookback, so only its stale marker hides it.
    await until('the stale marker', () => upOf(a) === 0);

    write('[{"targets": [');
    const warned = await until('the error shown', () =>
      engine.listTargets()[0]?.warnings.find((w) => /file_sd/.test(w)),
    );
    assert.match(warned, new RegExp(`file_sd ${sdFile}: not valid JSON`));
    assert.deepEqual(instances(), [b], 'the last good targets stay');
  } finally {
    await engine.close();
    server.close();
    dir.remove();
  }
});
