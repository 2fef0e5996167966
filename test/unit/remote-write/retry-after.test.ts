import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryAfterMs } from '../../../electron/engine/remote-write/retry-after';
import { RemoteWriteSender } from '../../../electron/engine/remote-write/sender';
import { tempDir } from '../../helpers/tmp';
import { batch, config, received, sample, startReceiver, until } from './test-receiver';

test('Retry-After: delay-seconds and HTTP dates; absent, past, zero or garbage give null', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs(' 120 ', now), 120_000);
  assert.equal(retryAfterMs('Wed, 01 May 2024 12:00:07 GMT', now), 7000);
  assert.equal(retryAfterMs('Wed, 01 May 2024 11:59:00 GMT', now), null);
  assert.equal(retryAfterMs('0', now), null);
  assert.equal(retryAfterMs('-5', now), null);
  assert.equal(retryAfterMs('soon', now), null);
  assert.equal(retryAfterMs('', now), null);
  assert.equal(retryAfterMs(null, now), null);
});

test('503 with Retry-After (seconds, then an HTTP date) waits that long instead of the backoff', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  const cfg = config(rec.url);
  cfg.queue = { ...cfg.queue, minBackoffMs: 20, maxBackoffMs: 5000 };
  const s = new RemoteWriteSender(cfg, { dataDir: dir.path, log: () => {} });
  try {
    rec.status = (n) => (n <= 2 ? 503 : 200);
    // HTTP dates have whole seconds: 2 s ahead is between 1 and 2 s away.
    rec.headers = (n): Record<string, string> =>
      n === 1
        ? { 'Retry-After': '1' }
        : n === 2
          ? { 'Retry-After': new Date(Date.now() + 2000).toUTCString() }
          : {};
    s.start();
    s.enqueue(batch([sample('a', 1)]));
    await until('delivery after two Retry-After waits', () => s.metrics.samplesSent === 1, 8000);
    const [g1, g2] = [rec.requests[1].at - rec.requests[0].at, rec.requests[2].at - rec.requests[1].at];
    assert.ok(g1 >= 950 && g1 < 1500, `Retry-After: 1 waited ${g1} ms`);
    assert.ok(g2 >= 950 && g2 < 2500, `Retry-After: <date> waited ${g2} ms`);
    assert.equal(s.metrics.samplesRetried, 2);
    assert.equal(s.metrics.samplesSent, 1);
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});

test('Retry-After is bounded by max_backoff', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  const cfg = config(rec.url);
  cfg.queue = { ...cfg.queue, minBackoffMs: 20, maxBackoffMs: 300 };
  const s = new RemoteWriteSender(cfg, { dataDir: dir.path, log: () => {} });
  try {
    rec.status = (n) => (n === 1 ? 503 : 200);
    rec.headers = () => ({ 'Retry-After': '3600' });
    s.start();
    s.enqueue(batch([sample('a', 1)]));
    await until('delivery', () => s.metrics.samplesSent === 1, 3000);
    const gap = rec.requests[1].at - rec.requests[0].at;
    assert.ok(gap >= 280 && gap < 1000, `waited ${gap} ms`);
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});

test('429 is dropped like other 4xx unless retry_on_http_429 (as in Prometheus 2.42)', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  const s = new RemoteWriteSender(config(rec.url), { dataDir: dir.path, log: () => {} });
  try {
    rec.status = (n) => (n === 1 ? 429 : 200);
    rec.headers = () => ({ 'Retry-After': '1' });
    s.start();
    s.enqueue(batch([sample('a', 1)]));
    await until('429 counted as failed', () => s.metrics.samplesFailed === 1);
    s.enqueue(batch([sample('a', 2)]));
    await until('next batch delivered', () => s.metrics.samplesSent === 1);
    assert.deepEqual(received(rec), [['a', 2, 2]]);
    assert.equal(s.metrics.samplesRetried, 0);
    const st = s.status();
    assert.equal(st.state, 'ok', 'the later success clears the state');
    assert.match(st.lastError ?? '', /HTTP 429/);
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});
