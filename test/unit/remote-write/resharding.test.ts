import { test } from 'node:test';
import assert from 'node:assert/strict';
import { desiredShards, type ReshardInput } from '../../../electron/engine/remote-write/resharding';
import { MAX_SHARDS, RemoteWriteSender } from '../../../electron/engine/remote-write/sender';
import { tempDir } from '../../helpers/tmp';
import { batch, config, received, sample, startReceiver, until } from './test-receiver';

const base: ReshardInput = {
  current: 2,
  min: 1,
  max: 8,
  intervalMs: 10_000,
  samplesIn: 0,
  samplesOut: 0,
  sendMs: 0,
  pending: 0,
  failed: false,
};

test('desiredShards: up when sends cannot keep up, down when idle, steady within ±30 %, none while failing', () => {
  // 10 ms per sample, 5000 arrived and 5000 pending: 100 s of sending per 10 s -> max.
  assert.equal(
    desiredShards({ ...base, samplesIn: 5000, samplesOut: 1000, sendMs: 10_000, pending: 5000 }),
    8,
  );
  // 3 ms per sample for 10 000 samples: 30 s of work in 10 s -> 3 shards.
  assert.equal(desiredShards({ ...base, samplesIn: 10_000, samplesOut: 10_000, sendMs: 30_000 }), 3);
  // 2.2 shards' worth of work with 2 shards: within tolerance, stays.
  assert.equal(desiredShards({ ...base, samplesIn: 10_000, samplesOut: 10_000, sendMs: 22_000 }), 2);
  // Idle: nothing in, nothing pending.
  assert.equal(desiredShards({ ...base, current: 6 }), 1);
  assert.equal(desiredShards({ ...base, current: 6, samplesIn: 10, samplesOut: 10, sendMs: 5 }), 1);
  // Failing: more shards do not help.
  assert.equal(
    desiredShards({ ...base, samplesIn: 5000, samplesOut: 100, sendMs: 10_000, pending: 9000, failed: true }),
    2,
  );
  // Pending but nothing sent (waiting for a batch deadline): stays.
  assert.equal(desiredShards({ ...base, pending: 50 }), 2);
  // Bounds.
  assert.equal(desiredShards({ ...base, current: 1, min: 3 }), 3);
});

test('a slow receiver makes the shards go up to max; an idle one brings them back to min; order holds', async () => {
  const rec = await startReceiver();
  rec.delayMs = 40;
  const dir = tempDir();
  const cfg = config(rec.url);
  cfg.queue = { ...cfg.queue, minShards: 1, maxShards: 4, maxSamplesPerSend: 20, batchSendDeadlineMs: 10 };
  const s = new RemoteWriteSender(cfg, { dataDir: dir.path, log: () => {}, reshardEveryMs: 250 });
  const names = Array.from({ length: 40 }, (_, i) => `m${i}`);
  let t = 0;
  try {
    assert.equal(s.shards, 1);
    s.start();
    // ~2000 samples/s against one shard that manages 20 per 40 ms (500/s).
    let maxSeen = 1;
    const feeder = setInterval(() => {
      t++;
      s.enqueue(batch(names.map((n) => sample(n, t))));
      maxSeen = Math.max(maxSeen, s.shards);
    }, 20);
    try {
      await until('shards at max', () => s.shards === 4, 8000);
    } finally {
      clearInterval(feeder);
    }
    assert.ok(maxSeen <= 4 && 4 <= MAX_SHARDS);
    await until('queue drained', () => s.queue.stats.samples === 0, 10_000);
    await until('shards back at min', () => s.shards === 1, 5000);
    const got = received(rec);
    assert.equal(new Set(got.map(([n, ts]) => `${n}@${ts}`)).size, names.length * t, 'nothing lost');
    for (const n of names) {
      const ts = got.filter(([m]) => m === n).map(([, x]) => x);
      assert.deepEqual(
        ts,
        [...ts].sort((a, b) => a - b),
        `samples of ${n} in order across reshards`,
      );
    }
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});

test('no resharding while the receiver fails; max_shards above the bound is capped', async () => {
  const rec = await startReceiver();
  rec.status = () => 503;
  const dir = tempDir();
  const cfg = config(rec.url);
  cfg.queue = { ...cfg.queue, minShards: 2, maxShards: 1000, maxSamplesPerSend: 5 };
  const s = new RemoteWriteSender(cfg, { dataDir: dir.path, log: () => {}, reshardEveryMs: 100 });
  try {
    assert.equal(s.maxShards, MAX_SHARDS);
    s.start();
    for (let t = 1; t <= 50; t++) s.enqueue(batch(['a', 'b', 'c', 'd'].map((n) => sample(n, t))));
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(s.shards, 2);
    assert.ok(s.metrics.samplesRetried > 0);
  } finally {
    await s.close();
    await rec.close();
    dir.remove();
  }
});
