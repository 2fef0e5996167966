// Debian's promtool as a Prometheus API client against `promdesk serve`: `promtool query
// instant|range|series|labels` print what Promdesk answers — the same text as against Debian's
// Prometheus on the same backfilled data, where that is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe } from '../../electron/serve';
import { runImport } from '../../electron/import-command';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { writeOpenMetrics } from '../helpers/promql-data';
import { tempDir } from '../helpers/tmp';

const run = promisify(execFile);
const STEP = 15_000;
const STEPS = 240;

/** Runs promtool without blocking this thread (the in-process server must keep answering). */
async function promtool(bin: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(bin, args, { encoding: 'utf8', timeout: 30_000 });
    return stdout;
  } catch (err) {
    assert.fail(`promtool ${args.join(' ')}: ${(err as Error).message}`);
  }
}

test(
  'promtool query instant|range|series|labels work against promdesk serve',
  { timeout: 60_000 },
  async (t) => {
    const bin = which('promtool');
    if (!bin) {
      t.skip('Debian promtool is not installed (apt-get install prometheus)');
      return;
    }
    const dir = tempDir('promdesk-promtool-');
    const endMs = Math.floor((Date.now() - 10 * 60_000) / STEP) * STEP;
    const startMs = endMs - STEPS * STEP;
    const file = join(dir.path, 'data.om');
    await writeOpenMetrics(file, {
      startMs,
      steps: STEPS,
      stepMs: STEP,
      instances: 1,
      paths: ['/a', '/b'],
      seed: 3,
    });
    const log = console.error;
    console.error = () => {};
    try {
      assert.equal(await runImport(['--data', join(dir.path, 'pd'), file]), 0);
    } finally {
      console.error = log;
    }
    const pd = await startServe({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir.path, 'pd'),
      configFile: null,
      rendererDir: join(dir.path, 'none'),
      token: null,
    });
    // Debian's Prometheus on the same data, when installed: promtool must print the same.
    const prometheus = which('prometheus');
    let prom: ReturnType<typeof startPeer> | null = null;
    let promUrl: string | null = null;
    if (prometheus) {
      const blocks = spawnSync(bin, [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        file,
        join(dir.path, 'prom'),
      ]);
      assert.equal(blocks.status, 0, String(blocks.stderr));
      writeFileSync(join(dir.path, 'p.yml'), 'scrape_configs: []\n');
      const pp = await freePort();
      prom = startPeer(prometheus, [
        `--config.file=${join(dir.path, 'p.yml')}`,
        `--storage.tsdb.path=${join(dir.path, 'prom')}`,
        '--storage.tsdb.retention.time=100y',
        `--web.listen-address=127.0.0.1:${pp}`,
      ]);
      promUrl = `http://127.0.0.1:${pp}`;
      await waitHttp(`${promUrl}/-/ready`);
    }
    const url = `http://127.0.0.1:${pd.port}`;
    const at = String((endMs - 30 * 60_000) / 1000);
    const cases: string[][] = [
      ['query', 'instant', '--time', at, url, 'sum by (sensor) (node_temperature_celsius)'],
      ['query', 'instant', '--time', at, url, 'count(http_requests_total) * 2'],
      [
        'query',
        'range',
        '--start',
        String(startMs / 1000 + 600),
        '--end',
        at,
        '--step',
        '5m',
        url,
        'max(node_temperature_celsius)',
      ],
      ['query', 'series', '--match', 'batch_jobs_running', url],
      ['query', 'labels', url, 'queue'],
      ['query', 'labels', url, '__name__'],
    ];
    try {
      const outs: string[] = [];
      for (const c of cases) outs.push(await promtool(bin, c));
      const [sensors, count, range, series, queues, names] = outs;
      assert.match(sensors, /^\{sensor="board"\} => [\d.]+ @\[\d+(\.\d+)?\]$/m);
      assert.equal(sensors.trim().split('\n').length, 3);
      assert.match(count, /^\{\} => 32 @\[/);
      assert.match(range, /^\{\} =>\n([\d.]+ @\[\d+\]\n)+$/);
      assert.equal(series.trim().split('\n').length, 4);
      assert.match(series, /\{__name__="batch_jobs_running", job="batch", queue="always"\}/);
      assert.deepEqual(queues.trim().split('\n'), ['always', 'early', 'gappy', 'late']);
      for (const n of [
        'app_info',
        'http_requests_total',
        'node_temperature_celsius',
        'rpc_duration_seconds',
      ]) {
        assert.ok(names.split('\n').includes(n), `${n} in ${names}`);
      }
      if (promUrl) {
        for (const [i, c] of cases.entries()) {
          const want = await promtool(
            bin,
            c.map((a) => (a === url ? promUrl! : a)),
          );
          const sorted = (s: string) => (c[1] === 'series' ? s.split('\n').sort().join('\n') : s);
          assert.equal(sorted(outs[i]), sorted(want), `promtool ${c.join(' ')}`);
        }
      } else {
        t.diagnostic('Debian prometheus not installed: outputs checked by content only');
      }
    } finally {
      await pd.stop();
      await prom?.stop();
      dir.remove();
    }
  },
);
