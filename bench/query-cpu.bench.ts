// In-process CPU of the range queries the store's read path dominates: the query bench's data
// (~1000 series × 6 h at 15 s, test/helpers/promql-data.ts, `promdesk import`), queried 6 h at
// 60 s through QueryEngine with no HTTP, printing CPU per query and a digest of each result (so runs
// before and after a change show the same answers).
//   node --import tsx bench/query-cpu.bench.ts [--dir DIR] [--runs 15]
//   (--dir keeps the imported data there and reuses it on the next run)
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runImport } from '../electron/import-command';
import { QueryEngine } from '../electron/engine/query';
import { openStore } from '../electron/engine/store/open-store';
import { writeOpenMetrics } from '../test/helpers/promql-data';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, runs: { type: 'string', default: '15' } },
});
const RUNS = Number(values.runs);
const STEP = 15_000;
const STEPS = 6 * 240;
const END = 1_780_000_000_000;
const START = END - STEPS * STEP;
const QUERIES = [
  'sum by (path) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
];

const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'promdesk-query-cpu-'));
const data = join(dir, 'pd');
if (!existsSync(data)) {
  const file = join(dir, 'data.om');
  const paths = Array.from({ length: 10 }, (_, i) => `/p${i}`);
  await writeOpenMetrics(file, { startMs: START, steps: STEPS, stepMs: STEP, instances: 8, paths, seed: 11 });
  if ((await runImport(['--data', data, file])) !== 0) throw new Error('promdesk import failed');
}
const store = openStore(data);
try {
  const engine = new QueryEngine(store);
  for (const q of QUERIES) {
    const cpu: number[] = [];
    let digest = '';
    for (let r = 0; r < RUNS; r++) {
      const c0 = process.cpuUsage();
      const res = engine.range(q, START, END, 60_000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (r === 0) digest = createHash('sha256').update(JSON.stringify(res)).digest('hex').slice(0, 16);
    }
    cpu.sort((a, b) => a - b);
    console.log(
      `${q}: CPU ms min ${cpu[0].toFixed(1)} median ${cpu[cpu.length >> 1].toFixed(1)}, digest ${digest}`,
    );
  }
} finally {
  store.close();
  if (!values.dir) rmSync(dir, { recursive: true, force: true });
}
