// The parallel import (import-parallel.ts: series encoded in a worker thread as the parse moves
// on from them) against importFile in one thread, on the same files: the same summaries and the
// same stored samples bit for bit, series that come again later in the file, a file written time
// by time and series the store held before included; and an error late in the file reported as
// importFile reports it, with nothing of the file stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError, ImportSession, importFile, type ImportFormat } from '../../../electron/import-file';
import { importFileParallel, startEncoder } from '../../../electron/import-parallel';
import { openStore } from '../../../electron/engine/store/open-store';
import { ChunkStore } from '../../../electron/engine/store/chunk-store';
import type { SeriesSamples } from '../../../electron/engine/store/types';
import { nodeMix } from '../../helpers/node-mix';
import { tempDir } from '../../helpers/tmp';

const T0 = 1_700_000_000_000;
const PARALLEL = { workers: 2, minBytes: 0 };

/**
 * The node-exporter mix as OpenMetrics (or text) families, and the awkward cases: family `again`
 * written in two blocks far apart (so its series cross ranges, with out-of-order, duplicate and
 * repeated samples in the second block), NaN and -0 values, samples outside the timestamp bounds.
 */
function mixFile(om: boolean, series = 60, scrapes = 700): string {
  const lines: string[] = [];
  const again = (from: number, to: number) => {
    lines.push('# TYPE again gauge');
    for (let i = from; i < to; i++)
      for (const h of ['a', 'b'])
        lines.push(`again{h="${h}"} ${i % 7 === 0 ? 'NaN' : i / 4} ${(T0 + i * 15_000) / 1000}`);
  };
  again(0, 300);
  const byName = new Map<string, ReturnType<typeof nodeMix>>();
  for (const s of nodeMix(series, 5))
    byName.set(s.labels.__name__, [...(byName.get(s.labels.__name__) ?? []), s]);
  for (const [name, list] of byName) {
    lines.push(`# HELP ${name} A family.`, `# TYPE ${name} ${om ? 'unknown' : 'untyped'}`);
    for (const s of list) {
      const lbl = Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      for (let i = 0; i < scrapes; i++) {
        const t = T0 + i * 15_000 + (i % 5);
        const v = i % 101 === 0 ? '-0' : String(s.next());
        lines.push(`${name}{${lbl}} ${v} ${om ? (t / 1000).toFixed(3) : t}`);
      }
    }
  }
  again(250, 600); // 250..299 again: exact repeats
  lines.push('# TYPE again gauge', `again{h="a"} 1 ${(T0 + 100 * 15_000) / 1000}`); // out of order
  lines.push(`again{h="b"} 999 ${(T0 + 599 * 15_000) / 1000}`); // duplicate
  lines.push(`again{h="c"} 1 ${om ? '10000000000000' : '10000000000000000'}`); // out of bounds
  return lines.join('\n') + (om ? '\n# EOF\n' : '\n');
}

function everything(store: ChunkStore): SeriesSamples[] {
  return store
    .select([{ type: '=~', name: '__name__', value: '.+' }], -Infinity, Infinity)
    .sort((a, b) => (JSON.stringify(a.labels) < JSON.stringify(b.labels) ? -1 : 1));
}

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

/** Imports `files` into a fresh data dir `name` (after `seed`), in one thread or in parallel. */
async function importInto(
  dir: string,
  name: string,
  files: string[],
  parallel: boolean,
  format: ImportFormat = 'auto',
  seed?: (store: ChunkStore) => void,
) {
  const dataDir = join(dir, name);
  if (seed) {
    const pre = new ChunkStore(join(dataDir, 'promdesk.db'));
    seed(pre);
    pre.close();
  }
  const store = openStore(dataDir);
  const session = new ImportSession(store);
  const summaries = [];
  try {
    for (const f of files)
      summaries.push(
        parallel
          ? await importFileParallel(session, f, format, null, PARALLEL)
          : importFile(session, f, format, null),
      );
  } finally {
    store.close();
  }
  const { outOfOrder, duplicates } = session.bulk.stats;
  const reopened = new ChunkStore(join(dataDir, 'promdesk.db'));
  try {
    return { summaries, stats: { outOfOrder, duplicates }, samples: everything(reopened) };
  } finally {
    reopened.close();
  }
}

for (const om of [true, false]) {
  test(`parallel import of ${om ? 'OpenMetrics' : 'text'} stores what the one-thread import stores`, async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, om ? 'mix.om' : 'mix.prom');
      writeFileSync(file, mixFile(om));
      const want = await importInto(dir.path, 'one', [file], false);
      const got = await importInto(dir.path, 'par', [file], true);
      assert.deepEqual(got.summaries, want.summaries);
      assert.ok(want.summaries[0].outOfOrder > 0 && want.summaries[0].duplicates > 0);
      assert.deepEqual(got.stats, want.stats);
      assertSameSamples(got.samples, want.samples);
      // More threads asked for: one encoder still.
      const store = openStore(join(dir.path, 'three'));
      const summary = await importFileParallel(new ImportSession(store), file, 'auto', null, {
        workers: 3,
        minBytes: 0,
      });
      store.close();
      assert.deepEqual(summary, want.summaries[0]);
    } finally {
      dir.remove();
    }
  });
}

test('parallel import of one family written time by time: every series comes again', async () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'scrapes.om');
    const lines = ['# TYPE up gauge'];
    for (let i = 0; i < 3000; i++)
      for (let j = 0; j < 20; j++) lines.push(`up{j="${j}"} ${(i * j) % 3} ${(T0 + i * 10_000 + j) / 1000}`);
    writeFileSync(file, lines.join('\n') + '\n# EOF\n');
    const want = await importInto(dir.path, 'one', [file], false);
    const got = await importInto(dir.path, 'par', [file], true);
    assert.deepEqual(got.summaries, want.summaries);
    assertSameSamples(got.samples, want.samples);
  } finally {
    dir.remove();
  }
});

test('parallel import: series the store held take its appender; a second file continues the first', async () => {
  const dir = tempDir();
  try {
    const f1 = join(dir.path, 'one.om');
    const f2 = join(dir.path, 'two.om');
    writeFileSync(f1, mixFile(true, 40, 400));
    writeFileSync(f2, mixFile(true, 40, 900));
    const seed = (store: ChunkStore) => {
      const app = store.appender();
      for (let i = 0; i < 100; i++) app.append({ __name__: 'again', h: 'a' }, T0 + 200 * 15_000 + i, i);
      app.commit();
    };
    const want = await importInto(dir.path, 'one', [f1, f2], false, 'auto', seed);
    const got = await importInto(dir.path, 'par', [f1, f2], true, 'auto', seed);
    assert.equal(want.summaries[0].slowPath, 1);
    assert.deepEqual(got.summaries, want.summaries);
    assert.deepEqual(got.stats, want.stats);
    assertSameSamples(got.samples, want.samples);
  } finally {
    dir.remove();
  }
});

// (importFile, after a failed file, keeps the samples it read of it for the next one: the CLI
// stops at the first error, so only a parallel session ever goes on.)
test('one encoder for several files, a failed one between them: as if the failed one were not given', async () => {
  const dir = tempDir();
  try {
    const files = ['one', 'bad', 'two'].map((n) => join(dir.path, `${n}.om`));
    writeFileSync(files[0], mixFile(true, 40, 400));
    writeFileSync(files[1], withBadLine(mixFile(true, 40, 600), (l) => l.replace(' ', ' x')).body);
    writeFileSync(files[2], mixFile(true, 40, 900));
    const run = async (name: string, parallel: boolean, list: string[]) => {
      const store = openStore(join(dir.path, name));
      const encoder = parallel ? startEncoder(list, 'auto', PARALLEL) : null;
      assert.equal(encoder !== null, parallel);
      const out: unknown[] = [];
      try {
        const session = new ImportSession(store);
        for (const f of list) {
          try {
            out.push(
              parallel
                ? await importFileParallel(session, f, 'auto', null, { ...PARALLEL, encoder })
                : importFile(session, f, 'auto', null),
            );
          } catch (err) {
            assert.ok(err instanceof ImportError);
            out.push(err.message);
          }
        }
      } finally {
        store.close();
        await encoder?.stop();
      }
      const reopened = new ChunkStore(join(dir.path, name, 'promdesk.db'));
      try {
        return { out, samples: everything(reopened) };
      } finally {
        reopened.close();
      }
    };
    const want = await run('one', false, [files[0], files[2]]);
    const got = await run('par', true, files);
    assert.match(String(got.out[1]), /bad\.om: line \d+, column \d+: /);
    assert.deepEqual([got.out[0], got.out[2]], want.out);
    assertSameSamples(got.samples, want.samples);
  } finally {
    dir.remove();
  }
});

/** The file with one line replaced, at about 3/4 of it (after most series went to the encoder). */
function withBadLine(body: string, bad: (line: string) => string): { body: string; line: number } {
  const lines = body.split('\n');
  let i = Math.floor(lines.length * 0.75);
  while (lines[i].startsWith('#')) i++;
  lines[i] = bad(lines[i]);
  return { body: lines.join('\n'), line: i + 1 };
}

for (const [what, bad] of [
  ['a parse error', (l: string) => l.replace(' ', ' x')],
  ['a sample without timestamp', (l: string) => l.slice(0, l.lastIndexOf(' '))],
  ['an invalid series', (l: string) => l.replace('{', '{a="1",a="2",')],
] as const) {
  for (const om of [true, false]) {
    test(`${what} at 3/4 of ${om ? 'OpenMetrics' : 'text'}: importFile's error, nothing stored`, async () => {
      const dir = tempDir();
      try {
        const file = join(dir.path, 'bad');
        const { body, line } = withBadLine(mixFile(om), bad);
        writeFileSync(file, body);
        const errorOf = async (parallel: boolean) => {
          const store = openStore(join(dir.path, parallel ? 'par' : 'one'));
          try {
            const session = new ImportSession(store);
            if (parallel) await importFileParallel(session, file, 'auto', null, PARALLEL);
            else importFile(session, file, 'auto', null);
          } catch (err) {
            assert.ok(err instanceof ImportError);
            return err.message;
          } finally {
            store.close();
          }
          assert.fail('no error');
        };
        const want = await errorOf(false);
        assert.match(want, new RegExp(`${line}\\b`));
        assert.equal(await errorOf(true), want);
        const after = new ChunkStore(join(dir.path, 'par', 'promdesk.db'));
        try {
          assert.deepEqual(everything(after), []);
          assert.equal(after.db.prepare('SELECT count(*) FROM chunks').pluck().get(), 0);
        } finally {
          after.close();
        }
      } finally {
        dir.remove();
      }
    });
  }
}

test('text: a multi-line label value holding what looks like a family boundary, same result', async () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'multi.prom');
    const body = mixFile(false);
    const mid = body.indexOf('\n# HELP ', body.length / 2);
    // A label value spanning lines, holding what looks like a family boundary.
    const multi = body.slice(0, mid + 1) + `weird{v="one\n# HELP x\n"} 1 ${T0}\n` + body.slice(mid + 1);
    writeFileSync(file, multi);
    const want = await importInto(dir.path, 'one', [file], false, 'text');
    const got = await importInto(dir.path, 'par', [file], true, 'text');
    assert.deepEqual(got.summaries, want.summaries);
    assertSameSamples(got.samples, want.samples);
  } finally {
    dir.remove();
  }
});
