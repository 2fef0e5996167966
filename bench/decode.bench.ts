// The store's read path alone: select every series of 1000 × 6 h at 15 s (node_exporter-like
// values, ms jitter) from a closed store, repeatedly, and print the CPU per select and a digest of
// the samples (so a run before and after a decoder change shows the same results).
//   node --import tsx bench/decode.bench.ts [--dir DIR] [--runs 15]
//   (--dir keeps the store there and reuses it on the next run)
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ChunkStore } from '../electron/engine/store/chunk-store';
import { nodeMix, scrapeTimes } from '../test/helpers/node-mix';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, runs: { type: 'string', default: '15' } },
});
const SERIES = 1000;
const SCRAPES = (6 * 3600) / 15;
const T0 = 1_700_000_000_000;
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'promdesk-decode-bench-'));
const file = join(dir, 'store.db');

if (!existsSync(file)) {
  const store = new ChunkStore(file);
  const mix = nodeMix(SERIES);
  const ts = scrapeTimes(T0, SCRAPES);
  for (let i = 0; i < SCRAPES; i += 10) {
    const app = store.appender();
    for (let j = i; j < Math.min(SCRAPES, i + 10); j++)
      for (const s of mix) app.append(s.labels, ts[j], s.next());
    app.commit();
  }
  store.close();
}

const store = new ChunkStore(file);
const cpu: number[] = [];
let digest = '';
let samples = 0;
for (let r = 0; r < Number(values.runs); r++) {
  const c0 = process.cpuUsage();
  const sel = store.select([{ name: 'job', type: '=', value: 'node' }], T0, T0 + SCRAPES * 15_000);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  if (r === 0) {
    const h = createHash('sha256');
    for (const s of sel) {
      h.update(JSON.stringify(s.labels));
      h.update(new Uint8Array(s.t.buffer, s.t.byteOffset, s.t.byteLength));
      h.update(new Uint8Array(s.v.buffer, s.v.byteOffset, s.v.byteLength));
      if (s.stale) h.update(s.stale);
    }
    digest = h.digest('hex').slice(0, 16);
    samples = sel.reduce((n, s) => n + s.t.length, 0);
  }
}
store.close();
if (!values.dir) rmSync(dir, { recursive: true, force: true });
cpu.sort((a, b) => a - b);
console.log(
  `select: ${samples} samples, CPU ms min ${cpu[0].toFixed(1)} median ${cpu[cpu.length >> 1].toFixed(1)}, digest ${digest}`,
);
