// The OTLP receiver against a real store: the same request sent as protobuf and as OTLP/JSON
// stores the same series under Prometheus 3's names and labels; bad bodies are refused with a
// 400 saying why, and store nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { OtlpReceiver, type OtlpHttpRequest } from '../../../electron/engine/otlp/receiver';
import { openStore, type SeriesStore } from '../../../electron/engine/store/open-store';
import { encodeOtlpProto, str, type JRequest } from '../../helpers/otlp-encode';
import { tempDir } from '../../helpers/tmp';

const T0 = 1_733_486_400_000; // ms
const ns = (ms: number) => `${ms}000000`;

function withStore(fn: (store: SeriesStore, rx: OtlpReceiver) => void, promote: string[] = []): void {
  const dir = tempDir();
  const store = openStore(dir.path);
  try {
    fn(store, new OtlpReceiver(() => ({ promoteResourceAttributes: promote })));
  } finally {
    store.close();
    dir.remove();
  }
}

function send(store: SeriesStore, rx: OtlpReceiver, req: Partial<OtlpHttpRequest>) {
  return rx.receive(
    { body: new Uint8Array(0), contentType: 'application/x-protobuf', encoding: null, ...req },
    () => store.appender(),
    () => {},
  );
}

function dump(store: SeriesStore): string[] {
  return store
    .select([{ name: '__name__', type: '=~', value: '.+' }], -Infinity, Infinity)
    .map((s) => {
      const l = Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      const pts = [...s.t].map((t, i) => (s.stale?.[i] ? `${t - T0}:stale` : `${t - T0}:${s.v[i]}`));
      return `${s.labels.__name__}{${l}} ${pts.join(' ')}`;
    })
    .sort();
}

const sdkRequest = (): JRequest => ({
  resourceMetrics: [
    {
      resource: {
        attributes: [
          str('service.name', 'checkout'),
          str('service.namespace', 'shop'),
          str('service.instance.id', 'pod-1'),
          str('host.name', 'node-a'),
          { key: 'process.pid', value: { intValue: '4242' } },
        ],
      },
      scopeMetrics: [
        {
          scope: { name: 'checkout-meter', version: '1.0.0' },
          metrics: [
            {
              name: 'http.server.requests',
              unit: '{request}',
              sum: {
                aggregationTemporality: 2,
                isMonotonic: true,
                dataPoints: [
                  { attributes: [str('http.method', 'GET')], timeUnixNano: ns(T0), asInt: '7' },
                  { attributes: [str('http.method', 'GET')], timeUnixNano: ns(T0 + 15_000), asInt: '9' },
                ],
              },
            },
            {
              name: 'queue.depth',
              unit: '1',
              gauge: { dataPoints: [{ timeUnixNano: ns(T0), asDouble: 0.25 }] },
            },
            {
              name: 'http.server.duration',
              unit: 's',
              histogram: {
                aggregationTemporality: 2,
                dataPoints: [
                  {
                    timeUnixNano: ns(T0),
                    count: '5',
                    sum: 1.5,
                    bucketCounts: ['1', '3', '1'],
                    explicitBounds: [0.1, 0.5],
                  },
                ],
              },
            },
            {
              name: 'rpc.latency',
              unit: 'ms',
              summary: {
                dataPoints: [
                  {
                    timeUnixNano: ns(T0),
                    count: '4',
                    sum: 40,
                    quantileValues: [
                      { quantile: 0.5, value: 9 },
                      { quantile: 0.99, value: 20 },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
});

const ID = 'instance="pod-1",job="shop/checkout"';
const EXPECTED = [
  `http_server_duration_seconds_bucket{${ID},le="+Inf"} 0:5`,
  `http_server_duration_seconds_bucket{${ID},le="0.1"} 0:1`,
  `http_server_duration_seconds_bucket{${ID},le="0.5"} 0:4`,
  `http_server_duration_seconds_count{${ID}} 0:5`,
  `http_server_duration_seconds_sum{${ID}} 0:1.5`,
  `http_server_requests_total{http_method="GET",${ID}} 0:7 15000:9`,
  `queue_depth_ratio{${ID}} 0:0.25`,
  `rpc_latency_milliseconds_count{${ID}} 0:4`,
  `rpc_latency_milliseconds_sum{${ID}} 0:40`,
  `rpc_latency_milliseconds{${ID},quantile="0.5"} 0:9`,
  `rpc_latency_milliseconds{${ID},quantile="0.99"} 0:20`,
  `target_info{host_name="node-a",${ID},process_pid="4242"} 0:1 15000:1`,
].sort();

test('protobuf: counter, gauge, histogram and summary stored with Prometheus 3 names and labels', () => {
  withStore((store, rx) => {
    const r = send(store, rx, { body: encodeOtlpProto(sdkRequest()) });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(dump(store), EXPECTED);
    assert.equal(rx.counters.samples, 14);
  });
});

test('OTLP/JSON and gzip give the same series', () => {
  withStore((store, rx) => {
    const body = gzipSync(Buffer.from(JSON.stringify(sdkRequest())));
    const r = send(store, rx, { body, contentType: 'application/json; charset=utf-8', encoding: 'gzip' });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.body, '{}');
    assert.deepEqual(dump(store), EXPECTED);
  });
});

test('promote_resource_attributes copies resource attributes onto every series', () => {
  withStore(
    (store, rx) => {
      const req = sdkRequest();
      req.resourceMetrics[0].scopeMetrics[0].metrics = [req.resourceMetrics[0].scopeMetrics[0].metrics[1]];
      assert.equal(send(store, rx, { body: encodeOtlpProto(req) }).status, 200);
      assert.deepEqual(dump(store), [
        `queue_depth_ratio{host_name="node-a",${ID}} 0:0.25`,
        `target_info{host_name="node-a",${ID},process_pid="4242"} 0:1`,
      ]);
    },
    ['host.name'],
  );
});

test('NoRecordedValue becomes a staleness marker; colliding keys join their values', () => {
  withStore((store, rx) => {
    const req: JRequest = {
      resourceMetrics: [
        {
          resource: { attributes: [str('service.name', 'svc')] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'temp',
                  gauge: {
                    dataPoints: [
                      { attributes: [str('a.b', '1'), str('a_b', '2')], timeUnixNano: ns(T0), asDouble: 3 },
                      {
                        attributes: [str('a.b', '1'), str('a_b', '2')],
                        timeUnixNano: ns(T0 + 1000),
                        asDouble: 0,
                        flags: 1,
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    assert.equal(send(store, rx, { body: encodeOtlpProto(req) }).status, 200);
    // No target_info: the resource has nothing but service.name.
    assert.deepEqual(dump(store), ['temp{a_b="1;2",job="svc"} 0:3 1000:stale']);
  });
});

test('delta temporality is refused with a 400 naming the metric, and nothing is stored', () => {
  withStore((store, rx) => {
    const req = sdkRequest();
    req.resourceMetrics[0].scopeMetrics[0].metrics[0].sum!.aggregationTemporality = 1;
    const r = send(store, rx, { body: encodeOtlpProto(req) });
    assert.equal(r.status, 400);
    assert.match(
      r.body,
      /invalid temporality and type combination for metric "http\.server\.requests": delta/,
    );
    assert.deepEqual(dump(store), []);
    assert.equal(rx.rejected.get('translate'), 1);
  });
});

test('exponential histograms are skipped and counted; the rest is stored; JSON gets partialSuccess', () => {
  withStore((store, rx) => {
    const req = sdkRequest();
    req.resourceMetrics[0].scopeMetrics[0].metrics = [
      req.resourceMetrics[0].scopeMetrics[0].metrics[1],
      {
        name: 'latency.exp',
        unit: 's',
        exponentialHistogram: {
          aggregationTemporality: 2,
          dataPoints: [{ timeUnixNano: ns(T0), count: '3' }],
        },
      },
    ];
    const r = send(store, rx, { body: Buffer.from(JSON.stringify(req)), contentType: 'application/json' });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), {
      partialSuccess: {
        rejectedDataPoints: '1',
        errorMessage:
          'exponential histograms are not stored (Promdesk has no native histograms): latency.exp',
      },
    });
    assert.equal(dump(store).length, 2);
    assert.match(rx.renderMetrics(), /^promdesk_otlp_exponential_histogram_points_skipped_total 1$/m);
  });
});

test('bad bodies get a 400 that says why, are counted, and store nothing', () => {
  withStore((store, rx) => {
    const good = encodeOtlpProto(sdkRequest());
    const cases: [Partial<OtlpHttpRequest>, RegExp][] = [
      [
        { contentType: 'text/plain', body: good },
        /^unsupported content type: text\/plain, supported: \[application\/json, application\/x-protobuf\]/,
      ],
      [{ contentType: null, body: good }, /unsupported content type: \(none\)/],
      [
        { body: good.subarray(0, good.length - 7) },
        /^body is not an OTLP ExportMetricsServiceRequest: protobuf: /,
      ],
      [{ body: Buffer.from('{"resourceMetrics": [') }, /protobuf/],
      [{ contentType: 'application/json', body: Buffer.from('{"resourceMetrics": [') }, /body is not JSON/],
      [
        { contentType: 'application/json', body: Buffer.from('{"resourceMetrics": {}}') },
        /resourceMetrics: expected an array, got object/,
      ],
      [
        {
          contentType: 'application/json',
          body: Buffer.from(
            '{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"x","gauge":{"dataPoints":[{"asInt":"1.5"}]}}]}]}]}',
          ),
        },
        /resourceMetrics\[0\]\.scopeMetrics\[0\]\.metrics\[0\]\.gauge\.dataPoints\[0\]\.asInt: expected an integer/,
      ],
      [{ contentType: 'application/json', body: Buffer.from([0x7b, 0xff, 0x7d]) }, /not valid UTF-8/],
      [{ encoding: 'gzip', body: good }, /^body is not gzip/],
      [{ encoding: 'br', body: good }, /^unsupported compression: br/],
      [
        {
          contentType: 'application/json',
          body: Buffer.from(
            JSON.stringify({
              resourceMetrics: [
                {
                  scopeMetrics: [
                    {
                      metrics: [
                        { name: '...', gauge: { dataPoints: [{ timeUnixNano: ns(T0), asDouble: 1 }] } },
                      ],
                    },
                  ],
                },
              ],
            }),
          ),
        },
        /normalization for metric "\.\.\." resulted in empty name/,
      ],
      [
        {
          contentType: 'application/json',
          body: Buffer.from(
            JSON.stringify({
              resourceMetrics: [
                {
                  scopeMetrics: [
                    {
                      metrics: [
                        {
                          name: 'ok',
                          gauge: {
                            dataPoints: [
                              { attributes: [str('...', 'v')], timeUnixNano: ns(T0), asDouble: 1 },
                            ],
                          },
                        },
                      ],
                    },
                  ],
                },
              ],
            }),
          ),
        },
        /attribute "\.\.\.": normalization for label name/,
      ],
    ];
    for (const [req, why] of cases) {
      const r = send(store, rx, req);
      assert.equal(r.status, 400, `${why}: ${r.body}`);
      assert.match(r.body, why);
    }
    assert.equal(send(store, rx, { body: null }).status, 413);
    assert.deepEqual(dump(store), []);
    const m = rx.renderMetrics();
    assert.match(m, /^promdesk_otlp_rejected_requests_total\{reason="decode"\} 7$/m);
    assert.match(m, /^promdesk_otlp_rejected_requests_total\{reason="content_type"\} 2$/m);
    assert.match(m, /^promdesk_otlp_rejected_requests_total\{reason="translate"\} 2$/m);
    assert.match(m, /^promdesk_otlp_rejected_requests_total\{reason="encoding"\} 1$/m);
    assert.match(m, /^promdesk_otlp_rejected_requests_total\{reason="too_large"\} 1$/m);
  });
});

test('a gzip bomb past the limit is refused as too large', () => {
  withStore((store, rx) => {
    const r = send(store, rx, { body: gzipSync(Buffer.alloc(33 * 1024 * 1024)), encoding: 'gzip' });
    assert.equal(r.status, 413);
    assert.match(r.body, /decompresses to more than/);
  });
});

test('every truncation and random byte flips of a protobuf body get 200 or 400, never a throw', () => {
  withStore((store, rx) => {
    const good = encodeOtlpProto(sdkRequest());
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const bodies: Uint8Array[] = [];
    for (let n = 0; n < good.length; n++) bodies.push(good.subarray(0, n));
    for (let i = 0; i < 500; i++) {
      const b = Uint8Array.from(good);
      for (let k = 0; k < 3; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      bodies.push(b);
    }
    const seen = new Set<number>();
    for (const body of bodies) {
      const r = send(store, rx, { body });
      assert.ok(r.status === 200 || r.status === 400, `${r.status}: ${r.body}`);
      seen.add(r.status);
    }
    assert.deepEqual([...seen].sort(), [200, 400]);
  });
});

test('attribute values nested past the stack get a 400, in protobuf and in JSON', () => {
  withStore((store, rx) => {
    // AnyValue{array_value: ArrayValue{values: [AnyValue{...}]}} 200,000 deep, inside a resource
    // attribute: written outside in, from the lengths computed inside out.
    const depth = 200_000;
    const core = [0x0a, 0x00];
    const lens: number[] = [];
    let size = core.length;
    for (let i = 0; i < depth; i++) {
      const inner = size;
      const arr = 1 + varint(inner).length + inner;
      size = 1 + varint(arr).length + arr;
      lens.push(inner, arr);
    }
    const bytes: number[] = [];
    for (let i = depth - 1; i >= 0; i--)
      bytes.push(0x2a, ...varint(lens[2 * i + 1]), 0x0a, ...varint(lens[2 * i]));
    bytes.push(...core);
    const v = Uint8Array.from(bytes);
    const kv = concat(wrap(1, new TextEncoder().encode('k')), wrap(2, v));
    const body = wrap(1, wrap(1, wrap(1, kv)));
    const r = send(store, rx, { body });
    assert.equal(r.status, 400, r.body);
    assert.match(r.body, /nested too deeply/);
    const deep = '{"arrayValue":{"values":['.repeat(100_000) + ']}}'.repeat(100_000);
    const json = `{"resourceMetrics":[{"resource":{"attributes":[{"key":"k","value":${deep}}]}}]}`;
    const j = send(store, rx, { body: Buffer.from(json), contentType: 'application/json' });
    assert.equal(j.status, 400, j.body);
  });
});

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function wrap(field: number, inner: Uint8Array): Uint8Array {
  return concat(new Uint8Array([field * 8 + 2, ...varint(inner.length)]), inner);
}

test('nanosecond times become exact milliseconds, in protobuf and in JSON (a double of the ns is not exact)', () => {
  // Every ms of a second, on the whole ms: as a double, 125 of these 1000 ns values land below
  // the ms they name, and Math.floor stored those samples 1 ms early.
  const times = Array.from({ length: 1000 }, (_, i) => T0 + 1000 + i);
  const req: JRequest = {
    resourceMetrics: [
      {
        resource: { attributes: [str('service.name', 'clock')] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'tick',
                unit: '1',
                gauge: { dataPoints: times.map((t, i) => ({ timeUnixNano: `${t}000000`, asDouble: i })) },
              },
            ],
          },
        ],
      },
    ],
  };
  for (const body of [
    { body: encodeOtlpProto(req), contentType: 'application/x-protobuf' },
    { body: new TextEncoder().encode(JSON.stringify(req)), contentType: 'application/json' },
  ]) {
    withStore((store, rx) => {
      const r = send(store, rx, body);
      assert.equal(r.status, 200, body.contentType);
      const [s] = store.select([{ name: '__name__', type: '=', value: 'tick_ratio' }], -Infinity, Infinity);
      assert.ok(s, `${body.contentType}: tick_ratio stored`);
      assert.deepEqual([...s.t], times, body.contentType);
    });
  }
});
