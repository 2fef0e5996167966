// The same OpenMetrics file is backfilled into Debian's Prometheus 2.42 (promtool tsdb
// create-blocks-from openmetrics) and into Promdesk (`promdesk import`); a broad list of
// expressions then goes through both servers' /api/v1/query and /api/v1/query_range, and the
// results must agree: result type, label sets, values within 1e-6 relative, error types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe } from '../../electron/serve';
import { runImport } from '../../electron/import-command';
import type { PromQLCompat } from '../../electron/engine/query';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { writeOpenMetrics } from '../helpers/promql-data';
import { tempDir } from '../helpers/tmp';

const COMPAT = (process.env.PROMQL_COMPAT ?? '2.42') as PromQLCompat;
const STEP = 15_000;
const STEPS = 6 * 240;

const C = 'http_requests_total';
const H = 'http_request_duration_seconds_bucket';
const G = 'node_temperature_celsius';

export const EXPRESSIONS = [
  // selectors, every matcher type, offsets, @
  C,
  `${C}{path="/a"}`,
  `${C}{path!="/a",method="GET"}`,
  `${C}{path=~"/(a|b)",status!~"5.."}`,
  `{__name__=~"node_.*",sensor="cpu"}`,
  `${G} offset 10m`,
  `${G} offset -10m`,
  `${G} @ end()`,
  `${G} @ start() offset 1m`,
  `batch_jobs_running`,
  `${G}[2m]`,
  `batch_jobs_running[5m] offset 1m`,
  // range functions
  `rate(${C}[5m])`,
  `rate(${C}[1m])`,
  `irate(${C}[5m])`,
  `increase(${C}[10m])`,
  `increase(${C}[5m] offset 30m)`,
  `delta(${G}[5m])`,
  `idelta(${G}[5m])`,
  `deriv(${G}[10m])`,
  `predict_linear(${G}[15m], 3600)`,
  `resets(${C}[1h])`,
  `changes(batch_jobs_running[10m])`,
  `avg_over_time(${G}[5m])`,
  `min_over_time(${G}[5m])`,
  `max_over_time(${G}[5m])`,
  `sum_over_time(batch_jobs_running[5m])`,
  `count_over_time(batch_jobs_running[7m])`,
  `stddev_over_time(${G}[10m])`,
  `stdvar_over_time(${G}[10m])`,
  `last_over_time(batch_jobs_running[10m])`,
  `present_over_time(batch_jobs_running[3m])`,
  `quantile_over_time(0.9, ${G}[10m])`,
  `absent_over_time(batch_jobs_running{queue="early"}[5m])`,
  `absent_over_time(nonexistent[5m])`,
  `holt_winters(${G}[10m], 0.5, 0.3)`,
  `rate(${C}[5m] @ end())`,
  // aggregations
  `sum(rate(${C}[5m]))`,
  `sum by (path) (rate(${C}[5m]))`,
  `sum without (instance, method) (rate(${C}[5m]))`,
  `avg by (sensor) (${G})`,
  `min by (instance) (${G})`,
  `max without (sensor) (${G})`,
  `count by (status) (${C})`,
  `group by (job) ({job=~".+"})`,
  `stddev by (sensor) (${G})`,
  `stdvar(${G})`,
  `topk(3, rate(${C}[5m]))`,
  `bottomk(2 , ${G})`,
  `topk by (path) (1, ${C})`,
  `quantile by (sensor) (0.75, ${G})`,
  `count_values("v", batch_jobs_running)`,
  `count_values by (queue) ("value", batch_jobs_running)`,
  // histograms and summaries
  `histogram_quantile(0.9, sum by (le) (rate(${H}[5m])))`,
  `histogram_quantile(0.5, sum by (le, path) (rate(${H}[5m])))`,
  `histogram_quantile(0.99, rate(${H}[10m]))`,
  `rate(http_request_duration_seconds_sum[5m]) / rate(http_request_duration_seconds_count[5m])`,
  `rpc_duration_seconds{quantile="0.99"} > 0.1`,
  // binary operators and vector matching
  `${G} * 1.8 + 32`,
  `-${G}`,
  `${G} > 40`,
  `${G} > bool 40`,
  `2 ^ 3 % 5`,
  `rate(${C}{status="500"}[5m]) / ignoring (status) rate(${C}{status="200"}[5m])`,
  `sum by (instance) (rate(${C}[5m])) / on (instance) group_left (version) app_info`,
  `app_info * on (instance) group_right (version) sum by (instance) (rate(${C}[5m]))`,
  `sum by (instance, path) (rate(${C}[5m])) / on (instance) group_left sum by (instance) (rate(${C}[5m]))`,
  `${G} and on (sensor) ${G}{sensor="cpu"}`,
  `batch_jobs_running or on () vector(0)`,
  `${G} unless ${G} > 50`,
  `rate(${C}[5m]) == bool on (instance, path, method, status) irate(${C}[5m])`,
  `${C} / on (instance) app_info`,
  `${C} + ${G}`,
  `sum by (instance, path) (rate(${C}{method="GET",status="200"}[5m])) / on (instance, path) group_left sum by (instance, path) (rate(${C}[5m]))`,
  // other functions
  `label_replace(${G}, "host", "$1", "instance", "(.*):.*")`,
  `label_join(${G}, "id", "/", "instance", "sensor")`,
  `clamp(${G}, 35, 55)`,
  `clamp_min(${G}, 40)`,
  `clamp_max(${G}, 40)`,
  `round(${G}, 0.5)`,
  `round(${G})`,
  `abs(-${G})`,
  `ceil(${G}) - floor(${G})`,
  `ln(${G}) + log2(${G}) + log10(${G}) + exp(${G} / 100) + sqrt(${G})`,
  `timestamp(${G})`,
  `timestamp(batch_jobs_running offset 1m)`,
  `time()`,
  `vector(1)`,
  `scalar(sum(batch_jobs_running))`,
  `sort(${G})`,
  `sort_desc(sum by (path) (rate(${C}[5m])))`,
  `hour()`,
  `minute(vector(time()))`,
  `day_of_week()`,
  `days_in_month()`,
  `absent(nonexistent{job="x"})`,
  `absent(${G})`,
  `sgn(delta(${G}[5m]))`,
  // subqueries
  `max_over_time(rate(${C}[5m])[30m:1m])`,
  `avg_over_time(sum by (path) (rate(${C}[1m]))[10m:])`,
  `min_over_time(${G}[20m:2m] offset 5m)`,
  `rate(sum(${C})[10m:30s])`,
  `deriv(avg(${G})[30m:15s])`,
  // errors
  `sum(`,
  `rate(${G})`,
  `${C}{path="/a"} + on (path) ${C}`,
  `label_replace(${G}, "sensor", "x", "sensor", ".*")`,
  `{__name__=~".+_total"} * 2`,
  `holt_winters(${G}[10m], 1.5, 0.3)`,
  `quantile(2, ${G})`,
  `foo @ bar`,
];

interface Result {
  status: string;
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown } | string;
}

type Row = { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] };

const key = (m: Record<string, string>) => JSON.stringify(Object.entries(m).sort());

function close(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  return Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y)) || Math.abs(x - y) < 1e-12;
}

/** Differences between two API answers, as readable lines (empty when equal). */
export function diff(want: Result, got: Result): string[] {
  if (want.status !== got.status || want.errorType !== got.errorType) {
    return [
      `prometheus: ${want.status} ${want.errorType ?? ''} ${want.error ?? ''}`,
      `promdesk:   ${got.status} ${got.errorType ?? ''} ${got.error ?? ''}`,
    ];
  }
  if (want.status !== 'success') return [];
  if (typeof want.data === 'string' || typeof got.data === 'string') {
    return want.data === got.data ? [] : [`${JSON.stringify(got.data)}, want ${JSON.stringify(want.data)}`];
  }
  const w = want.data as { resultType: string; result: unknown };
  const g = got.data as { resultType: string; result: unknown };
  if (w.resultType !== g.resultType) return [`resultType ${w.resultType} vs ${g.resultType}`];
  if (w.resultType === 'scalar' || w.resultType === 'string') {
    const [wt, wv] = w.result as [number, string];
    const [gt, gv] = g.result as [number, string];
    return wt === gt && close(wv, gv) ? [] : [`${wt} ${wv} vs ${gt} ${gv}`];
  }
  const out: string[] = [];
  const gm = new Map((g.result as Row[]).map((r) => [key(r.metric), r]));
  for (const r of w.result as Row[]) {
    const k = key(r.metric);
    const o = gm.get(k);
    gm.delete(k);
    if (!o) {
      out.push(`missing ${k}`);
      continue;
    }
    const wp = r.values ?? [r.value!];
    const gp = o.values ?? [o.value!];
    const gByT = new Map(gp.map((p) => [p[0], p[1]]));
    for (const [t, v] of wp) {
      const x = gByT.get(t);
      gByT.delete(t);
      if (x === undefined) out.push(`${k} @${t}: missing (want ${v})`);
      else if (!close(v, x)) out.push(`${k} @${t}: ${x}, want ${v}`);
    }
    for (const [t, v] of gByT) out.push(`${k} @${t}: extra ${v}`);
  }
  for (const k of gm.keys()) out.push(`extra ${k}`);
  return out;
}

async function get(base: string, path: string, params: Record<string, string>): Promise<Result> {
  const r = await fetch(`${base}${path}?${new URLSearchParams(params)}`);
  return (await r.json()) as Result;
}

test('PromQL over backfilled data agrees with Prometheus 2.42', { timeout: 180_000 }, async (t) => {
  const prometheus = which('prometheus');
  const promtool = which('promtool');
  if (!prometheus || !promtool) {
    t.skip('Debian prometheus/promtool are not installed (apt-get install prometheus)');
    return;
  }
  const dir = tempDir('promdesk-promql-');
  const endGrid = Math.floor((Date.now() - 20 * 60_000) / STEP) * STEP;
  const startMs = endGrid - STEPS * STEP;
  const file = join(dir.path, 'data.om');
  await writeOpenMetrics(file, {
    startMs,
    steps: STEPS,
    stepMs: STEP,
    instances: 1,
    paths: ['/a', '/b', '/c'],
    seed: 7,
  });
  const blocks = spawnSync(
    promtool,
    ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir.path, 'prom')],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(blocks.status, 0, blocks.stderr);
  const logs: string[] = [];
  const log = console.error;
  console.error = (m: string) => logs.push(m);
  try {
    assert.equal(await runImport(['--data', join(dir.path, 'pd'), file]), 0);
  } finally {
    console.error = log;
  }
  const configFile = join(dir.path, 'prometheus.yml');
  writeFileSync(configFile, 'scrape_configs: []\n');
  const pp = await freePort();
  const prom = startPeer(prometheus, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir.path, 'prom')}`,
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${pp}`,
  ]);
  const pd = await startServe({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dir.path, 'pd'),
    configFile: null,
    rendererDir: join(dir.path, 'none'),
    token: null,
    query: { compat: COMPAT },
  });
  const promBase = `http://127.0.0.1:${pp}`;
  const pdBase = `http://127.0.0.1:${pd.port}`;
  try {
    await waitHttp(`${promBase}/-/ready`);
    // Eval times: on the 15 s grid (between samples), exact sample timestamps, a window start that
    // falls exactly on a sample, and exactly one lookback after a series' last sample.
    const raw = await get(promBase, '/api/v1/query', {
      query: `${C}{instance="host-0:9100",path="/a",method="GET",status="200"}[1m]`,
      time: String((startMs + 3 * 3_600_000) / 1000),
    });
    const sampleTs = (raw.data as { result: Row[] }).result[0].values!.map((p) => p[0]);
    const last = await get(promBase, '/api/v1/query', {
      query: 'batch_jobs_running{queue="early"}[10m]',
      time: String((startMs + 3 * 3_600_000 + 60_000) / 1000),
    });
    const earlyEnd = (last.data as { result: Row[] }).result[0].values!.at(-1)![0];
    const instants = [
      (startMs + 2 * 3_600_000) / 1000,
      (startMs + 3 * 3_600_000 + 7_500) / 1000,
      sampleTs[1],
      sampleTs[0] + 300,
      earlyEnd + 300,
      (endGrid + 60_000) / 1000,
    ];
    const ranges = [
      { start: (startMs + 3_600_000) / 1000, end: (startMs + 2 * 3_600_000) / 1000, step: '60' },
      { start: startMs / 1000, end: endGrid / 1000, step: '300' },
      { start: sampleTs[0], end: sampleTs[0] + 1800, step: '15' },
      { start: (startMs + 90 * 60_000) / 1000, end: (startMs + 270 * 60_000) / 1000, step: '37' },
    ];
    const failures: string[] = [];
    let compared = 0;
    for (const q of EXPRESSIONS) {
      const asks: [string, Record<string, string>][] = [
        ...instants.map((ti): [string, Record<string, string>] => [
          '/api/v1/query',
          { query: q, time: String(ti) },
        ]),
        ...ranges.map((r): [string, Record<string, string>] => [
          '/api/v1/query_range',
          { query: q, start: String(r.start), end: String(r.end), step: r.step },
        ]),
      ];
      asks.push(['/api/v1/format_query', { query: q }]);
      for (const [path, params] of asks) {
        const [want, got] = await Promise.all([get(promBase, path, params), get(pdBase, path, params)]);
        compared++;
        const d = diff(want, got);
        if (d.length) failures.push(`${path} ${JSON.stringify(params)}\n    ${d.slice(0, 6).join('\n    ')}`);
      }
    }
    const summary = `${EXPRESSIONS.length} expressions, ${compared} queries, ${failures.length} differ (compat ${COMPAT})`;
    t.diagnostic(summary);
    if (failures.length) console.log(failures.join('\n'));
    assert.equal(failures.length, 0, summary);
  } finally {
    await pd.stop();
    await prom.stop();
    dir.remove();
  }
});
