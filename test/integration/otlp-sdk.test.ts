// The OpenTelemetry JS SDK exports a counter, a gauge and a histogram to `promdesk serve`'s
// OTLP endpoint, over protobuf and over JSON; they read back through /api/v1/query under
// Prometheus 3's names and labels, with target_info. Bad bodies get 400s and change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { startServe } from '../../electron/serve';
import { tempDir } from '../helpers/tmp';
import { pushWithOtelSdk } from '../helpers/otel-sdk-push';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(base: string, q: string): Promise<string[]> {
  const u = new URL('/api/v1/query', base);
  u.searchParams.set('query', q);
  const body = (await (await fetch(u)).json()) as {
    status: string;
    data?: { result: Sample[] };
    error?: string;
  };
  assert.equal(body.status, 'success', body.error);
  return body
    .data!.result.map((s) => {
      const { __name__, ...rest } = s.metric;
      const l = Object.entries(rest)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      return `${__name__ ?? ''}{${l}} ${s.value[1]}`;
    })
    .sort();
}

test('the OpenTelemetry SDK pushes over protobuf and JSON; series read back as Prometheus 3 names them', async () => {
  const dir = tempDir();
  const config = join(dir.path, 'prometheus.yml');
  writeFileSync(config, 'otlp:\n  promote_resource_attributes: [deployment.environment]\n');
  const s = await startServe({
    host: '127.0.0.1',
    port: 0,
    dataDir: join(dir.path, 'data'),
    configFile: config,
    rendererDir: join(process.cwd(), 'dist', 'renderer'),
    token: null,
  });
  const base = `http://127.0.0.1:${s.port}`;
  const url = `${base}/api/v1/otlp/v1/metrics`;
  try {
    await pushWithOtelSdk(url, 'proto', 'checkout');
    await pushWithOtelSdk(url, 'json', 'cart');
    for (const svc of ['checkout', 'cart']) {
      const id = `deployment_environment="test",instance="${svc}-1",job="shop/${svc}"`;
      assert.deepEqual(await query(base, `{job="shop/${svc}", __name__=~"http_server_requests.*|queue.*"}`), [
        `http_server_requests_total{deployment_environment="test",http_method="GET",instance="${svc}-1",job="shop/${svc}"} 3`,
        `http_server_requests_total{deployment_environment="test",http_method="POST",instance="${svc}-1",job="shop/${svc}"} 2`,
        `queue_depth_ratio{${id}} 0.75`,
      ]);
      const buckets = await query(base, `http_server_duration_seconds_bucket{job="shop/${svc}"}`);
      assert.ok(buckets.includes(`http_server_duration_seconds_bucket{${id},le="0"} 0`), buckets.join('\n'));
      assert.ok(buckets.includes(`http_server_duration_seconds_bucket{${id},le="5"} 2`), buckets.join('\n'));
      assert.ok(buckets.includes(`http_server_duration_seconds_bucket{${id},le="10"} 3`), buckets.join('\n'));
      assert.ok(
        buckets.includes(`http_server_duration_seconds_bucket{${id},le="+Inf"} 4`),
        buckets.join('\n'),
      );
      assert.deepEqual(
        await query(base, `{__name__=~"http_server_duration_seconds_(sum|count)",job="shop/${svc}"}`),
        [`http_server_duration_seconds_count{${id}} 4`, `http_server_duration_seconds_sum{${id}} 19.302`],
      );
      // Every resource attribute but the identifying ones; only deployment.environment is promoted.
      assert.deepEqual(await query(base, `target_info{job="shop/${svc}"}`), [
        `target_info{deployment_environment="test",host_name="node-a",instance="${svc}-1",job="shop/${svc}"} 1`,
      ]);
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /^promdesk_otlp_requests_total 2$/m);
    assert.match(metrics, /^promdesk_http_requests_total\{handler="\/api\/v1\/otlp\/v1\/metrics"\} 2$/m);

    // Bad bodies: 400 with the reason, counted, and the store unchanged.
    const before = await query(base, '{__name__=~".+", __name__!~"promdesk_.*|process_.*|nodejs_.*"}');
    const bad: [Record<string, string>, string | Uint8Array<ArrayBuffer>, RegExp][] = [
      [
        { 'Content-Type': 'application/x-protobuf' },
        new Uint8Array([0x0a, 0x05, 0x01]),
        /^body is not an OTLP ExportMetricsServiceRequest: protobuf: length 5 runs past the message/,
      ],
      [
        { 'Content-Type': 'application/json' },
        '{"resourceMetrics":',
        /^body is not an OTLP ExportMetricsServiceRequest: body is not JSON/,
      ],
      [{ 'Content-Type': 'text/plain' }, 'x', /^unsupported content type: text\/plain/],
      [
        { 'Content-Type': 'application/json' },
        JSON.stringify({
          resourceMetrics: [
            {
              scopeMetrics: [
                {
                  metrics: [
                    {
                      name: 'd',
                      sum: {
                        aggregationTemporality: 1,
                        isMonotonic: true,
                        dataPoints: [{ timeUnixNano: String(Date.now() * 1e6), asInt: '1' }],
                      },
                    },
                  ],
                },
              ],
            },
          ],
        }),
        /invalid temporality and type combination for metric "d": delta/,
      ],
    ];
    for (const [headers, body, why] of bad) {
      const r = await fetch(url, { method: 'POST', headers, body });
      assert.equal(r.status, 400);
      assert.match(await r.text(), why);
    }
    assert.equal((await fetch(url)).status, 405);
    assert.deepEqual(
      await query(base, '{__name__=~".+", __name__!~"promdesk_.*|process_.*|nodejs_.*"}'),
      before,
    );
    const after = await (await fetch(`${base}/metrics`)).text();
    assert.match(after, /^promdesk_otlp_rejected_requests_total\{reason="decode"\} 2$/m);
    assert.match(after, /^promdesk_otlp_rejected_requests_total\{reason="content_type"\} 1$/m);
    assert.match(after, /^promdesk_otlp_rejected_requests_total\{reason="translate"\} 1$/m);
  } finally {
    await s.stop();
    dir.remove();
  }
});
