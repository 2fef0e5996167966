// The bulk import path (`promdesk import` writing closed chunks directly) against the slow path
// (every sample through the appender, head and sample log): the same files give the same
// samples, bit for bit, and the same counts; series the store already held keep the store's
// rules; and a kill -9 in the middle of an import leaves the stored data intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportSession, importFile, type ImportSummary } from '../../../electron/import-file';
import { openStore } from '../../../electron/engine/store/open-store';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import { forEachSample } from '../../../electron/engine/scrape/parse-body';
import { seriesLabels } from '../../../shared/exposition';
import type { LabelSet } from '../../../shared/api';
import type { SeriesSamples } from '../../../electron/engine/store/types';
import { tempDir } from '../../helpers/tmp';

const T0 = 1_700_000_000_000;

/** Samples as OpenMetrics lines: several 2 h windows, more than 240 a window, and the awkward cases. */
function omFile(seed: number): string {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines: string[] = ['# TYPE load gauge'];
  for (let s = 0; s < 4; s++) {
    for (let i = 0; i < 1500; i++) {
      const t = T0 + i * 10_000 + Math.floor(rnd() * 7);
      let v = String(Math.round(rnd() * 1e6) / 1000);
      if (i % 97 === 0) v = 'NaN';
      if (i % 131 === 0) v = '-0';
      lines.push(`load{host="h${s}"} ${v} ${(t / 1000).toFixed(3)}`);
      if (i % 50 === 7) lines.push(`load{host="h${s}"} ${v} ${(t / 1000).toFixed(3)}`); // exact repeat
      if (i % 61 === 3) lines.push(`load{host="h${s}"} 1 ${(t / 1000).toFixed(3)}`); // duplicate
      if (i % 70 === 5) lines.push(`load{host="h${s}"} 2 ${((t - 30_000) / 1000).toFixed(3)}`); // out of order
    }
  }
  // One series written in two runs, the second interleaved with another series.
  lines.push('# TYPE split counter');
  for (let i = 0; i < 600; i++) lines.push(`split_total{p="a"} ${i} ${(T0 + i * 15_000) / 1000}`);
  for (let i = 0; i < 600; i++) {
    lines.push(`split_total{p="b"} ${i} ${(T0 + i * 15_000) / 1000}`);
    lines.push(`split_total{p="a"} ${600 + i} ${(T0 + (600 + i) * 15_000) / 1000}`);
  }
  return lines.join('\n') + '\n# EOF\n';
}

/** What the import did before the bulk path: every sample through the store's appender. */
function slowImport(store: ChunkStore, file: string, body: Buffer): Omit<ImportSummary, 'slowPath'> {
  const summary = { file, samples: 0, series: 0, outOfOrder: 0, duplicates: 0 };
  const series = new Set<string>();
  let app = store.appender();
  let pending = 0;
  forEachSample(body, 'application/openmetrics-text; version=1.0.0', (name, flat, value, ts) => {
    const sorted = seriesLabels(name, flat);
    const labels: LabelSet = {};
    for (let i = 0; i < sorted.length; i += 2) labels[sorted[i]] = sorted[i + 1];
    series.add(JSON.stringify(sorted));
    const outcome = app.append(labels, ts!, value);
    if (outcome === 'ok') summary.samples++;
    else if (outcome === 'out_of_order') summary.outOfOrder++;
    else if (outcome === 'duplicate') summary.duplicates++;
    if (++pending >= 1000) {
      app.commit();
      app = store.appender();
      pending = 0;
    }
  });
  app.commit();
  summary.series = series.size;
  return summary;
}

function everything(store: ChunkStore): SeriesSamples[] {
  return store
    .select([{ type: '=~', name: '__name__', value: '.+' }], -Infinity, Infinity)
    .sort((a, b) => (JSON.stringify(a.labels) < JSON.stringify(b.labels) ? -1 : 1));
}

/** Bit-for-bit equality of two selects (NaN and -0 included). */
function assertSameSamples(got: SeriesSamples[], want: SeriesSamples[]): void {
  assert.deepEqual(
    got.map((s) => s.labels),
    want.map((s) => s.labels),
  );
  for (let i = 0; i < want.length; i++) {
    assert.deepEqual([...got[i].t], [...want[i].t], `timestamps of ${JSON.stringify(want[i].labels)}`);
    const gv = new Uint8Array(got[i].v.buffer, got[i].v.byteOffset, got[i].v.byteLength);
    const wv = new Uint8Array(want[i].v.buffer, want[i].v.byteOffset, want[i].v.byteLength);
    assert.deepEqual(gv, wv, `values of ${JSON.stringify(want[i].labels)}`);
  }
}

test('bulk import stores exactly what the slow path stores, with the same counts', () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'in.om');
    const body = omFile(7);
    writeFileSync(file, body);

    const slow = new ChunkStore(join(dir.path, 'slow', 'promdesk.db'));
    const wantSummary = slowImport(slow, file, Buffer.from(body));
    slow.close();

    const store = openStore(join(dir.path, 'bulk'));
    const session = new ImportSession(store, { flushSamples: 1000 });
    const summary = importFile(session, file, 'auto', null);
    assert.deepEqual(summary, { ...wantSummary, slowPath: 0 });
    assert.ok(summary.outOfOrder > 0 && summary.duplicates > 0);
    assert.ok(session.bulk.stats.transactions > 3, 'several flushes while reading');
    // Nothing of it went through the head or the log.
    assert.equal(store.stats.samplesAppended, 0);
    store.close();

    const a = new ChunkStore(join(dir.path, 'slow', 'promdesk.db'));
    const b = new ChunkStore(join(dir.path, 'bulk', 'promdesk.db'));
    try {
      assertSameSamples(everything(b), everything(a));
      assert.equal(b.stats.walReplayed, 0);
      // Rows as compaction leaves them: never across an aligned 8 h span, fewer than the head's
      // 240-sample chunks.
      const rows = b.db.prepare('SELECT min_t, max_t FROM chunks').raw().all() as [number, number][];
      for (const [min, max] of rows) assert.equal(Math.floor(min / 28_800_000), Math.floor(max / 28_800_000));
      const slowRows = a.db.prepare('SELECT count(*) FROM chunks').pluck().get() as number;
      assert.ok(rows.length < slowRows, `${rows.length} rows vs ${slowRows} chunks of the head`);
      assert.equal(b.db.prepare('SELECT count(*) FROM head').pluck().get(), 0);
      // A scrape after the import appends to the imported series as to any other.
      const app = b.appender();
      app.append({ __name__: 'load', host: 'h0' }, T0 + 86_400_000, 5);
      app.commit();
      const last = b.select([{ type: '=', name: 'host', value: 'h0' }], T0 + 86_400_000, Infinity);
      assert.deepEqual([...last[0].v], [5]);
    } finally {
      a.close();
      b.close();
    }
  } finally {
    dir.remove();
  }
});

test('series the store already holds take the slow path and keep its rules', () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'in.om');
    const body = omFile(11);
    writeFileSync(file, body);
    // The same stored data in both stores: host h1 up to T0 + 3 h, so the import's older h1
    // samples are out of order against it.
    const seed = (store: ChunkStore) => {
      const app = store.appender();
      for (let i = 0; i < 100; i++) app.append({ __name__: 'load', host: 'h1' }, T0 + 3 * 3600_000 + i, i);
      app.commit();
    };
    const slow = new ChunkStore(join(dir.path, 'slow', 'promdesk.db'));
    seed(slow);
    const wantSummary = slowImport(slow, file, Buffer.from(body));
    slow.close();

    const pre = new ChunkStore(join(dir.path, 'bulk', 'promdesk.db'));
    seed(pre);
    pre.close();
    const store = openStore(join(dir.path, 'bulk'));
    const summary = importFile(new ImportSession(store), file, 'auto', null);
    assert.deepEqual(summary, { ...wantSummary, slowPath: 1 });
    store.close();

    const a = new ChunkStore(join(dir.path, 'slow', 'promdesk.db'));
    const b = new ChunkStore(join(dir.path, 'bulk', 'promdesk.db'));
    try {
      assertSameSamples(everything(b), everything(a));
    } finally {
      a.close();
      b.close();
    }
  } finally {
    dir.remove();
  }
});

test('a second file adds to the series the first one bulk-imported', () => {
  const dir = tempDir();
  try {
    const f1 = join(dir.path, 'one.om');
    const f2 = join(dir.path, 'two.om');
    writeFileSync(f1, `a{x="1"} 1 ${T0 / 1000}\na{x="1"} 2 ${T0 / 1000 + 15}\n# EOF\n`);
    writeFileSync(f2, `a{x="1"} 9 ${T0 / 1000}\na{x="1"} 3 ${T0 / 1000 + 30}\n# EOF\n`);
    const store = openStore(dir.path);
    const session = new ImportSession(store);
    importFile(session, f1, 'auto', null);
    const s2 = importFile(session, f2, 'auto', null);
    assert.equal(s2.outOfOrder, 1);
    assert.equal(s2.samples, 1);
    store.close();
    const b = new ChunkStore(join(dir.path, 'promdesk.db'));
    try {
      const [s] = everything(b);
      assert.deepEqual([...s.t], [T0, T0 + 15_000, T0 + 30_000]);
      assert.deepEqual([...s.v], [1, 2, 3]);
    } finally {
      b.close();
    }
  } finally {
    dir.remove();
  }
});

function importAndKill(dataDir: string, file: string, afterFlushes: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, '../../helpers/bulk-import-child.ts'), dataDir, file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if ((out.match(/flush/g) ?? []).length >= afterFlushes) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(false);
      else if (code === 0) resolve(true);
      else reject(new Error(`import child failed: ${err}`));
    });
  });
}

test(
  'kill -9 during a bulk import: stored data intact, the store opens cleanly',
  { timeout: 120_000 },
  async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'in.om');
      const body = omFile(3);
      writeFileSync(file, body);
      const ref = new ChunkStore(join(dir.path, 'ref', 'promdesk.db'));
      slowImport(ref, file, Buffer.from(body));
      const full = everything(ref);
      ref.close();

      for (const afterFlushes of [1, 3, 6]) {
        const dataDir = join(dir.path, `kill-${afterFlushes}`);
        const pre = new ChunkStore(join(dataDir, 'promdesk.db'));
        const app = pre.appender();
        for (let i = 0; i < 500; i++) app.append({ __name__: 'kept', n: '1' }, T0 + i * 1000, i * 1.5);
        app.commit();
        const before = everything(pre);
        pre.close();

        const finished = await importAndKill(dataDir, file, afterFlushes);
        const after = new ChunkStore(join(dataDir, 'promdesk.db'));
        try {
          assert.equal(after.stats.logDamage, null);
          const got = everything(after);
          assertSameSamples(
            got.filter((s) => s.labels.__name__ === 'kept'),
            before,
          );
          // Each imported series holds a prefix of what the full import stores, nothing torn.
          for (const s of got.filter((x) => x.labels.__name__ !== 'kept')) {
            const want = full.find((w) => JSON.stringify(w.labels) === JSON.stringify(s.labels))!;
            assert.ok(s.t.length <= want.t.length);
            assertSameSamples(
              [s],
              [{ ...want, t: want.t.slice(0, s.t.length), v: want.v.slice(0, s.t.length) }],
            );
          }
          if (finished)
            assertSameSamples(
              got.filter((s) => s.labels.__name__ !== 'kept'),
              full,
            );
          assert.equal(after.damage.count, 0);
        } finally {
          after.close();
        }
      }
    } finally {
      dir.remove();
    }
  },
);
