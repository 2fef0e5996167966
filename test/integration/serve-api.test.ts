// `promdesk serve` over real HTTP: the Prometheus API's shapes and errors, health endpoints,
// self metrics, the DNS-rebinding and token guards, and the WebSocket Api pushing new samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startServe, type RunningServe } from '../../electron/serve';
import { decodeFrame, encodeFrame } from '../../shared/wire';
import type { ApiMessage, TargetView } from '../../shared/api';
import { defaultTargetInput } from '../../shared/api';
import { startExporter, type TestExporter } from '../helpers/exporter';
import { tempDir } from '../helpers/tmp';

async function withServe(
  fn: (s: RunningServe, base: string, exp: TestExporter) => Promise<void>,
  opts: { host?: string; token?: string | null } = {},
): Promise<void> {
  const dir = tempDir();
  let n = 0;
  const exp = await startExporter(() => ({
    kind: 'body',
    body: `# TYPE ws_total counter\nws_total{k="a"} ${++n}\n`,
  }));
  const s = await startServe({
    host: opts.host ?? '127.0.0.1',
    port: 0,
    dataDir: join(dir.path, 'data'),
    configFile: null,
    rendererDir: join(process.cwd(), 'dist', 'renderer'),
    token: opts.token ?? null,
  });
  try {
    await fn(s, `http://127.0.0.1:${s.port}`, exp);
  } finally {
    await s.stop();
    await exp.close();
    dir.remove();
  }
}

async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(url, init);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

test('API errors come back in Prometheus error JSON with its status codes', async () => {
  await withServe(async (_s, base) => {
    let r = await getJson(`${base}/api/v1/query?query=${encodeURIComponent('sum(')}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.status, 'error');
    assert.equal(r.body.errorType, 'bad_data');
    assert.match(String(r.body.error), /^invalid parameter "query": 1:5: parse error/);
    r = await getJson(`${base}/api/v1/query?query=up&time=yesterday`);
    assert.equal(r.status, 400);
    assert.match(String(r.body.error), /invalid parameter "time"/);
    r = await getJson(`${base}/api/v1/query_range?query=up&start=10&end=5&step=1`);
    assert.match(String(r.body.error), /end timestamp must not be before start time/);
    r = await getJson(`${base}/api/v1/query_range?query=up&start=0&end=100000&step=1`);
    assert.match(String(r.body.error), /exceeded maximum resolution of 11,000 points/);
    r = await getJson(`${base}/api/v1/query_range?query=up&start=0&end=10&step=0`);
    assert.match(String(r.body.error), /zero or negative query resolution step/);
    r = await getJson(`${base}/api/v1/series`);
    assert.equal(r.body.error, 'no match[] parameter provided');
    r = await getJson(`${base}/api/v1/label/bad-name/values`);
    assert.equal(r.status, 400);
    r = await getJson(`${base}/api/v1/nope`);
    assert.equal(r.status, 404);
    // POST form bodies, as promtool and Grafana send them.
    r = await getJson(`${base}/api/v1/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'query=1%2B1&time=100',
    });
    assert.deepEqual(r.body, { status: 'success', data: { resultType: 'scalar', result: [100, '2'] } });
  });
});

test('health, self metrics, buildinfo; Host header and token guards', async () => {
  await withServe(async (s, base) => {
    assert.equal(await (await fetch(`${base}/-/healthy`)).text(), 'Promdesk is Healthy.\n');
    assert.equal((await fetch(`${base}/-/ready`)).status, 200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /^promdesk_store_series \d+$/m);
    assert.match(metrics, /^process_resident_memory_bytes \d+$/m);
    const bi = await getJson(`${base}/api/v1/status/buildinfo`);
    assert.equal(bi.body.status, 'success');
    // A page on another origin resolving to 127.0.0.1 (DNS rebinding) is refused.
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: s.port, path: '/api/v1/labels', headers: { Host: 'evil.example:80' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
        .on('error', reject);
    });
    assert.equal(status, 403);
  });
  await withServe(
    async (_s, base) => {
      assert.equal((await fetch(`${base}/api/v1/labels`)).status, 403, 'no token');
      assert.equal(
        (await fetch(`${base}/api/v1/labels`, { headers: { Authorization: 'Bearer wrong' } })).status,
        403,
      );
      assert.equal(
        (await fetch(`${base}/api/v1/labels`, { headers: { Authorization: 'Bearer s3cret' } })).status,
        200,
      );
    },
    { host: '0.0.0.0', token: 's3cret' },
  );
});

/** A minimal client of the WebSocket Api, as the renderer uses it. */
async function wsClient(base: string) {
  const ws = new WebSocket(base.replace('http', 'ws') + '/api/ws');
  ws.binaryType = 'arraybuffer';
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let id = 0;
  const waiting = new Map<number, (m: ApiMessage) => void>();
  const events: ApiMessage[] = [];
  ws.on('message', (data: ArrayBuffer) => {
    const msg = decodeFrame(data) as ApiMessage;
    if (msg.kind === 'reply') waiting.get(msg.id)?.(msg);
    else events.push(msg);
  });
  const call = (method: string, ...params: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const myId = ++id;
      waiting.set(myId, (m) =>
        m.kind === 'reply' && m.ok ? resolve(m.result) : reject(new Error((m as { error: string }).error)),
      );
      ws.send(encodeFrame({ kind: 'request', id: myId, method, params }));
    });
  return { ws, call, events };
}

test('the WebSocket Api adds a target, tests a scrape, and pushes new samples without polling', async () => {
  await withServe(async (s, base, exp) => {
    const c = await wsClient(base);
    try {
      const input = { ...defaultTargetInput, url: exp.url, job: 'wsjob', intervalMs: 200, timeoutMs: 150 };
      const test = (await c.call('testScrape', input)) as {
        ok: boolean;
        totalSamples: number;
        samples: { labels: Record<string, string> }[];
      };
      assert.equal(test.ok, true);
      assert.equal(test.totalSamples, 1);
      assert.deepEqual(test.samples[0].labels, {
        __name__: 'ws_total',
        instance: `127.0.0.1:${exp.port}`,
        job: 'wsjob',
        k: 'a',
      });
      await assert.rejects(c.call('addTarget', { ...input, url: 'not a url' }), /url: must be an http/);
      const raw = (await c.call('fetchExposition', {
        url: exp.url,
        auth: { type: 'none' },
        headers: {},
        timeoutMs: 2000,
        tlsInsecureSkipVerify: false,
      })) as { ok: boolean; body: string; contentType: string };
      assert.equal(raw.ok, true);
      assert.match(raw.body, /^# TYPE ws_total counter\nws_total\{k="a"\} \d+\n$/);
      assert.match(raw.contentType, /^text\/plain/);
      await assert.rejects(c.call('nope'), /malformed request/);
      await c.call('subscribe', { subscriptionId: 's1', query: 'ws_total{k="a"}' });
      await c.call('subscribe', { subscriptionId: 'rate', query: 'sum by (job) (rate(ws_total[1s]))' });
      await assert.rejects(c.call('subscribe', { subscriptionId: 'bad', query: 'rate(' }), /parse error/);
      const view = (await c.call('addTarget', input)) as TargetView;
      assert.equal(view.source, 'ui');
      await new Promise((r) => setTimeout(r, 1200));
      const pushed = c.events.filter(
        (e) => e.kind === 'event' && e.event.type === 'samples' && e.event.subscriptionId === 's1',
      );
      assert.ok(pushed.length >= 3, `samples pushed (${pushed.length})`);
      const first = pushed[0];
      assert.ok(first.kind === 'event' && first.event.type === 'samples');
      assert.ok(first.event.series[0].values instanceof Float64Array);
      assert.equal(first.event.series[0].labels.job, 'wsjob');
      const rates = c.events.filter(
        (e) => e.kind === 'event' && e.event.type === 'samples' && e.event.subscriptionId === 'rate',
      );
      assert.ok(rates.length >= 1, 'expression subscriptions are re-evaluated and pushed');
      const targetsEvents = c.events.filter((e) => e.kind === 'event' && e.event.type === 'targets');
      assert.ok(targetsEvents.length >= 1, 'target state is pushed too');
      const targets = (await c.call('listTargets')) as TargetView[];
      assert.equal(targets[0].health, 'up');
      // Query what was pushed through the same Api, columnar.
      const now = Date.now();
      const res = (await c.call('queryRange', {
        query: 'ws_total',
        startMs: now - 5000,
        endMs: now,
        stepMs: 200,
      })) as {
        series: { values: Float64Array }[];
      };
      assert.equal(res.series.length, 1);
      assert.ok(res.series[0].values.length >= 3);
      const inst = (await c.call('queryInstant', { query: 'sum(ws_total) * 2', timeMs: Date.now() })) as {
        resultType: string;
        series: { values: Float64Array }[];
      };
      assert.equal(inst.resultType, 'vector');
      assert.ok(inst.series[0].values[0] >= 2);
      assert.deepEqual(await c.call('checkQuery', 'rate(ws_total[1m])'), { ok: true });
      assert.deepEqual(await c.call('checkQuery', 'sum(rate(ws_total))'), {
        ok: false,
        message:
          '1:10: parse error: expected type range vector in call to function "rate", got instant vector',
        start: 9,
        end: 17,
      });
      // The Prometheus API sees the target too.
      const active = (await getJson(`${base}/api/v1/targets`)).body as {
        data: { activeTargets: { scrapePool: string }[] };
      };
      assert.deepEqual(
        active.data.activeTargets.map((t) => t.scrapePool),
        ['wsjob'],
      );
      await c.call('removeTarget', view.id);
      assert.equal(((await c.call('listTargets')) as TargetView[]).length, 0);
    } finally {
      c.ws.close();
    }
  });
});
