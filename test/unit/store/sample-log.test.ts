// The sample log (the file WAL of head appends): records round-trip every kind of value, and a
// torn or garbled tail — what a crash in the middle of a write leaves — ends replay at the last
// intact record and is cut off, so later appends do not follow garbage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SampleLog } from '../../../electron/engine/store/sample-log';
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
  const log = new SampleLog(path);
  const out: Row[] = [];
  log.replay((id, t, v, stale) => out.push([id, t, v, stale]));
  log.close(false);
  return out;
}

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
    truncateSync(path, intact + Math.floor((full.length - intact) / 2));
    assert.equal(replayAll(path).length, first.length);
    assert.equal(statSync(path).size, intact, 'the torn tail is cut off');

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

    // Zeros after the end (a file extended but never written): ignored and cut.
    appendFileSync(path, Buffer.alloc(64));
    assert.equal(replayAll(path).length, first.length + second.length);
  } finally {
    dir.remove();
  }
});
