// Debian's Prometheus 2.42 scrapes a small exporter and remote-writes to `promdesk serve`: the
// series arrive with Prometheus's job/instance labels and the same samples Prometheus stored
// (compared through both query APIs). Bad bodies get 400 and leave the engine serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startServe, type RunningServe } from '../../electron/serve';
import { freePort, startPeer, waitHttp, which } from '../helpers/peers';
import { tempDir } from '../helpers/tmp';
import { encodeWriteRequest } from '../helpers/proto-write';
import { snappyEncode } from '../helpers/snappy-encode';
import { bigWriteRequest } from '../helpers/big-write-request';

interface Sample {
  metric: Record<string, string>;
  values?: [number, string][];
  value?: [number, string];
}

async function query(base: string, q: string, time?: number): Promise<Sample[]> {
  const u = new URL('/api/v1/query', base);
  u.searchParams.set('query', q);
  if (time !== undefined) u.searchParams.set('time', String(time));
  const r = await fetch(u);
  const body = (await r.json()) as { status: string; data?: { result: Sample[] }; error?: string };
  assert.equal(body.status, 'success', body.error);
  return body.data!.result;
}

async function until<T>(what: string, fn: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function withServe(
  fn: (base: string, s: RunningServe) => Promise<void>,
  configFile: string | null = null,
): Promise<void> {
  const dir = tempDir();
  const s = await startServe({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dir.path, 'data'),
    configFile,
    rendererDir: join(process.cwd(), 'dist', 'renderer'),
    token: null,
  });
  try {
    await fn(`http://127.0.0.1:${s.port}`, s);
  } finally {
    await s.stop();
    dir.remove();
  }
}

const post = (base: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1/write`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy', ...headers },
    body,
  });

test('Prometheus 2.42 remote-writes into promdesk serve: same series, labels and samples', async (t) => {
  if (!which('prometheus')) return t.skip('prometheus is not installed');
  let n = 0;
  const exporter = http.createServer((_req, res) => {
    n++;
    res.end(
      `# TYPE rw_count_total counter\nrw_count_total{k="x"} ${n}\n` +
        `rw_gauge{k="a"} 1.5\nrw_gauge{k="b"} -2e-3\nrw_special{v="nan"} NaN\nrw_special{v="inf"} +Inf\n`,
    );
  });
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
  const ep = (exporter.address() as AddressInfo).port;
  await withServe(async (base) => {
    const dir = tempDir();
    const pp = await freePort();
    const cfg = join(dir.path, 'prom.yml');
    writeFileSync(
      cfg,
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: rwjob',
        '    static_configs:',
        `      - targets: ["127.0.0.1:${ep}"]`,
        'remote_write:',
        `  - url: ${base}/api/v1/write`,
        '    queue_config:',
        '      batch_send_deadline: 1s',
      ].join('\n') + '\n',
    );
    const prom = startPeer('prometheus', [
      `--config.file=${cfg}`,
      `--storage.tsdb.path=${join(dir.path, 'pdata')}`,
      `--web.listen-address=127.0.0.1:${pp}`,
    ]);
    const promBase = `http://127.0.0.1:${pp}`;
    try {
      await waitHttp(`${promBase}/-/ready`);
      // Wait until a few scrapes have been forwarded.
      await until('remote-written samples', async () => {
        const r = await query(base, 'rw_count_total');
        return r.length > 0 && Number(r[0].value![1]) >= 4 ? r : null;
      });
      const got = await query(base, 'rw_count_total');
      assert.deepEqual(got[0].metric, {
        __name__: 'rw_count_total',
        instance: `127.0.0.1:${ep}`,
        job: 'rwjob',
        k: 'x',
      });
      const up = await query(base, 'up{job="rwjob"}');
      assert.equal(up.length, 1, 'the synthetic up series is forwarded too');
      // Every raw sample Promdesk holds must be one Prometheus holds, with the same value.
      const at = Math.floor(Date.now() / 1000) - 1;
      for (const sel of ['rw_count_total', 'rw_gauge', 'rw_special', 'up{job="rwjob"}']) {
        const ours = await query(base, `${sel}[1m]`, at);
        const theirs = await query(promBase, `${sel}[1m]`, at);
        assert.ok(ours.length > 0, `${sel}: nothing in Promdesk`);
        const key = (s: Sample) => JSON.stringify(Object.entries(s.metric).sort());
        const theirsByKey = new Map(theirs.map((s) => [key(s), new Map(s.values!.map(([t, v]) => [t, v]))]));
        for (const s of ours) {
          const ref = theirsByKey.get(key(s));
          assert.ok(ref, `${sel}: Prometheus has no series ${key(s)}`);
          for (const [tt, v] of s.values!) assert.equal(v, ref.get(tt), `${key(s)} at ${tt}`);
          assert.ok(s.values!.length >= Math.min(3, ref.size), `${key(s)}: too few samples`);
        }
        assert.equal(ours.length, theirs.length, `${sel}: series count`);
      }
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const received = /promdesk_remote_write_samples_received_total (\d+)/.exec(metrics);
      assert.ok(received && Number(received[1]) > 0, metrics);
    } catch (err) {
      throw new Error(`${(err as Error).message}\nprometheus output:\n${prom.output().slice(-2000)}`, {
        cause: err,
      });
    } finally {
      await prom.stop();
      dir.remove();
    }
  });
  await new Promise<void>((r) => exporter.close(() => r()));
});

test('bad remote write bodies get 400 with a reason; the engine keeps serving and keeps its data', async () => {
  await withServe(async (base) => {
    const now = Date.now();
    const good = encodeWriteRequest([
      {
        labels: [
          ['__name__', 'kept'],
          ['job', 'j'],
        ],
        samples: [{ t: now - 1000, v: 7 }],
      },
    ]);
    let r = await post(base, snappyEncode(good));
    assert.equal(r.status, 204);
    r = await post(base, new TextEncoder().encode('not snappy at all'));
    assert.equal(r.status, 400);
    assert.match(await r.text(), /not snappy/);
    r = await post(base, snappyEncode(new TextEncoder().encode('\x0a\x50 not protobuf')));
    assert.equal(r.status, 400);
    assert.match(await r.text(), /not a prometheus\.WriteRequest/);
    r = await post(
      base,
      snappyEncode(encodeWriteRequest([{ labels: [['job', 'x']], samples: [{ t: now, v: 1 }] }])),
    );
    assert.equal(r.status, 400);
    assert.match(await r.text(), /missing metric name/);
    r = await post(base, snappyEncode(good), { 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 400);
    r = await fetch(`${base}/api/v1/write`);
    assert.equal(r.status, 405);
    const res = await query(base, 'kept');
    assert.equal(res.length, 1);
    assert.equal(res[0].value![1], '7');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /promdesk_remote_write_rejected_requests_total\{reason="snappy"\} 1/);
    assert.match(metrics, /promdesk_remote_write_rejected_requests_total\{reason="protobuf"\} 1/);
    assert.match(metrics, /promdesk_remote_write_rejected_requests_total\{reason="labels"\} 1/);
  });
});

test('a 100k-series request is stored while a 1 s target keeps being scraped on time; every series arrives', async () => {
  // The target records when it is scraped; the engine thread that scrapes it also stores the request.
  const hits: number[] = [];
  const exporter = http.createServer((_req, res) => {
    hits.push(performance.now());
    res.end('tick 1\n');
  });
  await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
  const dir = tempDir();
  const cfg = join(dir.path, 'prom.yml');
  writeFileSync(
    cfg,
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: tick\n    static_configs:\n` +
      `      - targets: ["127.0.0.1:${(exporter.address() as AddressInfo).port}"]\n`,
  );
  const SERIES = 100_000;
  const t = Date.now();
  const body = bigWriteRequest('rw_big', SERIES, t);
  try {
    await withServe(async (base) => {
      await until('steady scrapes', async () => (hits.length >= 3 ? true : null));
      const start = performance.now();
      const r = await post(base, body);
      assert.equal(r.status, 204, await r.text());
      const end = performance.now();
      await new Promise((res) => setTimeout(res, 1500));
      const during = hits.filter((h) => h >= start);
      let gap = 0;
      for (let i = hits.indexOf(during[0]); i > 0 && i < hits.length; i++)
        gap = Math.max(gap, hits[i] - hits[i - 1]);
      assert.ok(
        gap <= 3000,
        `longest gap between scrapes ${(gap / 1000).toFixed(2)} s while the request took ${((end - start) / 1000).toFixed(2)} s`,
      );
      const counted = await query(base, 'count(rw_big)', t / 1000);
      assert.equal(counted[0]?.value?.[1], String(SERIES));
      const sum = await query(base, 'sum(rw_big)', t / 1000);
      assert.equal(Number(sum[0].value![1]), (SERIES * (SERIES - 1)) / 2, 'every sample has its value');
    }, cfg);
  } finally {
    exporter.close();
    dir.remove();
  }
});
