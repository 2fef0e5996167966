// One big remote-write request (default 500k series, one sample each, snappy) sent to
// `promdesk serve` while a target is scraped every second. Prints the request's time, the
// longest gap between scrapes of that target during it (the engine thread decodes and stores
// the request; scrapes run on the same thread), the server's peak RSS, and checks that every
// series arrived.
//   node --import tsx bench/remote-write-big.bench.ts [--series 500000] [--root DIR]
// --root runs another checkout's built bin/promdesk.mjs (e.g. an older commit, for a before/after).
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { freePort, startPeer, waitHttp } from '../test/helpers/peers';
import { tempDir } from '../test/helpers/tmp';
import { bigWriteRequest } from '../test/helpers/big-write-request';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '500000' },
    root: { type: 'string', default: process.cwd() },
  },
});
const SERIES = Number(values.series);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function procStatusKiB(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function main(): Promise<void> {
  // The concurrently scraped target: it only records when it was scraped.
  const hits: number[] = [];
  const exporter = http.createServer((_req, res) => {
    hits.push(performance.now());
    res.end('tick 1\n');
  });
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
  const target = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;

  const dir = tempDir();
  const cfg = join(dir.path, 'prometheus.yml');
  writeFileSync(
    cfg,
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: tick\n    static_configs:\n      - targets: ['${target}']\n`,
  );
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const peer = startPeer(process.execPath, [
    join(values.root, 'bin', 'promdesk.mjs'),
    'serve',
    '--config',
    cfg,
    '--data',
    join(dir.path, 'data'),
    '--listen',
    `127.0.0.1:${port}`,
  ]);
  try {
    await waitHttp(`${base}/-/ready`);
    const pid = peer.proc.pid!;
    const t = Date.now();
    let built = performance.now();
    const body = bigWriteRequest('rw_big', SERIES, t);
    built = performance.now() - built;
    const seen = hits.length;
    while (hits.length < seen + 3) await sleep(100);
    const rssBefore = procStatusKiB(pid, 'VmRSS');
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, procStatusKiB(pid, 'VmRSS'));
    }, 50);

    const start = performance.now();
    const r = await fetch(`${base}/api/v1/write`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
      body,
    });
    const reply = await r.text();
    const end = performance.now();
    await sleep(3000);
    clearInterval(sampler);
    // Before the count query below, which reads all the series and has a peak of its own.
    const hwm = procStatusKiB(pid, 'VmHWM');

    // Gaps between consecutive scrapes from the one before the request to three seconds after it.
    let maxGap = 0;
    let scrapes = 0;
    for (let i = 1; i < hits.length; i++) {
      if (hits[i] < start) continue;
      scrapes++;
      maxGap = Math.max(maxGap, hits[i] - hits[i - 1]);
    }
    const q = new URL('/api/v1/query', base);
    q.searchParams.set('query', 'count(rw_big)');
    q.searchParams.set('time', String(t / 1000));
    const counted = (await (await fetch(q)).json()) as { data?: { result: { value: [number, string] }[] } };
    const stored = Number(counted.data?.result[0]?.value[1] ?? 0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const lag = /promdesk_http_event_loop_lag_seconds\{quantile="1"\} (\S+)/.exec(metrics)?.[1];

    const mib = (kib: number) => (kib / 1024).toFixed(0);
    console.log(`remote_write of ${SERIES} series, one sample each (${values.root})`);
    console.log(
      `  body                 ${(body.length / 1048576).toFixed(1)} MiB snappy (built in ${built.toFixed(0)} ms)`,
    );
    console.log(`  reply                ${r.status} ${reply.trim()}`);
    console.log(`  request time         ${((end - start) / 1000).toFixed(2)} s`);
    console.log(
      `  longest scrape gap   ${(maxGap / 1000).toFixed(2)} s (1 s interval; ${scrapes} scrapes since the request)`,
    );
    console.log(`  HTTP thread lag max  ${lag ?? '?'} s`);
    console.log(
      `  RSS                  ${mib(rssBefore)} MiB before, ${mib(rssPeak)} MiB peak (sampled every 50 ms), VmHWM ${mib(hwm)} MiB`,
    );
    console.log(`  series stored        ${stored} of ${SERIES}`);
    if (r.status !== 204 || stored !== SERIES) process.exitCode = 1;
  } finally {
    await peer.stop();
    exporter.close();
    dir.remove();
  }
}

await main();
