// A full disk under the sample log: writes that fail at every byte offset of a record, with and
// without a failing ftruncate after them. Whatever the offset, the failed append throws an error
// naming the file, leaves no torn bytes for later records to follow, and replay returns exactly
// the records whose append returned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SampleLog } from '../../../electron/engine/store/sample-log';
import { SampleBatch } from '../../../electron/engine/store/sample-batch';
import type { StoredSeries } from '../../../electron/engine/store/types';
import { tempDir } from '../../helpers/tmp';
import { FaultyLogFs } from '../../helpers/faulty-log-fs';

type Row = [number, number, number, boolean];

function batch(rows: Row[]): SampleBatch<StoredSeries> {
  const b = new SampleBatch<StoredSeries>();
  for (const [id, t, v, stale] of rows) b.push({ id, labels: {} }, t, v, stale);
  return b;
}

const rowsOf = (tag: number, n: number): Row[] =>
  Array.from({ length: n }, (_, i): Row => [
    i + 1,
    1_700_000_000_000 + tag * 1000,
    tag * 100 + i / 3,
    i === 2,
  ]);

const A = rowsOf(1, 20);
const B = rowsOf(2, 40);
const C = rowsOf(3, 30);
const D = rowsOf(4, 10);

/** What a fresh open replays, through the real file system. */
function replayAll(path: string): { rows: Row[]; damaged: boolean } {
  const log = new SampleLog(path);
  const rows: Row[] = [];
  const r = log.replay((id, t, v, stale) => rows.push([id, t, v, stale]));
  log.close(false);
  return { rows, damaged: r.damage !== null };
}

function same(got: Row[], want: Row[], what: string): void {
  const norm = (rows: Row[]) => rows.map(([id, t, v, s]) => [id, t, s ? 'stale' : v, s]);
  assert.deepEqual(norm(got), norm(want), what);
}

/** The bytes one record of these rows takes in the log. */
function recordBytes(rows: Row[], dir: string): number {
  const log = new SampleLog(join(dir, 'measure'));
  log.append(batch(rows));
  const n = log.length;
  log.close(true);
  return n;
}

test('a write failing at every offset of a record: the log is cut back, later records replay', () => {
  const dir = tempDir();
  try {
    const size = recordBytes(B, dir.path);
    assert.ok(size > 400, `a record of ${size} bytes`);
    for (const maxWrite of [Infinity, 7]) {
      for (let k = 0; k < size; k++) {
        const path = join(dir.path, `k${k}-${maxWrite}`);
        const fs = new FaultyLogFs();
        fs.maxWrite = maxWrite;
        const log = new SampleLog(path, fs);
        log.append(batch(A));
        const whole = log.length;
        fs.allow = k;
        assert.throws(
          () => log.append(batch(B)),
          (err: NodeJS.ErrnoException) => err.code === 'ENOSPC' && err.message.includes(path),
          `offset ${k}`,
        );
        assert.equal(statSync(path).size, whole, `offset ${k}: cut back to the last whole record`);
        fs.heal();
        log.append(batch(C));
        log.close(false);
        const back = replayAll(path);
        assert.equal(back.damaged, false, `offset ${k}: nothing to skip`);
        same(back.rows, [...A, ...C], `offset ${k} (writes of at most ${maxWrite} bytes)`);
      }
    }
  } finally {
    dir.remove();
  }
});

test('when cutting back fails too, the next append cuts first, or fails naming the file', () => {
  const dir = tempDir();
  try {
    const size = recordBytes(B, dir.path);
    for (const k of [1, 8, 9, Math.floor(size / 2), size - 1]) {
      const path = join(dir.path, `t${k}`);
      const fs = new FaultyLogFs();
      const log = new SampleLog(path, fs);
      log.append(batch(A));
      fs.allow = k;
      fs.failTruncates = 2;
      assert.throws(() => log.append(batch(B)), /ENOSPC/);
      // The torn bytes are still there; space is back but ftruncate fails once more.
      fs.allow = Infinity;
      assert.throws(
        () => log.append(batch(C)),
        (err: Error) => /cutting a failed append off/.test(err.message) && err.message.includes(path),
      );
      assert.equal(fs.failTruncates, 0);
      log.append(batch(D));
      log.close(false);
      same(replayAll(path).rows, [...A, ...D], `offset ${k}`);
    }
  } finally {
    dir.remove();
  }
});

test('a crash before the torn bytes could be cut: replay stops there, reports it, keeps them aside', () => {
  const dir = tempDir();
  try {
    const path = join(dir.path, 'p.db-samples');
    const fs = new FaultyLogFs();
    const log = new SampleLog(path, fs);
    log.append(batch(A));
    const whole = log.length;
    fs.allow = 100;
    fs.failTruncates = Infinity;
    assert.throws(() => log.append(batch(B)), /ENOSPC/);
    log.close(false); // cannot cut either: as if the process died here
    assert.equal(statSync(path).size, whole + 100);

    const again = new SampleLog(path);
    const rows: Row[] = [];
    const r = again.replay((...row) => rows.push(row));
    same(rows, A, 'the intact record');
    assert.ok(r.damage);
    assert.equal(r.damage.offset, whole);
    assert.equal(r.damage.size, whole + 100);
    assert.match(r.damage.reason, /cut short/);
    assert.equal(r.damage.recordsAfter, 0);
    assert.ok(r.damage.setAside && existsSync(r.damage.setAside));
    assert.equal(readFileSync(r.damage.setAside).length, 100, 'the skipped bytes are kept');
    assert.equal(statSync(path).size, whole);
    again.append(batch(C));
    again.close(false);
    same(replayAll(path).rows, [...A, ...C], 'appends follow the intact records');
    assert.equal(readdirSync(dir.path).filter((f) => f.includes('.damaged-')).length, 1);
  } finally {
    dir.remove();
  }
});
