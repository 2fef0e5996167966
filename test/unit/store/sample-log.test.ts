// The sample log (the file WAL of head appends): records round-trip every kind of value, and a
// torn or garbled tail — what a crash in the middle of a write leaves — ends replay at the last
// intact record and is cut off, so later appends do not follow garbage. Replay says where it
// stopped and why, and keeps the skipped bytes in a file aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SampleLog, describeLogDamage, type ReplayResult } from '../../../electron/engine/store/sample-log';
import { SampleBatch } from '../../../electron/engine/store/sample-batch';
import type { StoredSeries } from '../../../electron/engine/store/types';
import { tempDir } from '../../helpers/tmp';

type Row = [number, number, number, boolean];

function batch(rows: Row[]): SampleBatch<StoredSeries> {
  const b = new SampleBatch<StoredSeries>();
  for (const [id, t, v, stale] of rows) b.push({ id, labels: {} }, t, v, stale);
  return b;
}

function replayAll(path: string): Row[] {
  return replayWith(path).rows;
}

function replayWith(path: string): { rows: Row[]; result: ReplayResult } {
  const log = new SampleLog(path);
  const rows: Row[] = [];
  const result = log.replay((id, t, v, stale) => rows.push([id, t, v, stale]));
  log.close(false);
  return { rows, result };
}

const asideFiles = (dir: string) => readdirSync(dir).filter((f) => f.includes('.damaged-'));

const first: Row[] = [
  [1, 1_700_000_000_000, 1.5, false],
  [300_000, 1_700_000_000_000, -0, false],
  [2, 1_700_000_000_000, NaN, false],
  [3, 1_700_000_000_001, Infinity, false],
  [4, 1_699_999_999_000, -Infinity, false],
  [5, -5, NaN, true],
  [6, 2 ** 49, Number.MAX_VALUE, false],
  [7, 0, 5e-324, false],
  [8, 1, 0.1, false],
];
const second: Row[] = Array.from({ length: 1000 }, (_, i) => [i + 1, 1_700_000_001_000, i / 7, i % 9 === 0]);

test('records round-trip ids, timestamps, NaN, ±Inf, -0 and stale markers', () => {
  const dir = tempDir();
  try {
    const path = join(dir.path, 'x-samples');
    const log = new SampleLog(path);
    log.append(batch(first));
    log.append(batch(second));
    log.close(false);
    const back = replayAll(path);
    const want = [...first, ...second].map(([id, t, v, stale]): Row => [id, t, stale ? NaN : v, stale]);
    assert.equal(back.length, want.length);
    back.forEach((r, i) => {
      assert.deepEqual([r[0], r[1], r[3]], [want[i][0], want[i][1], want[i][3]]);
      assert.ok(Object.is(r[2], want[i][2]), `value ${i}: ${r[2]} vs ${want[i][2]}`);
    });
  } finally {
    dir.remove();
  }
});

test('a torn or garbled tail ends replay at the last intact record and is cut off', () => {
  const dir = tempDir();
  try {
    const path = join(dir.path, 'y-samples');
    const log = new SampleLog(path);
    log.append(batch(first));
    const intact = log.length;
    log.append(batch(second));
    log.close(false);
    const full = readFileSync(path);

    // Torn: the second record only half written.
    const torn = intact + Math.floor((full.length - intact) / 2);
    truncateSync(path, torn);
    const r = replayWith(path);
    assert.equal(r.rows.length, first.length);
    assert.equal(statSync(path).size, intact, 'the torn tail is cut off');
    const d = r.result.damage;
    assert.ok(d, 'replay reports where it stopped');
    assert.deepEqual([d.file, d.offset, d.size], [path, intact, torn]);
    assert.match(
      describeLogDamage(d),
      new RegExp(`y-samples: replay stopped at byte ${intact} of ${torn} .*cut short`),
    );
    assert.deepEqual(
      readFileSync(d.setAside!),
      full.subarray(intact, torn),
      'the skipped bytes are kept aside',
    );

    // Garbled: the second record complete but with a flipped byte.
    const garbled = Buffer.from(full);
    garbled[full.length - 100] ^= 0xff;
    writeFileSync(path, garbled);
    assert.equal(replayAll(path).length, first.length);
    assert.equal(statSync(path).size, intact);

    // Appends after a cut tail replay normally.
    const again = new SampleLog(path);
    again.replay(() => undefined);
    again.append(batch(second));
    again.close(false);
    assert.equal(replayAll(path).length, first.length + second.length);

    // Zeros after the end (a file extended but never written): ignored and cut, nothing kept.
    const before = asideFiles(dir.path).length;
    appendFileSync(path, Buffer.alloc(64));
    const z = replayWith(path);
    assert.equal(z.rows.length, first.length + second.length);
    assert.equal(z.result.damage?.setAside, null);
    assert.equal(asideFiles(dir.path).length, before);
  } finally {
    dir.remove();
  }
});

test('damage in the middle: replay stops there, counts the intact records after it, keeps them aside', () => {
  const dir = tempDir();
  try {
    const path = join(dir.path, 'z-samples');
    const log = new SampleLog(path);
    log.append(batch(first));
    const bad = log.length;
    log.append(batch(second));
    const after = log.length;
    for (let i = 0; i < 3; i++) log.append(batch(second));
    log.close(false);
    const full = readFileSync(path);
    const garbled = Buffer.from(full);
    garbled[bad + 20] ^= 0x55;
    writeFileSync(path, garbled);

    const { rows, result } = replayWith(path);
    assert.equal(rows.length, first.length, 'nothing after the damage is replayed');
    const d = result.damage!;
    assert.equal(d.offset, bad);
    assert.equal(d.size, full.length);
    assert.match(d.reason, /checksum/);
    assert.equal(d.recordsAfter, 3);
    assert.equal(d.samplesAfter, 3 * second.length);
    assert.match(describeLogDamage(d), /holding 3 intact records \(3000 samples\) after the damage/);
    assert.deepEqual(readFileSync(d.setAside!), garbled.subarray(bad), 'kept as they were');
    assert.equal(statSync(path).size, bad);
    assert.ok(after > bad);

    // A record with a good checksum whose sample count overruns it: reported, not thrown.
    const forged = Buffer.alloc(8 + 4);
    forged.writeUInt32LE(4, 0);
    forged.set([0xff, 0xff, 0xff, 0x0f], 8); // n = 2^25 - 1 samples in 4 bytes
    let h = 0x811c9dc5;
    for (const b of forged.subarray(8)) h = Math.imul(h ^ b, 0x01000193);
    forged.writeUInt32LE(h >>> 0, 4);
    appendFileSync(path, forged);
    const f = replayWith(path);
    assert.equal(f.rows.length, first.length);
    assert.match(f.result.damage!.reason, /does not decode: it claims 33554431 samples in 4 bytes/);
  } finally {
    dir.remove();
  }
});
