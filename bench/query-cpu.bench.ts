// In-process CPU of the range queries the store's read path dominates: the query bench's data
// (~1000 series × 6 h at 15 s, test/helpers/promql-data.ts, `promdesk import`), queried 6 h at
// 60 s through QueryEngine with no HTTP, printing CPU per query repeated (closed chunks decoded
// before come from the store's cache) and first on a fresh store (every chunk decoded), and a
// digest of each result (so runs before and after a change show the same answers). The first run
// is printed again on a compacted copy of the store: as serve keeps it once its first minute's
// compaction has merged the chunks before the newest 2 h window (fewer, larger rows).
//   node --import tsx bench/query-cpu.bench.ts [--dir DIR] [--runs 15]
//   (--dir keeps the imported data there and reuses it on the next run)
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'data.om');
  const paths = Array.from({ length: 10 }, (_, i) => `/p${i}`);
  await writeOpenMetrics(file, { startMs: START, steps: STEPS, stepMs: STEP, instances: 8, paths, seed: 11 });
  if ((await runImport(['--data', data, file])) !== 0) throw new Error('promdesk import failed');
}
const compacted = join(dir, 'pd-compacted');
if (!existsSync(compacted)) {
  cpSync(data, compacted, { recursive: true });
  const s = openStore(compacted);
  try {
    await s.compact();
  } finally {
    s.close();
  }
}
/** CPU ms of one range query. */
function cpuOf(engine: QueryEngine, q: string): number {
  const c0 = process.cpuUsage();
  engine.range(q, START, END, 60_000);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const digestOf = (res: unknown) =>
  createHash('sha256').update(JSON.stringify(res)).digest('hex').slice(0, 16);

const stats = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return `min ${s[0].toFixed(1)} median ${s[s.length >> 1].toFixed(1)}`;
};

let store = openStore(data);
try {
  let engine = new QueryEngine(store);
  for (const q of QUERIES) {
    const cpu: number[] = [];
    let digest = '';
    for (let r = 0; r < RUNS; r++) {
      if (r === 0) {
        digest = digestOf(engine.range(q, START, END, 60_000));
      }
      cpu.push(cpuOf(engine, q));
    }
    console.log(`${q}: repeated, CPU ms ${stats(cpu)}, digest ${digest}`);
  }
  // The same queries on a store that has decoded none of their chunks yet (the other queries
  // run first on it, so the code is as warm as above).
  for (const [what, from] of [
    ['', data],
    [' (compacted)', compacted],
  ]) {
    for (const q of QUERIES) {
      const cpu: number[] = [];
      let digest = '';
      for (let r = 0; r < Math.max(3, RUNS >> 1); r++) {
        store.close();
        store = openStore(from);
        engine = new QueryEngine(store);
        for (const other of QUERIES) if (other !== q) engine.range(other, START, END, 60_000);
        cpu.push(cpuOf(engine, q));
        if (r === 0) digest = digestOf(engine.range(q, START, END, 60_000));
      }
      console.log(`${q}: first on a fresh store${what}, CPU ms ${stats(cpu)}, digest ${digest}`);
    }
  }
} finally {
  store.close();
  if (!values.dir) rmSync(dir, { recursive: true, force: true });
}
