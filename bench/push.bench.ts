// Pushgateway-style pushes of many groups, one after another, to `promdesk serve`: each PUT
// creates a new group (job "bench", instance i) of a few series. Prints the time a push takes
// at the start and at the end, and the total: it stays flat when a push stores only its group.
//   node --import tsx bench/push.bench.ts [--groups 10000] [--series 5] [--root DIR]
// --root runs another checkout's built bin/promdesk.mjs (e.g. an older commit, for a before/after).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startPeer, waitHttp } from '../test/helpers/peers';
import { tempDir } from '../test/helpers/tmp';

const { values } = parseArgs({
  options: {
    groups: { type: 'string', default: '10000' },
    series: { type: 'string', default: '5' },
    root: { type: 'string', default: process.cwd() },
  },
});
const GROUPS = Number(values.groups);
const SERIES = Number(values.series);
const EDGE = Math.max(1, Math.min(500, Math.floor(GROUPS / 10)));

async function main(): Promise<void> {
  const dir = tempDir();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const peer = startPeer(process.execPath, [
    join(values.root, 'bin', 'promdesk.mjs'),
    'serve',
    '--data',
    join(dir.path, 'data'),
    '--listen',
    `127.0.0.1:${port}`,
  ]);
  try {
    await waitHttp(`${base}/-/ready`);
    let body = '# TYPE bench_push_value gauge\n';
    for (let s = 0; s < SERIES; s++) body += `bench_push_value{k="${s}"} ${s}\n`;
    const times: number[] = [];
    const started = performance.now();
    for (let g = 0; g < GROUPS; g++) {
      const t0 = performance.now();
      const r = await fetch(`${base}/metrics/job/bench/instance/i${g}`, { method: 'PUT', body });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`push ${g} answered ${r.status}`);
      times.push(performance.now() - t0);
      if ((g + 1) % 1000 === 0) {
        const last = times.slice(-1000).reduce((a, b) => a + b, 0) / 1000;
        const at = ((performance.now() - started) / 1000).toFixed(0);
        console.log(`  ${g + 1} groups: ${last.toFixed(2)} ms/push over the last 1000 (${at} s so far)`);
      }
    }
    const total = performance.now() - started;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(times.slice(0, EDGE));
    const last = mean(times.slice(-EDGE));
    console.log(`${GROUPS} push groups of ${SERIES} series, PUT one after another (${values.root})`);
    console.log(`  first ${EDGE} pushes   ${first.toFixed(2)} ms/push`);
    console.log(
      `  last ${EDGE} pushes    ${last.toFixed(2)} ms/push (${(last / first).toFixed(1)}x the first)`,
    );
    console.log(`  total              ${(total / 1000).toFixed(1)} s`);
    const m = /promdesk_push_groups (\d+)/.exec(await (await fetch(`${base}/metrics`)).text());
    console.log(`  groups held        ${m?.[1] ?? '?'}`);
  } finally {
    await peer.stop();
    dir.remove();
  }
}

await main();
