// The scrape ingest path alone, in one thread: parse a 1000-series body, label it, append and
// commit to the chunk store, 300 times. Prints µs per sample (CPU), to iterate on the hot path
// without HTTP or peers in the way. `node --import tsx bench/ingest-path.bench.ts`
import { TargetSeriesState, appendReport } from '../electron/engine/scrape/ingest';
import { ChunkStore } from '../electron/engine/store/chunk-store';

const SERIES = 1000;
const SCRAPES = Number(process.env.SCRAPES ?? 300);

function body(n: number): Uint8Array {
  let s = '# HELP bench_requests_total Requests.\n# TYPE bench_requests_total counter\n';
  for (let i = 0; i < SERIES / 2; i++)
    s += `bench_requests_total{path="/p${i}",code="200"} ${n * ((i % 7) + 1)}\n`;
  s += '# HELP bench_temperature Gauge.\n# TYPE bench_temperature gauge\n';
  for (let i = 0; i < SERIES / 2; i++)
    s += `bench_temperature{sensor="s${i}"} ${(20 + Math.sin(n / 10 + i)).toFixed(3)}\n`;
  return new TextEncoder().encode(s);
}

const bodies = Array.from({ length: SCRAPES }, (_, n) => body(n + 1));
const store = new ChunkStore(':memory:');
const st = new TargetSeriesState();
const target = { job: 'bench', instance: '127.0.0.1:1' };
const opts = { targetLabels: target, honorLabels: false, honorTimestamps: true, sampleLimit: 0 };
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let n = 0; n < SCRAPES; n++) {
  const app = store.appender();
  const ts = 1_700_000_000_000 + n * 1000;
  const r = st.ingest(app, bodies[n], 'text/plain; version=0.0.4', ts, opts);
  appendReport(app, target, ts, { up: true, durationSeconds: 0.001, ...r });
  app.commit();
}
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const samples = SERIES * SCRAPES;
console.log(
  `${samples} samples: ${((cpu.user + cpu.system) / samples).toFixed(2)} µs CPU/sample, ` +
    `${((wall * 1000) / samples).toFixed(2)} µs wall/sample = ${((cpu.user + cpu.system) / 1e6 / (samples / 1e6)).toFixed(2)} CPU-s per million`,
);
store.close();
