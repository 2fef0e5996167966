// A scrape whose commit the store refuses (a full disk) is a failed scrape: the outcome is down
// with the store's error, and `up` = 0 is stored for it when the disk still takes the few report
// samples; when it takes nothing, nothing of the scrape is stored. Space back: up again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ScrapeLoop, type ScrapeOutcome } from '../../../electron/engine/scrape/scrape-loop';
import { HttpClient } from '../../../electron/engine/scrape/http-fetch';
import { DnsCache } from '../../../electron/engine/scrape/dns-cache';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { uiTargetSpec } from '../../../electron/engine/targets';
import { defaultTargetInput } from '../../../shared/api';
import { FakeClock } from '../../helpers/fake-clock';
import { startExporter } from '../../helpers/exporter';
import { FaultyLogFs } from '../../helpers/faulty-log-fs';
import { tempDir } from '../../helpers/tmp';

test('a scrape the store cannot take is down with the reason, and up = 0 where that fits', async () => {
  const body = Array.from({ length: 200 }, (_, i) => `big_series{i="${i}"} ${i}\n`).join('');
  const exp = await startExporter({ kind: 'body', body });
  const dir = tempDir();
  const file = join(dir.path, 'promdesk.db');
  const fs = new FaultyLogFs();
  const store = new ChunkStore(file, { logFs: fs });
  const clock = new FakeClock(1_700_000_000_000);
  const client = new HttpClient(new DnsCache());
  const outcomes: ScrapeOutcome[] = [];
  const spec = uiTargetSpec({ ...defaultTargetInput, url: exp.url, job: 'j', intervalMs: 1000 });
  const loop = new ScrapeLoop(spec, {
    client,
    appender: (n) => store.appender(n),
    clock,
    onScrape: (o) => outcomes.push(o),
  });
  const scrape = async () => {
    clock.time += 1000;
    return loop.scrapeOnce(clock.time);
  };
  const upAt = (t: number) => {
    const s = store.select([{ name: '__name__', type: '=', value: 'up' }], t, t)[0];
    return s ? s.v[0] : undefined;
  };
  const seriesAt = (t: number) => store.select([{ name: '__name__', type: '=', value: 'big_series' }], t, t);
  try {
    const ok = await scrape();
    assert.equal(ok.up, true);
    assert.equal(upAt(ok.timestampMs), 1);

    // Room for the five report samples, not for the 205 of the scrape.
    fs.allow = 300;
    const partly = await scrape();
    assert.equal(partly.up, false);
    assert.equal(
      partly.error,
      `storing the scrape failed: ENOSPC: no space left on device, write '${file}-samples'`,
    );
    assert.equal(partly.samples, 200, 'what was scraped is still reported');
    assert.equal(upAt(partly.timestampMs), 0, 'up = 0 is stored for the scrape');
    assert.equal(seriesAt(partly.timestampMs).length, 0, 'nothing of the scrape itself');

    fs.allow = 0;
    const none = await scrape();
    assert.equal(none.up, false);
    assert.match(none.error ?? '', /^storing the scrape failed: ENOSPC/);
    assert.equal(upAt(none.timestampMs), undefined, 'not even up could be stored');
    assert.equal(store.stats.commitFailures, 3, 'the scrape twice, its report once');

    fs.heal();
    const back = await scrape();
    assert.equal(back.up, true);
    assert.equal(back.error, null);
    assert.equal(upAt(back.timestampMs), 1);
    assert.equal(seriesAt(back.timestampMs).length, 200);
    assert.deepEqual(
      outcomes.map((o) => o.up),
      [true, false, false, true],
    );
  } finally {
    await loop.stop(false);
    client.close();
    store.close();
    await exp.close();
    dir.remove();
  }
});
