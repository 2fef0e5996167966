// `promdesk serve` and the desktop's engine host answer the same: on the same imported data, the
// HTTP API's JSON for instant and range queries, series, labels, values and errors is byte for
// byte the same, and so is what Debian's promtool prints against each (the promtool-client
// check); Debian's Prometheus remote-writes into both at once and both store the same series
// (the remote-write-in check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runImport } from '../../electron/import-command';
import { startDesktopHost, type DesktopHost } from '../helpers/desktop-host';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { writeOpenMetrics } from '../helpers/promql-data';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/tmp';

const run = promisify(execFile);
const stdout = async (bin: string, args: string[]): Promise<string> =>
  (await run(bin, args, { encoding: 'utf8', timeout: 30_000 })).stdout;
const STEP = 15_000;
const STEPS = 240;

async function withBoth(
  prepare: (dataDir: string) => Promise<void>,
  fn: (serve: string, desktop: string) => Promise<void>,
): Promise<void> {
  const dir = tempDir('promdesk-parity-');
  let serve: ServeProcess | null = null;
  let host: DesktopHost | null = null;
  try {
    await prepare(join(dir.path, 'serve'));
    await prepare(join(dir.path, 'desktop'));
    serve = await startServeProcess(join(dir.path, 'serve'));
    const port = await freePort();
    host = startDesktopHost(['--data', join(dir.path, 'desktop'), '--listen', `127.0.0.1:${port}`]);
    const ready = await host.next('ready');
    assert.deepEqual(ready.http, { url: `http://127.0.0.1:${port}/` });
    await fn(serve.base, `http://127.0.0.1:${port}`);
  } finally {
    if (host) assert.equal(await host.stop(), 0, host.output());
    if (serve) assert.equal(await serve.stop(), 0, serve.output());
    dir.remove();
  }
}

test(
  'serve and the desktop host: the same JSON and the same promtool output on the same data',
  { timeout: 90_000 },
  async (t) => {
    const endMs = Math.floor((Date.now() - 10 * 60_000) / STEP) * STEP;
    const startMs = endMs - STEPS * STEP;
    const data = tempDir('promdesk-parity-data-');
    const file = join(data.path, 'data.om');
    await writeOpenMetrics(file, {
      startMs,
      steps: STEPS,
      stepMs: STEP,
      instances: 2,
      paths: ['/a', '/b'],
      seed: 5,
    });
    const importInto = async (dataDir: string) => {
      const log = console.error;
      console.error = () => {};
      try {
        assert.equal(await runImport(['--data', dataDir, file]), 0);
      } finally {
        console.error = log;
      }
    };
    const at = (endMs - 30 * 60_000) / 1000;
    const q = encodeURIComponent;
    const paths = [
      `/api/v1/query?time=${at}&query=${q('sum by (sensor) (node_temperature_celsius)')}`,
      `/api/v1/query?time=${at}&query=${q('rate(http_requests_total[5m])')}`,
      `/api/v1/query?time=${at}&query=${q('histogram_quantile(0.9, sum by (le) (rate(rpc_duration_seconds_bucket[10m])))')}`,
      `/api/v1/query?time=${at}&query=${q('topk(3, http_requests_total)')}`,
      `/api/v1/query?time=${at}&query=${q('count_over_time(app_info[1h])')}`,
      `/api/v1/query_range?start=${startMs / 1000 + 600}&end=${at}&step=300&query=${q('max by (instance) (node_temperature_celsius)')}`,
      `/api/v1/query_range?start=${startMs / 1000}&end=${endMs / 1000}&step=60&query=${q('sum(rate(http_requests_total[2m]))')}`,
      `/api/v1/series?match[]=batch_jobs_running&start=${startMs / 1000}&end=${endMs / 1000}`,
      `/api/v1/labels?start=${startMs / 1000}&end=${endMs / 1000}`,
      `/api/v1/label/queue/values`,
      `/api/v1/label/__name__/values`,
      `/api/v1/query?query=${q('sum(')}`,
      `/api/v1/query_range?start=0&end=100000&step=1&query=up`,
      `/api/v1/status/buildinfo`,
    ];
    try {
      await withBoth(importInto, async (serve, desktop) => {
        for (const p of paths) {
          const [a, b] = await Promise.all([fetch(serve + p), fetch(desktop + p)]);
          const [ta, tb] = [await a.text(), await b.text()];
          assert.equal(b.status, a.status, p);
          assert.equal(tb, ta, p);
          assert.ok(ta.length > 40, `${p}: ${ta}`);
        }
        // The same semantics by default: PromQL 2.42's, the same limits; only the data dir differs.
        const flags = async (base: string) => {
          const f = (await (await fetch(`${base}/api/v1/status/flags`)).json()) as {
            data: Record<string, string>;
          };
          delete f.data['storage.tsdb.path'];
          return f.data;
        };
        assert.deepEqual(await flags(desktop), await flags(serve));
        assert.equal((await flags(desktop))['query.compat'], '2');

        const promtool = which('promtool');
        if (!promtool) return t.diagnostic('Debian promtool is not installed: its half is skipped');
        const cases = (url: string) => [
          ['query', 'instant', '--time', String(at), url, 'sum by (sensor) (node_temperature_celsius)'],
          [
            'query',
            'range',
            '--start',
            String(startMs / 1000 + 600),
            '--end',
            String(at),
            '--step',
            '5m',
            url,
            'max(node_temperature_celsius)',
          ],
          ['query', 'series', '--match', 'batch_jobs_running', url],
          ['query', 'labels', url, 'queue'],
        ];
        const [fromServe, fromDesktop] = [cases(serve), cases(desktop)];
        for (const [i, c] of fromServe.entries()) {
          const [a, b]: string[] = await Promise.all([stdout(promtool, c), stdout(promtool, fromDesktop[i])]);
          assert.equal(b, a, `promtool ${c.join(' ')}`);
          assert.ok(a.trim().length > 0, `promtool ${c.join(' ')} printed nothing`);
        }
      });
    } finally {
      data.remove();
    }
  },
);

test(
  'Debian Prometheus remote-writes into serve and the desktop host at once: the same series',
  { timeout: 90_000 },
  async (t) => {
    const prometheus = which('prometheus');
    if (!prometheus) return t.skip('Debian prometheus is not installed');
    let n = 0;
    const exporter = http.createServer((_req, res) => {
      n++;
      res.end(`# TYPE par_total counter\npar_total{k="x"} ${n}\npar_gauge{k="a"} 1.5\npar_gauge{k="b"} -2\n`);
    });
    await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
    const ep = (exporter.address() as AddressInfo).port;
    const dir = tempDir('promdesk-parity-prom-');
    try {
      await withBoth(
        async () => {},
        async (serve, desktop) => {
          const pp = await freePort();
          const cfg = join(dir.path, 'prom.yml');
          const rw = (base: string) => [
            `  - url: ${base}/api/v1/write`,
            '    queue_config:',
            '      batch_send_deadline: 1s',
          ];
          writeFileSync(
            cfg,
            [
              'global:',
              '  scrape_interval: 1s',
              'scrape_configs:',
              '  - job_name: parjob',
              '    static_configs:',
              `      - targets: ["127.0.0.1:${ep}"]`,
              'remote_write:',
              ...rw(serve),
              ...rw(desktop),
            ].join('\n') + '\n',
          );
          const prom = startPeer(prometheus, [
            `--config.file=${cfg}`,
            `--storage.tsdb.path=${join(dir.path, 'tsdb')}`,
            `--web.listen-address=127.0.0.1:${pp}`,
          ]);
          try {
            await waitHttp(`http://127.0.0.1:${pp}/-/ready`);
            const series = async (base: string) => {
              const r = await fetch(`${base}/api/v1/series?match[]=${encodeURIComponent('{job="parjob"}')}`);
              const body = (await r.json()) as { data: Record<string, string>[] };
              return body.data.map((s) => JSON.stringify(s)).sort();
            };
            const deadline = Date.now() + 30_000;
            let a: string[] = [];
            let b: string[] = [];
            while (Date.now() < deadline) {
              [a, b] = await Promise.all([series(serve), series(desktop)]);
              if (a.length >= 4 && b.length >= 4 && a.length === b.length) break;
              await new Promise((r) => setTimeout(r, 500));
            }
            assert.ok(
              a.some(
                (s) => s.includes('"__name__":"par_total"') && s.includes(`"instance":"127.0.0.1:${ep}"`),
              ),
              a.join('\n'),
            );
            assert.deepEqual(b, a);
          } finally {
            await prom.stop();
          }
        },
      );
    } finally {
      exporter.close();
      dir.remove();
    }
  },
);
