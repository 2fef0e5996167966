// Query latency beside Debian's Prometheus and VictoriaMetrics on the same backfilled data (~1000
// series × 6 h at 15 s, written by test/helpers/promql-data.ts, loaded with `promtool tsdb
// create-blocks-from openmetrics`, VictoriaMetrics' /api/v1/import/prometheus and `promdesk
// import`): the median over HTTP of repeated runs per query, all servers in the same run, with
// the ratios Promdesk / Prometheus and Promdesk / VictoriaMetrics (its cache off).
//   node scripts/build.mjs && node --import tsx bench/query.bench.ts [--runs 7]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startPeer, waitHttp, which, type Peer } from '../test/helpers/peers';
import { writeOpenMetrics } from '../test/helpers/promql-data';
import { tempDir } from '../test/helpers/tmp';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(values.runs);
const STEP = 15_000;
const STEPS = 6 * 240;

const RANGE = [
  'http_requests_total',
  'rate(http_requests_total[5m])',
  'sum by (path) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
];
const INSTANT = [
  'http_requests_total',
  'sum by (path) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  'topk(5, max_over_time(node_temperature_celsius[1h]))',
];

async function timeOne(url: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const r = await fetch(url);
  const body = await r.text();
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${body.slice(0, 200)}`);
  return { ms, bytes: body.length };
}

/**
 * OpenMetrics (seconds with a ms fraction) → the Prometheus text VictoriaMetrics imports
 * (integer ms), converted on the string so no timestamp is rounded.
 */
function promText(om: string): string {
  const out: string[] = [];
  for (const line of om.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const sp = line.lastIndexOf(' ');
    const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(line.slice(sp + 1));
    if (!m) throw new Error(`unexpected OpenMetrics timestamp in: ${line}`);
    out.push(`${line.slice(0, sp)} ${m[1]}${(m[2] ?? '').padEnd(3, '0')}`);
  }
  return out.join('\n') + '\n';
}

async function loadVictoria(bin: string, dir: string, file: string, peers: Peer[]): Promise<string> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  peers.push(
    startPeer(bin, [
      `-storageDataPath=${dir}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      '-retentionPeriod=100y',
      '-search.disableCache',
    ]),
  );
  await waitHttp(`${base}/health`, 60_000);
  const r = await fetch(`${base}/api/v1/import/prometheus`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: promText(readFileSync(file, 'utf8')),
  });
  if (!r.ok) throw new Error(`victoria-metrics import: HTTP ${r.status} ${await r.text()}`);
  const ff = await fetch(`${base}/internal/force_flush`);
  if (!ff.ok) throw new Error(`victoria-metrics force_flush: HTTP ${ff.status}`);
  return base;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const prometheus = which('prometheus');
  const promtool = which('promtool');
  const victoria = which('victoria-metrics');
  const dir = tempDir('promdesk-qbench-');
  const peers: Peer[] = [];
  try {
    const endMs = Math.floor((Date.now() - 10 * 60_000) / STEP) * STEP;
    const startMs = endMs - STEPS * STEP;
    const file = join(dir.path, 'data.om');
    const paths = Array.from({ length: 10 }, (_, i) => `/p${i}`);
    const series = await writeOpenMetrics(file, {
      startMs,
      steps: STEPS,
      stepMs: STEP,
      instances: 8,
      paths,
      seed: 11,
    });
    console.log(`data: ${series} series × ${STEPS} samples (6 h at 15 s)`);
    const bin = join(process.cwd(), 'bin', 'promdesk.mjs');
    const imp = spawnSync(process.execPath, [bin, 'import', '--data', join(dir.path, 'pd'), file], {
      encoding: 'utf8',
    });
    if (imp.status !== 0) throw new Error(`promdesk import failed: ${imp.stderr}`);
    const pdPort = await freePort();
    peers.push(
      startPeer(process.execPath, [
        bin,
        'serve',
        '--data',
        join(dir.path, 'pd'),
        '--listen',
        `127.0.0.1:${pdPort}`,
      ]),
    );
    const bases: [string, string][] = [['promdesk', `http://127.0.0.1:${pdPort}`]];
    if (prometheus && promtool) {
      const b = spawnSync(promtool, [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        file,
        join(dir.path, 'prom'),
      ]);
      if (b.status !== 0) throw new Error(`promtool failed: ${String(b.stderr)}`);
      writeFileSync(join(dir.path, 'p.yml'), 'scrape_configs: []\n');
      const pp = await freePort();
      peers.push(
        startPeer(prometheus, [
          `--config.file=${join(dir.path, 'p.yml')}`,
          `--storage.tsdb.path=${join(dir.path, 'prom')}`,
          '--storage.tsdb.retention.time=100y',
          `--web.listen-address=127.0.0.1:${pp}`,
        ]),
      );
      bases.push(['prometheus', `http://127.0.0.1:${pp}`]);
    } else {
      console.log('Debian prometheus/promtool not installed: Promdesk figures only');
    }
    for (const [, base] of bases) await waitHttp(`${base}/-/ready`, 60_000);
    if (victoria) bases.push(['victoria', await loadVictoria(victoria, join(dir.path, 'vm'), file, peers)]);
    else
      console.log('victoria-metrics is not installed: no figures for it (apt-get install victoria-metrics)');

    const cases: { name: string; path: string }[] = [
      ...RANGE.map((q) => ({
        name: `range 6h/60s  ${q}`,
        path: `/api/v1/query_range?${new URLSearchParams({ query: q, start: String(startMs / 1000), end: String(endMs / 1000), step: '60' })}`,
      })),
      ...INSTANT.map((q) => ({
        name: `instant       ${q}`,
        path: `/api/v1/query?${new URLSearchParams({ query: q, time: String((endMs - 3_600_000 + 7_000) / 1000) })}`,
      })),
    ];
    console.log(
      `median of ${RUNS} runs (ms), after one warm-up each; ratios are Promdesk's time over the peer's`,
    );
    console.log(
      `${'query'.padEnd(100)} ${'promdesk'.padStart(9)} ${'prometheus'.padStart(11)} ${'victoria'.padStart(9)} ${'/prom'.padStart(6)} ${'/vm'.padStart(6)}`,
    );
    for (const c of cases) {
      const times = new Map<string, number[]>(bases.map(([n]) => [n, []]));
      for (const [, base] of bases) await timeOne(base + c.path);
      for (let i = 0; i < RUNS; i++) {
        for (const [n, base] of bases) times.get(n)!.push((await timeOne(base + c.path)).ms);
      }
      const pd = median(times.get('promdesk')!);
      const pr = times.has('prometheus') ? median(times.get('prometheus')!) : NaN;
      const vm = times.has('victoria') ? median(times.get('victoria')!) : NaN;
      console.log(
        `${c.name.slice(0, 100).padEnd(100)} ${pd.toFixed(1).padStart(9)} ${pr.toFixed(1).padStart(11)} ${vm.toFixed(1).padStart(9)} ${(pd / pr).toFixed(2).padStart(6)} ${(pd / vm).toFixed(2).padStart(6)}`,
      );
    }
  } finally {
    for (const p of peers) await p.stop();
    dir.remove();
  }
}

await main();
