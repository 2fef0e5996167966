// Query latency beside Debian's Prometheus on the same backfilled data (~1000 series × 6 h at
// 15 s, written by test/helpers/promql-data.ts, loaded with `promtool tsdb create-blocks-from
// openmetrics` and `promdesk import`): the median over HTTP of repeated runs per query, both
// servers in the same run, with the ratio Promdesk / Prometheus.
//   node scripts/build.mjs && node --import tsx bench/query.bench.ts [--runs 7]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const prometheus = which('prometheus');
  const promtool = which('promtool');
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
    console.log(`median of ${RUNS} runs (ms), after one warm-up each`);
    console.log(
      `${'query'.padEnd(100)} ${'promdesk'.padStart(9)} ${'prometheus'.padStart(11)} ${'ratio'.padStart(6)}`,
    );
    for (const c of cases) {
      const times = new Map<string, number[]>(bases.map(([n]) => [n, []]));
      for (const [, base] of bases) await timeOne(base + c.path);
      for (let i = 0; i < RUNS; i++) {
        for (const [n, base] of bases) times.get(n)!.push((await timeOne(base + c.path)).ms);
      }
      const pd = median(times.get('promdesk')!);
      const pr = times.has('prometheus') ? median(times.get('prometheus')!) : NaN;
      console.log(
        `${c.name.slice(0, 100).padEnd(100)} ${pd.toFixed(1).padStart(9)} ${pr.toFixed(1).padStart(11)} ${(pd / pr).toFixed(2).padStart(6)}`,
      );
    }
  } finally {
    for (const p of peers) await p.stop();
    dir.remove();
  }
}

await main();
