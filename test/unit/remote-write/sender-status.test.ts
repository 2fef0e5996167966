import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl, splitCredentials } from '../../../electron/engine/remote-write/url-secrets';
import { RemoteWriteSender } from '../../../electron/engine/remote-write/sender';
import { RemoteWriteSenders } from '../../../electron/engine/remote-write/senders';
import { FAILING_AFTER_MS, SendHealth } from '../../../electron/engine/remote-write/send-health';
import { tempDir } from '../../helpers/tmp';
import { batch, config, sample, startReceiver, until } from './test-receiver';

test('send health: retrying, failing after a long retry streak or a dropped batch, ok after a success', () => {
  const h = new SendHealth();
  assert.equal(h.state(0), 'ok');
  h.retry('HTTP 503', 1000);
  assert.equal(h.state(1000), 'retrying');
  h.retry('HTTP 503 again', 5000);
  assert.equal(h.state(1000 + FAILING_AFTER_MS - 1), 'retrying');
  assert.equal(h.state(1000 + FAILING_AFTER_MS), 'failing', 'the streak counts from its first failure');
  assert.deepEqual([h.lastError, h.lastErrorMs], ['HTTP 503 again', 5000]);
  h.ok();
  assert.equal(h.state(99_999), 'ok');
  assert.equal(h.lastError, 'HTTP 503 again', 'the last error stays on show');
  h.drop('HTTP 400: bad', 100_000);
  assert.equal(h.state(100_000), 'failing');
});

test('URL credentials: masked for show, split off for sending', () => {
  assert.deepEqual(splitCredentials('http://u%40x:p%3Aw@vm.lan/w'), {
    url: 'http://vm.lan/w',
    basicAuth: { username: 'u@x', password: 'p:w' },
  });
  assert.deepEqual(splitCredentials('http://vm.lan/w'), { url: 'http://vm.lan/w', basicAuth: null });
  assert.equal(
    redactUrl('https://u:secret@vm.lan:8428/api/v1/write'),
    'https://u:xxxxx@vm.lan:8428/api/v1/write',
  );
  assert.equal(redactUrl('http://vm.lan/api/v1/write?x=1'), 'http://vm.lan/api/v1/write?x=1');
  assert.equal(redactUrl('not a url'), 'not a url');
});

test('status: counters, queue, oldest age, shards and state follow the sends; no secrets', async () => {
  const rec = await startReceiver();
  const dir = tempDir();
  let clock = 1_000_000;
  const url = rec.url.replace('http://', 'http://user:hunter2@');
  const cfg = config(url, { name: 'vm' });
  cfg.queue = { ...cfg.queue, minShards: 1, maxShards: 3 };
  const senders = new RemoteWriteSenders([cfg], { dataDir: dir.path, log: () => {}, now: () => clock });
  const s: RemoteWriteSender = senders.senders[0];
  try {
    rec.status = () => 503;
    const idle = senders.status()[0];
    assert.deepEqual(
      { ...idle, url: idle.url.replace(/:\d+\//, ':PORT/') },
      {
        name: 'vm',
        url: 'http://user:xxxxx@127.0.0.1:PORT/api/v1/write',
        state: 'ok',
        lastError: null,
        lastErrorMs: null,
        samplesSent: 0,
        samplesFailed: 0,
        samplesDropped: 0,
        samplesRetried: 0,
        pendingSamples: 0,
        pendingBytes: 0,
        oldestPendingAgeMs: null,
        shards: 1,
        minShards: 1,
        maxShards: 3,
        lastSendMs: null,
      },
    );
    assert.doesNotMatch(JSON.stringify(idle), /hunter2/);
    senders.enqueue(batch([sample('a', 1), sample('b', 1)]));
    clock += 1500;
    senders.start();
    await until('a failed send', () => s.metrics.samplesRetried > 0);
    let st = senders.status()[0];
    assert.equal(st.state, 'retrying');
    assert.match(st.lastError ?? '', /^HTTP 503/);
    const auth = `Basic ${Buffer.from('user:hunter2').toString('base64')}`;
    assert.equal(rec.requests[0].headers.authorization, auth, 'URL credentials sent as basic auth');
    assert.equal(st.lastErrorMs, clock);
    assert.equal(st.pendingSamples, 2);
    assert.ok(st.pendingBytes > 0);
    assert.equal(st.oldestPendingAgeMs, 1500);
    clock += FAILING_AFTER_MS;
    const retried = s.metrics.samplesRetried;
    await until('another failed send', () => s.metrics.samplesRetried > retried);
    assert.equal(senders.status()[0].state, 'failing');
    rec.status = () => 200;
    await until('sent', () => s.metrics.samplesSent === 2);
    st = senders.status()[0];
    assert.equal(st.state, 'ok');
    assert.equal(st.pendingSamples, 0);
    assert.equal(st.oldestPendingAgeMs, null);
    assert.equal(st.lastSendMs, clock);
    assert.ok(st.samplesRetried >= 4);
    assert.match(
      senders.renderMetrics(),
      /promdesk_remote_write_samples_sent_total\{url="http:\/\/user:xxxxx@[^"]+"\} 2/,
    );
  } finally {
    await senders.close();
    await rec.close();
    dir.remove();
  }
});

test('a receiver that is not listening: the error says the connection was refused', async () => {
  const rec = await startReceiver();
  const url = rec.url;
  await rec.close();
  const dir = tempDir();
  const s = new RemoteWriteSender(config(url), { dataDir: dir.path, log: () => {} });
  try {
    s.start();
    s.enqueue(batch([sample('a', 1)]));
    await until('a failed send', () => s.metrics.samplesRetried > 0);
    assert.match(s.status().lastError ?? '', /ECONNREFUSED/);
  } finally {
    await s.close();
    dir.remove();
  }
});
