import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DiskQueue } from '../../../electron/engine/remote-write/queue';
import { tempDir } from '../../helpers/tmp';

test('disk queue: per-shard order, sample-bounded peeks, durable across reopen, delete counts', () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'q.db');
    let q = new DiskQueue(file);
    for (let i = 0; i < 6; i++) q.append(i % 2, 1000 + i, 10, Uint8Array.of(i));
    assert.deepEqual(q.stats, { records: 6, samples: 60, bytes: 6 });
    q.close();
    q = new DiskQueue(file);
    assert.deepEqual(q.stats, { records: 6, samples: 60, bytes: 6 });
    const even = q.peek(0, 2, 25);
    assert.deepEqual(
      even.map((r) => r.body[0]),
      [0, 2],
    );
    // A single record larger than the bound still comes out (never stuck).
    assert.equal(q.peek(1, 2, 5).length, 1);
    assert.equal(q.delete(even.map((r) => r.id)), 20);
    assert.equal(q.delete(even.map((r) => r.id)), 0);
    assert.deepEqual(
      q.peek(0, 2, 100).map((r) => r.body[0]),
      [4],
    );
    assert.deepEqual(q.stats, { records: 4, samples: 40, bytes: 4 });
    q.close();
  } finally {
    dir.remove();
  }
});

test('disk queue: trim by age and by bytes drops the oldest, counted', () => {
  const dir = tempDir();
  try {
    const q = new DiskQueue(join(dir.path, 'q.db'));
    for (let i = 0; i < 5; i++) q.append(0, i * 1000, 3, new Uint8Array(100));
    assert.equal(q.trim(5000, 3500, 1e9), 6); // created at 0 and 1000 are older than 1500
    assert.equal(q.trim(5000, 1e9, 250), 3); // 300 bytes left -> drop one
    assert.deepEqual(q.stats, { records: 2, samples: 6, bytes: 200 });
    q.close();
  } finally {
    dir.remove();
  }
});
