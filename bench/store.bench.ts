// Store benchmark, peers side by side in one run: bytes on disk per sample for a node_exporter-like
// mix (200 series × 24 h at 15 s, ms jitter), select latency for 1000 series × 6 h, RSS, and
// reopen time after kill -9 of a process holding a 10M-sample store.
//   node --import tsx bench/store.bench.ts [--large]   (--large: 2000 series × 24 h disk set, 30M reopen)
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkStore } from '../electron/engine/store/chunk-store';
import { SqliteStore } from '../electron/engine/store/sqlite-store';
import { freePort, startPeer, waitHttp, which } from '../test/helpers/peers';
import { nodeMix, scrapeTimes } from '../test/helpers/node-mix';

const large = process.argv.includes('--large');
const SERIES = large ? 2000 : 200;
const SCRAPES = (24 * 3600) / 15;
const T0 = 1_700_000_000_000;
const work = mkdtempSync(join(tmpdir(), 'promdesk-store-bench-'));
const child = join(import.meta.dirname, 'store-child.ts');

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

const fmt = (x: number, d = 2) => x.toFixed(d);

async function writeOpenMetrics(file: string): Promise<void> {
  // Families must not interleave in OpenMetrics: write series by series.
  const out = createWriteStream(file);
  const mix = nodeMix(SERIES);
  const ts = scrapeTimes(T0, SCRAPES);
  const families = new Map<string, typeof mix>();
  for (const s of mix) {
    const list = families.get(s.labels.__name__) ?? [];
    list.push(s);
    families.set(s.labels.__name__, list);
  }
  for (const [name, list] of families) {
    out.write(`# TYPE ${name} unknown\n`);
    for (const s of list) {
      const lbl = Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      let buf = '';
      for (let i = 0; i < SCRAPES; i++) buf += `${name}{${lbl}} ${s.next()} ${(ts[i] / 1000).toFixed(3)}\n`;
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  out.write('# EOF\n');
  await new Promise<void>((r) => out.end(r));
}

function ingestInto(store: SqliteStore | ChunkStore): number {
  const mix = nodeMix(SERIES);
  const ts = scrapeTimes(T0, SCRAPES);
  const t = performance.now();
  for (let i = 0; i < SCRAPES; i++) {
    const app = store.appender();
    for (const s of mix) app.append(s.labels, ts[i], s.next());
    app.commit();
  }
  return (performance.now() - t) / 1000;
}

async function victoria(omFile: string, samples: number): Promise<string> {
  const bin = which('victoria-metrics');
  if (!bin) return 'not installed';
  const data = join(work, 'vm');
  const port = await freePort();
  const vm = startPeer(bin, [
    `-storageDataPath=${data}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    '-retentionPeriod=100y',
  ]);
  try {
    await waitHttp(`http://127.0.0.1:${port}/health`);
    const body = (await import('node:fs'))
      .readFileSync(omFile, 'utf8')
      .replace(/ (\d+)\.(\d{3})\n/g, ' $1$2\n');
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/import/prometheus`, { method: 'POST', body });
    if (!r.ok) return `import failed: HTTP ${r.status}`;
    await fetch(`http://127.0.0.1:${port}/internal/force_flush`);
    await fetch(`http://127.0.0.1:${port}/internal/force_merge`);
    await new Promise((res) => setTimeout(res, 3000));
    return `${fmt(dirBytes(join(data, 'data')) / samples)} B/sample`;
  } finally {
    await vm.stop();
  }
}

function runChild(args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

async function crashThenReopen(samples: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(work, 'crash-'));
  const filled = await new Promise<Record<string, number>>((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, 'fill', dir, String(samples)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) p.kill('SIGKILL');
    });
    p.on('exit', () =>
      out.includes('ready') ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(out)),
    );
  });
  const reopened = runChild(['reopen', dir]);
  return { ...reopened, fillRssMiB: filled.rssMiB, fileMiB: dirBytes(dir) / 1048576 };
}

async function main(): Promise<void> {
  const samples = SERIES * SCRAPES;
  console.log(`disk: ${SERIES} series × 24 h at 15 s, ms jitter = ${samples} samples`);
  const om = join(work, 'data.om');
  await writeOpenMetrics(om);

  const v1 = new SqliteStore(join(work, 'v1.db'));
  const v1s = ingestInto(v1);
  v1.close();
  const v1Bytes = statSync(join(work, 'v1.db')).size;

  const v2 = new ChunkStore(join(work, 'v2.db'));
  const v2s = ingestInto(v2);
  const parts = v2.db
    .prepare(
      'SELECT (SELECT sum(length(data)) FROM chunks) AS chunks, (SELECT sum(length(data)) FROM head) AS head, (SELECT count(*) FROM chunks) AS n',
    )
    .get() as { chunks: number; head: number; n: number };
  v2.close();
  const v2Bytes = statSync(join(work, 'v2.db')).size;

  // The issue's own measure: the real `promdesk import` CLI into an empty data directory.
  const cliStart = performance.now();
  const imp = spawnSync(
    process.execPath,
    [join(process.cwd(), 'bin', 'promdesk.mjs'), 'import', '--data', join(work, 'imported'), om],
    { encoding: 'utf8' },
  );
  const cliSecs = (performance.now() - cliStart) / 1000;
  const imported =
    imp.status === 0
      ? `${fmt(dirBytes(join(work, 'imported')) / samples)} B/sample (whole data dir; import ${fmt(cliSecs, 1)} s)`
      : `import failed: ${imp.stderr.slice(0, 300)}`;

  let prom = 'promtool not installed';
  if (which('promtool')) {
    const t = performance.now();
    const r = spawnSync(
      'promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', '-q', om, join(work, 'prom')],
      {
        encoding: 'utf8',
      },
    );
    const s = (performance.now() - t) / 1000;
    prom =
      r.status === 0
        ? `${fmt(dirBytes(join(work, 'prom')) / samples)} B/sample (create-blocks ${fmt(s, 1)} s)`
        : r.stderr.slice(0, 300);
  }
  const vm = await victoria(om, samples);

  console.log(`  promdesk v1 (row per sample)  ${fmt(v1Bytes / samples)} B/sample   ingest ${fmt(v1s, 1)} s`);
  console.log(
    `  promdesk v2 (chunks)          ${fmt(v2Bytes / samples)} B/sample   ingest ${fmt(v2s, 1)} s` +
      `   [chunk data ${fmt(parts.chunks / samples)}, head ${fmt((parts.head ?? 0) / samples)}, ${parts.n} chunks]`,
  );
  console.log(`  promdesk import (CLI)         ${imported}`);
  console.log(`  prometheus 2.42 (promtool)    ${prom}`);
  console.log(`  victoria-metrics              ${vm}`);
  console.log(`  PEERS-MEASURED: Prometheus 4.83, VictoriaMetrics 1.50 B/sample`);

  console.log(
    `\nselect: 1000 series × 6 h (1.44 M samples), median of 5, after reopen (ingest batched 10 scrapes a commit)`,
  );
  for (const impl of ['v1', 'v2']) {
    const dir = mkdtempSync(join(work, `sel-${impl}-`));
    const r = runChild(['select', impl, dir, '1000', '6']);
    console.log(
      `  ${impl}: select ${fmt(r.selectMs, 0)} ms (${r.samples} samples), ingest ${fmt(r.ingestS, 1)} s, RSS ${r.rssMiB} MiB`,
    );
  }

  const crashSamples = large ? 30_000_000 : 10_000_000;
  console.log(
    `\nreopen after kill -9: v2 holding ~${crashSamples / 1e6} M samples (2000 series), ~1 M of them in the WAL`,
  );
  const c = await crashThenReopen(crashSamples);
  console.log(
    `  open ${fmt(c.openMs, 0)} ms, WAL replayed ${c.walReplayed} samples, RSS after open ${c.rssMiB} MiB` +
      ` (writer RSS ${c.fillRssMiB} MiB), files ${fmt(c.fileMiB, 1)} MiB`,
  );
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
