import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ScrapeLoop,
  nextTick,
  scrapeOffsetMs,
  type ScrapeOutcome,
} from '../../../electron/engine/scrape/scrape-loop';
import { HttpClient } from '../../../electron/engine/scrape/http-fetch';
import { DnsCache } from '../../../electron/engine/scrape/dns-cache';
import { openTempStore } from '../../helpers/app-store';
import { uiTargetSpec } from '../../../electron/engine/targets';
import { defaultTargetInput } from '../../../shared/api';
import { FakeClock } from '../../helpers/fake-clock';
import { startExporter } from '../../helpers/exporter';

test('ticks are aligned to interval + a stable per-target offset', () => {
  const off = scrapeOffsetMs('job|http://a:1/metrics', 15_000);
  assert.equal(off, scrapeOffsetMs('job|http://a:1/metrics', 15_000), 'stable');
  assert.ok(off >= 0 && off < 15_000);
  assert.notEqual(off, scrapeOffsetMs('job|http://b:1/metrics', 15_000), 'targets spread out');
  assert.equal(nextTick(0, 1000, 250), 250);
  assert.equal(nextTick(250, 1000, 250), 1250, 'strictly after now');
  assert.equal(nextTick(1249, 1000, 250), 1250);
});

test('one loop per target: scrapes on its ticks, never two at once', async () => {
  const exp = await startExporter({ kind: 'body', body: 'a 1\n' });
  const clock = new FakeClock(1_000_000);
  const store = openTempStore();
  const client = new HttpClient(new DnsCache());
  const outcomes: ScrapeOutcome[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const spec = uiTargetSpec({
    ...defaultTargetInput,
    url: exp.url,
    job: 'j',
    intervalMs: 1000,
    timeoutMs: 900,
  });
  const loop = new ScrapeLoop(spec, {
    client: {
      fetch: async (...args: Parameters<HttpClient['fetch']>) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await client.fetch(...args);
        } finally {
          inFlight--;
        }
      },
    } as HttpClient,
    appender: () => store.appender(),
    clock,
    onScrape: (o) => outcomes.push(o),
  });
  const settle = async () => {
    // Let the real HTTP round trip and the commit finish before time moves on.
    for (let i = 0; i < 50 && inFlight + (clock.pending.length === 0 ? 1 : 0) > 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    loop.start();
    const offset = scrapeOffsetMs(`j|${exp.url}`, 1000);
    assert.deepEqual(clock.pending, [nextTick(1_000_000, 1000, offset)]);
    await clock.advance(5000, settle);
    assert.equal(outcomes.length, 5);
    assert.equal(maxInFlight, 1);
    for (const o of outcomes) assert.equal((o.timestampMs - offset) % 1000, 0, 'stamped on the tick');
    assert.ok(outcomes.every((o) => o.up));
    await loop.stop(false);
    assert.equal(clock.pending.length, 0);
  } finally {
    client.close();
    store.close();
    await exp.close();
  }
});

test('a scrape that overruns its interval skips the ticks it missed instead of piling up', async () => {
  const exp = await startExporter({ kind: 'body', body: 'a 1\n' });
  const clock = new FakeClock(2_000_000);
  const store = openTempStore();
  const client = new HttpClient(new DnsCache());
  const stamps: number[] = [];
  let busy = false;
  const spec = uiTargetSpec({
    ...defaultTargetInput,
    url: exp.url,
    job: 'slow',
    intervalMs: 1000,
    timeoutMs: 900,
  });
  const loop = new ScrapeLoop(spec, {
    client: {
      fetch: async (...args: Parameters<HttpClient['fetch']>) => {
        busy = true;
        try {
          const res = await client.fetch(...args);
          clock.time += 2500; // this scrape "took" 2.5 intervals
          return res;
        } finally {
          busy = false;
        }
      },
    } as HttpClient,
    appender: () => store.appender(),
    clock,
    onScrape: (o) => stamps.push(o.timestampMs),
  });
  const settle = async () => {
    for (let i = 0; i < 100 && (busy || clock.pending.length === 0); i++)
      await new Promise((r) => setTimeout(r, 5));
  };
  try {
    loop.start();
    await clock.advance(8000, settle);
    assert.ok(stamps.length >= 2);
    for (let i = 1; i < stamps.length; i++) {
      assert.equal(stamps[i] - stamps[i - 1], 3000, 'the two ticks inside the slow scrape are skipped');
    }
  } finally {
    await loop.stop(false);
    client.close();
    store.close();
    await exp.close();
  }
});
