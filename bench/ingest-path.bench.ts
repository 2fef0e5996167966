// The scrape ingest path alone, in one thread: parse 1000-series bodies of 20 targets, label
// them, append and commit to the chunk store, one commit per scrape, like `promdesk serve` with
// 20 targets at 1 s but without HTTP or peers in the way. Prints CPU per sample, to iterate on
// the hot path. `node --import tsx bench/ingest-path.bench.ts` (SCRAPES=n rounds, default 600:
// enough for every series to close a 480-sample chunk and for a head checkpoint)
import { ReportSeries, TargetSeriesState } from '../electron/engine/scrape/ingest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkStore } from '../electron/engine/store/chunk-store';

const SERIES = 1000;
const TARGETS = 20;
const ROUNDS = Number(process.env.SCRAPES ?? 600);
const BODIES = 60;

function body(n: number): Uint8Array {
  let s = '# HELP bench_requests_total Requests.\n# TYPE bench_requests_total counter\n';
  for (let i = 0; i < SERIES / 2; i++)
    s += `bench_requests_total{path="/p${i}",code="200"} ${n * ((i % 7) + 1)}\n`;
  s += '# HELP bench_temperature Gauge.\n# TYPE bench_temperature gauge\n';
  for (let i = 0; i < SERIES / 2; i++)
    s += `bench_temperature{sensor="s${i}"} ${(20 + Math.sin(n / 10 + i)).toFixed(3)}\n`;
  return new TextEncoder().encode(s);
}

const bodies = Array.from({ length: BODIES }, (_, n) => body(n + 1));
// A real file: commits, chunk writes and checkpoints cost what they cost on disk.
const dir = mkdtempSync(join(tmpdir(), 'promdesk-ingest-path-'));
const store = new ChunkStore(join(dir, 'data.db'));
const targets = Array.from({ length: TARGETS }, (_, i) => {
  const labels = { job: 'bench', instance: `127.0.0.1:${9000 + i}` };
  return {
    labels,
    state: new TargetSeriesState(),
    report: new ReportSeries(labels),
    opts: { targetLabels: labels, honorLabels: false, honorTimestamps: true, sampleLimit: 0 },
  };
});

function round(n: number): void {
  const ts = 1_700_000_000_000 + n * 1000;
  for (const t of targets) {
    const app = store.appender();
    const r = t.state.ingest(app, bodies[n % BODIES], 'text/plain; version=0.0.4', ts, t.opts);
    t.report.append(app, ts, { up: true, durationSeconds: 0.001, ...r });
    app.commit();
  }
}

round(0); // the first scrape creates every series: not the steady state measured here
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let n = 1; n <= ROUNDS; n++) round(n);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const samples = SERIES * TARGETS * ROUNDS;
const us = cpu.user + cpu.system;
console.log(
  `${samples} samples (${TARGETS} targets × ${SERIES} series × ${ROUNDS} scrapes): ` +
    `${(us / samples).toFixed(2)} µs CPU and ${((wall * 1000) / samples).toFixed(2)} µs wall per sample ` +
    `= ${(us / 1e6 / (samples / 1e6)).toFixed(2)} CPU-s per million; ${store.stats.checkpoints} checkpoints`,
);
// Memory with every series' open chunk near its largest (480 samples before it closes).
const mem = process.memoryUsage();
console.log(
  `memory: RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB, JS heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, ` +
    `array buffers ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MiB for ${SERIES * TARGETS} series`,
);
store.close();
rmSync(dir, { recursive: true, force: true });
