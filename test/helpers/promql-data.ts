// Realistic backfill data for PromQL parity tests and the query benchmark: counters with resets,
// gauges with decimals, classic histograms and summaries, series that start and stop — written as
// OpenMetrics with timestamps (seconds with ms jitter), which both `promtool tsdb
// create-blocks-from openmetrics` and `promdesk import` read.
import { createWriteStream } from 'node:fs';

export interface DataSpec {
  /** Timestamp of the first step (ms, a multiple of 15 s is nicest). */
  startMs: number;
  steps: number;
  stepMs: number;
  /** Multiplies the number of instances (1 → ~100 series). */
  instances: number;
  paths: string[];
  seed: number;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LE = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];
const QUANTILES = ['0.5', '0.9', '0.99'];

type Emit = (line: string) => void;

const fmtT = (ms: number) => (ms / 1000).toFixed(3);
const fmtV = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(12));

/** Writes the OpenMetrics file; resolves with the number of series written. */
export async function writeOpenMetrics(file: string, spec: DataSpec): Promise<number> {
  const out = createWriteStream(file);
  let buf: string[] = [];
  const emit: Emit = (line) => {
    buf.push(line);
    if (buf.length >= 10_000) {
      out.write(buf.join('\n') + '\n');
      buf = [];
    }
  };
  const n = generate(spec, emit);
  emit('# EOF');
  out.write(buf.join('\n') + '\n');
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return n;
}

function generate(spec: DataSpec, emit: Emit): number {
  const r = rng(spec.seed);
  const instances = Array.from({ length: 2 * spec.instances }, (_, i) => `host-${i}:9100`);
  const ts = (i: number) => spec.startMs + i * spec.stepMs + Math.floor(r() * 400);
  let series = 0;

  // Counters: requests by instance, path, method, status; rare resets.
  emit('# HELP http_requests Requests served.');
  emit('# TYPE http_requests counter');
  const counters: { labels: string; v: number; rate: number }[] = [];
  for (const instance of instances)
    for (const path of spec.paths)
      for (const method of ['GET', 'POST'])
        for (const status of ['200', '500']) {
          const rate = (status === '200' ? 20 : 0.5) * (method === 'GET' ? 3 : 1) * (0.5 + r());
          const labels = `job="api",instance="${instance}",path="${path}",method="${method}",status="${status}"`;
          counters.push({ labels, v: Math.floor(r() * 1000), rate });
        }
  series += counters.length;
  for (let i = 0; i < spec.steps; i++)
    for (const c of counters) {
      if (r() < 0.002) c.v = Math.floor(r() * 10);
      else c.v += Math.floor(c.rate * 15 * (0.5 + r()));
      emit(`http_requests_total{${c.labels}} ${c.v} ${fmtT(ts(i))}`);
    }

  // Gauges with decimals.
  emit('# HELP node_temperature_celsius Sensor temperature.');
  emit('# TYPE node_temperature_celsius gauge');
  emit('# UNIT node_temperature_celsius celsius');
  const gauges: { labels: string; v: number }[] = [];
  for (const instance of instances)
    for (const sensor of ['cpu', 'disk', 'board'])
      gauges.push({ labels: `job="node",instance="${instance}",sensor="${sensor}"`, v: 30 + r() * 40 });
  series += gauges.length;
  for (let i = 0; i < spec.steps; i++)
    for (const g of gauges) {
      g.v += (r() - 0.5) * 1.7;
      emit(`node_temperature_celsius{${g.labels}} ${fmtV(g.v)} ${fmtT(ts(i))}`);
    }

  // A classic histogram per instance and path.
  emit('# HELP http_request_duration_seconds Request latency.');
  emit('# TYPE http_request_duration_seconds histogram');
  const hists: { labels: string; buckets: number[]; sum: number; scale: number }[] = [];
  for (const instance of instances)
    for (const path of spec.paths.slice(0, 2))
      hists.push({
        labels: `job="api",instance="${instance}",path="${path}"`,
        buckets: LE.map(() => 0),
        sum: 0,
        scale: 0.2 + r(),
      });
  series += hists.length * (LE.length + 2);
  for (let i = 0; i < spec.steps; i++)
    for (const h of hists) {
      const t = fmtT(ts(i));
      if (i === Math.floor(spec.steps / 2) && h === hists[0]) {
        h.buckets.fill(0);
        h.sum = 0;
      }
      const reqs = Math.floor(5 + r() * 30);
      for (let k = 0; k < reqs; k++) {
        const d = -Math.log(1 - r()) * 0.3 * h.scale;
        h.sum += d;
        for (let b = 0; b < LE.length; b++) if (d <= Number(LE[b])) h.buckets[b]++;
      }
      for (let b = 0; b < LE.length; b++)
        emit(`http_request_duration_seconds_bucket{${h.labels},le="${LE[b]}"} ${h.buckets[b]} ${t}`);
      emit(`http_request_duration_seconds_sum{${h.labels}} ${fmtV(h.sum)} ${t}`);
      emit(`http_request_duration_seconds_count{${h.labels}} ${h.buckets[LE.length - 1]} ${t}`);
    }

  // A summary per instance.
  emit('# HELP rpc_duration_seconds RPC latency.');
  emit('# TYPE rpc_duration_seconds summary');
  const sums = instances.map((instance) => ({
    labels: `job="rpc",instance="${instance}"`,
    sum: 0,
    count: 0,
  }));
  series += sums.length * (QUANTILES.length + 2);
  for (let i = 0; i < spec.steps; i++)
    for (const s of sums) {
      const t = fmtT(ts(i));
      for (const q of QUANTILES)
        emit(
          `rpc_duration_seconds{${s.labels},quantile="${q}"} ${fmtV(Number(q) * (0.1 + r() * 0.05))} ${t}`,
        );
      s.count += Math.floor(r() * 50);
      s.sum += r() * 3;
      emit(`rpc_duration_seconds_sum{${s.labels}} ${fmtV(s.sum)} ${t}`);
      emit(`rpc_duration_seconds_count{${s.labels}} ${s.count} ${t}`);
    }

  // Series that start, stop, or pause.
  emit('# HELP batch_jobs_running Jobs running per queue.');
  emit('# TYPE batch_jobs_running gauge');
  const q = spec.steps;
  const windows: [string, (i: number) => boolean][] = [
    ['early', (i) => i >= q / 6 && i < q / 2],
    ['late', (i) => i >= (2 * q) / 3],
    ['gappy', (i) => i < q / 3 || i >= q / 3 + 80],
    ['always', () => true],
  ];
  series += windows.length;
  for (let i = 0; i < spec.steps; i++)
    for (const [queue, on] of windows)
      if (on(i))
        emit(`batch_jobs_running{job="batch",queue="${queue}"} ${Math.floor(r() * 8)} ${fmtT(ts(i))}`);

  emit('# TYPE app_info gauge');
  series += instances.length;
  for (let i = 0; i < spec.steps; i += 4)
    for (const [k, instance] of instances.entries())
      emit(`app_info{job="api",instance="${instance}",version="1.${k % 3}.0"} 1 ${fmtT(ts(i))}`);
  return series;
}
