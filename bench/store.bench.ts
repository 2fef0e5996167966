// Store benchmark, peers side by side in one run: bytes on disk per sample for a node_exporter-like
// mix (200 series × 24 h at 15 s, ms jitter), select latency for 1000 series × 6 h, RSS, and
// reopen time after kill -9 of a process holding a 10M-sample store.
//   node --import tsx bench/store.bench.ts [--large] [--import]
//   (--large: 2000 series × 24 h disk set, 30M reopen; --import: the disk and import part only)
import { spawn, spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import Database from 'better-sqlite3';
import { ChunkStore } from '../electron/engine/store/chunk-store';
import { SqliteStore } from '../test/helpers/sqlite-store';
import { freePort, startPeer, waitHttp, which } from '../test/helpers/peers';
import { nodeMix, scrapeTimes, type MixSeries } from '../test/helpers/node-mix';

const large = process.argv.includes('--large');
const importOnly = process.argv.includes('--import');
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

/**
 * Where a store file's bytes go: pages of each table and index (SQLite's dbstat), their unused
 * bytes, and free pages; printed per sample.
 */
function pageUse(db: Database.Database): (samples: number) => string {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const rows = db
    .prepare(
      'SELECT name, count(*) AS pages, sum(unused) AS unused FROM dbstat GROUP BY name ORDER BY pages DESC',
    )
    .all() as { name: string; pages: number; unused: number }[];
  return (samples) =>
    `${pageSize} B pages: ` +
    rows
      .map(
        (r) =>
          `${r.name.replace('sqlite_autoindex_', 'unique:')} ${fmt((r.pages * pageSize) / samples, 3)} (${fmt(r.unused / samples, 3)})`,
      )
      .join(', ') +
    (free > 0 ? `, free ${fmt((free * pageSize) / samples, 3)}` : '');
}

/**
 * Runs a command to completion: its wall time, and its CPU time (user + system, through
 * /usr/bin/time when present) — on a shared machine the CPU time is the steadier figure.
 */
function timedRun(
  cmd: string,
  args: string[],
): { status: number | null; stderr: string; wallS: number; cpuS: number } {
  const timeBin = statSync('/usr/bin/time', { throwIfNoEntry: false }) ? '/usr/bin/time' : null;
  const cpuFile = join(work, `cpu-${process.hrtime.bigint()}`);
  const t = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%U %S', '-o', cpuFile, cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  const wallS = (performance.now() - t) / 1000;
  let cpuS = NaN;
  if (timeBin) {
    const last = readFileSync(cpuFile, 'utf8').trim().split('\n').pop() ?? '';
    const [u, sys] = last.split(' ').map(Number);
    cpuS = u + sys;
  }
  return { status: r.status, stderr: r.stderr, wallS, cpuS };
}

/** CPU seconds (user + system) of each thread of a process, by thread id; empty once it is gone. */
function threadCpuS(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(f[11]) + Number(f[12])) / 100);
    }
  } catch {
    // the process or a thread ended between the listing and the read
  }
  return out;
}

/**
 * `promdesk import` with its threads watched (every 5 ms, from /proc): wall and CPU, and the CPU of
 * the main thread and of the busiest other thread (the import's worker; the main thread parses a
 * range beside it). On a loaded machine the wall time is mostly waiting for a core; on an idle one
 * with a core per thread it comes to about the larger of the two.
 */
async function watchedImport(args: string[]): Promise<{
  status: number | null;
  stderr: string;
  wallS: number;
  cpuS: number;
  mainS: number;
  busiestS: number;
}> {
  const reaped0 = reapedChildrenCpuS();
  const t = performance.now();
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const seen = new Map<number, number>();
  const poll = setInterval(() => {
    for (const [tid, s] of threadCpuS(p.pid!)) seen.set(tid, s);
  }, 5);
  const status = await new Promise<number | null>((res) => p.on('exit', (code) => res(code)));
  clearInterval(poll);
  const wallS = (performance.now() - t) / 1000;
  const cpuS = reapedChildrenCpuS() - reaped0;
  const mainS = seen.get(p.pid!) ?? NaN;
  const others = [...seen].filter(([tid]) => tid !== p.pid).map(([, s]) => s);
  return { status, stderr, wallS, cpuS, mainS, busiestS: Math.max(0, ...others) };
}

/** CPU seconds of this process's children that have ended (cutime + cstime). */
function reapedChildrenCpuS(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

/** The mix grouped by metric name, in the order the OpenMetrics file is written (and its values drawn). */
function byFamily(mix: MixSeries[]): Map<string, MixSeries[]> {
  const families = new Map<string, MixSeries[]>();
  for (const s of mix) {
    const list = families.get(s.labels.__name__) ?? [];
    list.push(s);
    families.set(s.labels.__name__, list);
  }
  return families;
}

async function writeOpenMetrics(file: string): Promise<void> {
  // Families must not interleave in OpenMetrics: write series by series.
  const out = createWriteStream(file);
  const ts = scrapeTimes(T0, SCRAPES);
  for (const [name, list] of byFamily(nodeMix(SERIES))) {
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

/** CPU time (user + system) a running process has used so far, from /proc; NaN where there is none. */
function procCpuS(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return NaN;
  }
}

interface VmResult {
  line: string;
  /** Whole -storageDataPath, and data/ + indexdb/ only (without the caches VM persists on stop). */
  bytesPerSample?: number;
  storedPerSample?: number;
  detail: string[];
}

// Promdesk's text import takes OpenMetrics (seconds, ms fraction); VictoriaMetrics'
// /api/v1/import/prometheus takes the Prometheus text format with integer ms timestamps. Convert
// each sample line's trailing timestamp exactly, on the string (no float rounding), and drop the
// '# TYPE' / '# EOF' lines. Streamed, so --large does not need the whole file in one string.
function omToPromText(): Transform {
  let rest = '';
  const utf8 = new StringDecoder('utf8'); // a chunk may end inside a multi-byte character
  const convert = (line: string): string => {
    if (line === '' || line.startsWith('#')) return '';
    const sp = line.lastIndexOf(' ');
    const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(line.slice(sp + 1));
    if (!m) throw new Error(`unexpected OpenMetrics timestamp in: ${line}`);
    return `${line.slice(0, sp)} ${m[1]}${(m[2] ?? '').padEnd(3, '0')}\n`;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        const lines = (rest + utf8.write(chunk)).split('\n');
        rest = lines.pop()!;
        cb(null, lines.map(convert).join(''));
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb) {
      try {
        cb(null, convert(rest + utf8.end()));
      } catch (err) {
        cb(err as Error);
      }
    },
  });
}

function postStream(url: string, body: Readable): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    pipeline(body, req).catch(reject);
  });
}

/** Prometheus text exposition → { 'name{labels}': value }, for VM's own /metrics. */
async function vmMetrics(base: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    m.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  return m;
}
const sumOf = (m: Map<string, number>, prefix: string): number =>
  [...m].filter(([k]) => k === prefix || k.startsWith(`${prefix}{`)).reduce((n, [, v]) => n + v, 0);

/** UTC month partitions ('YYYY_MM') VictoriaMetrics puts samples in [fromMs, toMs] into. */
function vmPartitions(fromMs: number, toMs: number): string[] {
  const out: string[] = [];
  const d = new Date(fromMs);
  d.setUTCDate(1);
  d.setUTCHours(0, 0, 0, 0);
  while (d.getTime() <= toMs) {
    out.push(`${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/** Every sample VM exports for {job="node"} against the generator's own values, bit for bit. */
async function vmCompare(base: string, fromMs: number, toMs: number): Promise<Record<string, number>> {
  const want = new Map<string, { t: Float64Array; v: Float64Array }>();
  const ts = scrapeTimes(T0, SCRAPES);
  const key = (l: Record<string, string>) =>
    JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // The series share one PRNG: draw the values in the file's order to get the file's values.
  for (const s of [...byFamily(nodeMix(SERIES)).values()].flat()) {
    const v = new Float64Array(SCRAPES);
    for (let i = 0; i < SCRAPES; i++) v[i] = s.next();
    want.set(key(s.labels), { t: ts, v });
  }
  const q = new URLSearchParams({
    'match[]': '{job="node"}',
    start: String(fromMs / 1000),
    end: String(toMs / 1000),
  });
  const r = await fetch(`${base}/api/v1/export?${q}`);
  if (!r.ok || !r.body) throw new Error(`export: HTTP ${r.status}`);
  const res = { series: 0, samples: 0, tsDiff: 0, exact: 0, inexact: 0, maxRelErr: 0, unknownSeries: 0 };
  const rl = createInterface({ input: Readable.fromWeb(r.body as import('node:stream/web').ReadableStream) });
  for await (const line of rl) {
    if (!line) continue;
    const row = JSON.parse(line) as {
      metric: Record<string, string>;
      values: number[];
      timestamps: number[];
    };
    const w = want.get(key(row.metric));
    res.series++;
    res.samples += row.timestamps.length;
    if (!w) {
      res.unknownSeries++;
      continue;
    }
    for (let i = 0; i < row.timestamps.length; i++) {
      if (row.timestamps[i] !== w.t[i]) res.tsDiff++;
      const a = row.values[i];
      const b = w.v[i];
      if (a === b) res.exact++;
      else {
        res.inexact++;
        res.maxRelErr = Math.max(res.maxRelErr, Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE));
      }
    }
  }
  return res;
}

// VictoriaMetrics side by side: import the same data over HTTP, force flush + merge, stop it
// cleanly (SIGINT), then measure its whole -storageDataPath.
async function victoria(omFile: string, samples: number): Promise<VmResult> {
  const bin = which('victoria-metrics');
  if (!bin) return { line: 'skipped: victoria-metrics is not on PATH', detail: [] };
  const data = join(work, 'vm');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Retention: VM drops rows older than now - retentionPeriod (and newer than now + 2 d). The data
  // is at T0 = 2023-11-14 (fixed, so all stores see the same timestamps); 100y (the largest VM
  // accepts) keeps that inside retention for as long as this bench lives, so no time shift is
  // needed. The rows_ignored counters below are checked to prove nothing was dropped.
  const vm = startPeer(bin, [
    `-storageDataPath=${data}`,
    `-httpListenAddr=${base.slice(7)}`,
    '-retentionPeriod=100y',
  ]);
  let log = '';
  vm.proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  vm.proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  const fail = (what: string): VmResult => ({
    line: `${what}`,
    detail: [`    vm log tail: ${vm.output().slice(-600).replace(/\n/g, '\n      ')}`],
  });
  try {
    await waitHttp(`${base}/health`);
    const fromMs = T0;
    const toMs = T0 + SCRAPES * 15_000 + 60_000; // grid + jitter headroom

    const cpu0 = procCpuS(vm.proc.pid);
    const t = performance.now();
    const r = await postStream(
      `${base}/api/v1/import/prometheus`,
      createReadStream(omFile).pipe(omToPromText()),
    );
    const importS = (performance.now() - t) / 1000;
    const importCpuS = procCpuS(vm.proc.pid) - cpu0;
    if (r.status !== 204 && r.status !== 200)
      return fail(`import failed: HTTP ${r.status} ${r.text.slice(0, 300)}`);

    // Flush the in-memory buffers into parts, then merge each month the data touches down to as
    // few parts as VM will make. force_merge returns at once and merges in the background: wait for
    // VM's "has been successfully finished" log line per partition and for all merges to be idle.
    const tm = performance.now();
    const ff = await fetch(`${base}/internal/force_flush`);
    if (!ff.ok) return fail(`force_flush: HTTP ${ff.status}`);
    const months = vmPartitions(fromMs, toMs);
    for (const p of months) {
      const fm = await fetch(`${base}/internal/force_merge?partition_prefix=${p}`);
      if (!fm.ok) return fail(`force_merge ${p}: HTTP ${fm.status}`);
    }
    const deadline = Date.now() + (large ? 600_000 : 120_000);
    let idle = 0;
    for (;;) {
      const done = months.every((p) =>
        log.includes(`forced merge for partition_prefix="${p}" has been successfully finished`),
      );
      if (/forced merge for partition_prefix="[^"]*" failed|cannot force merge/.test(log))
        return fail('force_merge failed (see log)');
      const m = await vmMetrics(base);
      const busy = sumOf(m, 'vm_active_merges') + sumOf(m, 'vm_active_force_merges');
      idle = done && busy === 0 ? idle + 1 : 0;
      if (idle >= 3) break; // idle on three polls in a row
      if (Date.now() > deadline) return fail(`merges still active after timeout (active ${busy})`);
      await new Promise((res) => setTimeout(res, 250));
    }
    const mergeS = (performance.now() - tm) / 1000;

    // What VM holds: its own counters, a count_over_time over the whole range, and every sample
    // exported back and compared with the generator.
    const m = await vmMetrics(base);
    const rows = m.get('vm_rows{type="storage/small"}')! + m.get('vm_rows{type="storage/big"}')!;
    const added = m.get('vm_rows_added_to_storage_total') ?? NaN;
    const ignored = sumOf(m, 'vm_rows_ignored_total');
    const parts = m.get('vm_parts{type="storage/small"}')! + m.get('vm_parts{type="storage/big"}')!;
    const cq = new URLSearchParams({
      query: `sum(count_over_time({job="node"}[${Math.ceil((toMs - fromMs) / 1000) + 60}s]))`,
      time: String(toMs / 1000),
    });
    const qr = (await (await fetch(`${base}/api/v1/query?${cq}`)).json()) as {
      data?: { result?: { value: [number, string] }[] };
    };
    const counted = Number(qr.data?.result?.[0]?.value[1] ?? NaN);
    const cmp = await vmCompare(base, fromMs - 60_000, toMs);

    // Clean stop: SIGINT, VM flushes and writes its caches, then exits.
    const exited = new Promise<number | null>((res) => vm.proc.once('exit', (code) => res(code)));
    vm.proc.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<string>((res) => setTimeout(() => res('timeout'), 30_000)),
    ]);
    if (code === 'timeout') return fail('did not stop within 30 s of SIGINT');

    const sub = (d: string) => {
      try {
        return dirBytes(join(data, d));
      } catch {
        return 0;
      }
    };
    const total = dirBytes(data);
    const [dData, dIndex, dCache] = [sub('data'), sub('indexdb'), sub('cache')];
    const other = total - dData - dIndex - dCache;
    const per = (n: number) => fmt(n / samples);
    const ok = rows === samples && counted === samples && cmp.samples === samples && ignored === 0;
    return {
      bytesPerSample: total / samples,
      storedPerSample: (dData + dIndex) / samples,
      line:
        `${per(total)} B/sample (whole -storageDataPath; import ${fmt(importS, 2)} s, CPU ${fmt(importCpuS, 2)} s, ` +
        `flush+merge ${fmt(mergeS, 1)} s)`,
      detail: [
        `    vm dir: data/ ${per(dData)} + indexdb/ ${per(dIndex)} = ${per(dData + dIndex)}; cache/ (written on stop) ` +
          `${per(dCache)}, other ${per(other)} B/sample (${total} bytes, ${parts} data parts after force_merge of ${months.join(',')}, exit ${code})`,
        `    vm holds: vm_rows ${rows}, count_over_time ${counted}, exported ${cmp.samples} in ${cmp.series} series` +
          ` / expected ${samples}; rows added ${added}, ignored (outside retention etc.) ${ignored}` +
          (ok ? '  OK' : '  MISMATCH'),
        `    vm values vs generator: ${cmp.exact} exact, ${cmp.inexact} rounded (max rel err ${cmp.maxRelErr.toExponential(1)}),` +
          ` ${cmp.tsDiff} timestamp diffs, ${cmp.unknownSeries} unknown series`,
      ],
    };
  } catch (err) {
    return fail(`error: ${(err as Error).message}`);
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
  console.log(
    `  (load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores)`,
  );
  const om = join(work, 'data.om');
  await writeOpenMetrics(om);

  const v1 = new SqliteStore(join(work, 'v1.db'));
  const v1s = ingestInto(v1);
  v1.close();
  const v1Bytes = statSync(join(work, 'v1.db')).size;

  // The chunk store in a data directory of its own: the whole directory is measured (database,
  // SQLite's -wal and the sample log) as it is at rest after close, then again after the
  // periodic compaction (the engine runs it with retention) has merged the closed chunks.
  const v2Dir = mkdtempSync(join(work, 'v2-'));
  const v2File = join(v2Dir, 'promdesk.db');
  let v2 = new ChunkStore(v2File);
  const v2s = ingestInto(v2);
  v2.close();
  const v2Bytes = dirBytes(v2Dir);
  v2 = new ChunkStore(v2File);
  const cpu0 = process.cpuUsage();
  const compacted = await v2.compact();
  const cpu = process.cpuUsage(cpu0);
  const compactCpuS = (cpu.user + cpu.system) / 1e6;
  const parts = v2.db
    .prepare(
      'SELECT (SELECT sum(length(data)) FROM chunks) AS chunks, (SELECT sum(length(data)) FROM head) AS head, (SELECT count(*) FROM chunks) AS n',
    )
    .get() as { chunks: number; head: number; n: number };
  const v2Pages = pageUse(v2.db);
  v2.close();
  const v2CompactBytes = dirBytes(v2Dir);

  // The issue's own measure: the real `promdesk import` CLI into an empty data directory.
  // New series take the bulk path (closed chunks written directly, electron/import-command.ts).
  // Its threads are watched: the busier of main and worker is its wall time on an idle machine.
  const imp = await watchedImport([
    join(process.cwd(), 'bin', 'promdesk.mjs'),
    'import',
    '--data',
    join(work, 'imported'),
    om,
  ]);
  const imported =
    imp.status === 0
      ? `${fmt(dirBytes(join(work, 'imported')) / samples)} B/sample (whole data dir; import ${fmt(imp.wallS, 2)} s, CPU ${fmt(imp.cpuS, 2)} s;` +
        ` threads: main ${fmt(imp.mainS, 2)}, busiest other ${fmt(imp.busiestS, 2)} CPU-s)`
      : `import failed: ${imp.stderr.slice(0, 300)}`;

  let prom = 'promtool not installed';
  if (which('promtool')) {
    const r = timedRun('promtool', [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '-q',
      om,
      join(work, 'prom'),
    ]);
    prom =
      r.status === 0
        ? `${fmt(dirBytes(join(work, 'prom')) / samples)} B/sample (create-blocks ${fmt(r.wallS, 2)} s, CPU ${fmt(r.cpuS, 2)} s)`
        : r.stderr.slice(0, 300);
  }
  const vm = await victoria(om, samples);

  console.log(`  promdesk v1 (row per sample)  ${fmt(v1Bytes / samples)} B/sample   ingest ${fmt(v1s, 1)} s`);
  console.log(
    `  promdesk v2 (chunks)          ${fmt(v2Bytes / samples)} B/sample (whole data dir after close)   ingest ${fmt(v2s, 1)} s`,
  );
  console.log(
    `  promdesk v2, compacted        ${fmt(v2CompactBytes / samples)} B/sample (whole data dir)   compaction CPU ${fmt(compactCpuS, 2)} s` +
      `   [chunk blobs ${fmt(parts.chunks / samples)}, head ${fmt((parts.head ?? 0) / samples)}, ${parts.n} chunks;` +
      ` ${compacted.mergedChunks} merged into ${compacted.writtenChunks}, ${compacted.movedChunks} moved]`,
  );
  console.log(`  compacted file by b-tree (B/sample: pages, of which unused):  ${v2Pages(samples)}`);
  console.log(`  promdesk import (CLI)         ${imported}`);
  if (imp.status === 0) {
    const db = new Database(join(work, 'imported', 'promdesk.db'), { readonly: true });
    console.log(`  imported file by b-tree:      ${pageUse(db)(samples)}`);
    db.close();
  }
  console.log(`  prometheus 2.42 (promtool)    ${prom}`);
  console.log(`  victoria-metrics 1.79         ${vm.line}`);
  for (const l of vm.detail) console.log(l);
  if (vm.bytesPerSample && vm.storedPerSample) {
    const per = [
      ...(imp.status === 0 ? [['import (CLI)', dirBytes(join(work, 'imported')) / samples] as const] : []),
      ['v2 chunks', v2Bytes / samples] as const,
      ['v2 compacted', v2CompactBytes / samples] as const,
    ];
    const r = (d: number) => per.map(([k, n]) => `${k} ${fmt(n / d)}×`).join(', ');
    console.log(`  ratio promdesk/VM (whole dir):        ${r(vm.bytesPerSample)}`);
    console.log(`  ratio promdesk/VM (data+indexdb only): ${r(vm.storedPerSample)}`);
  }
  console.log(
    `  for reference, not measured here: ../shared/PEERS-MEASURED.md lists Prometheus 4.83, VictoriaMetrics 1.50 B/sample`,
  );

  if (importOnly) return;
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
