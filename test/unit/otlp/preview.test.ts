// The Preview's "listen for OTLP" in the engine: while listened for, each push to the OTLP
// receiver is kept as Prometheus text of its translation (which the Preview's own analysis
// reads as typed families without errors) with the answer the pusher got; refused pushes say
// why; only the last pushes are kept and each text is bounded; nobody listening, nothing kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Engine } from '../../../electron/engine/engine';
import { OTLP_PREVIEW_PUSHES } from '../../../electron/engine/otlp/preview';
import { PreviewSession } from '../../../renderer/src/lib/preview-analyze';
import { FakeClock } from '../../helpers/fake-clock';
import { encodeOtlpProto, str, type JMetric, type JRequest } from '../../helpers/otlp-encode';
import { tempDir } from '../../helpers/tmp';

const T0 = 1_733_486_400_000;
const ns = (ms: number) => `${ms}000000`;

function request(metrics: JMetric[]): JRequest {
  return {
    resourceMetrics: [
      {
        resource: { attributes: [str('service.name', 'shop'), str('host.name', 'a')] },
        scopeMetrics: [{ metrics }],
      },
    ],
  };
}

const METRICS: JMetric[] = [
  {
    name: 'http.server.requests',
    description: 'Requests "served"\nso far',
    sum: {
      aggregationTemporality: 2,
      isMonotonic: true,
      dataPoints: [
        { attributes: [str('method', 'GET')], timeUnixNano: ns(T0 - 1000), asInt: '2' },
        { attributes: [str('method', 'GET')], timeUnixNano: ns(T0), asInt: '3' },
      ],
    },
  },
  { name: 'queue.depth', unit: '1', gauge: { dataPoints: [{ timeUnixNano: ns(T0), asDouble: 0.75 }] } },
  {
    name: 'inflight',
    sum: {
      aggregationTemporality: 2,
      isMonotonic: false,
      dataPoints: [{ timeUnixNano: ns(T0), asInt: '4' }],
    },
  },
  {
    name: 'http.server.duration',
    unit: 's',
    histogram: {
      aggregationTemporality: 2,
      dataPoints: [
        {
          timeUnixNano: ns(T0),
          count: '4',
          sum: 19.3,
          bucketCounts: ['1', '1', '2'],
          explicitBounds: [0.1, 1],
        },
      ],
    },
  },
];

function withEngine(fn: (engine: Engine, clock: FakeClock) => Promise<void> | void): () => Promise<void> {
  return async () => {
    const dir = tempDir();
    const clock = new FakeClock(T0);
    const engine = new Engine({
      dataDir: join(dir.path, 'data'),
      mode: 'serve',
      autoStart: false,
      clock,
      log: () => {},
    });
    try {
      await fn(engine, clock);
    } finally {
      await engine.close();
      dir.remove();
    }
  };
}

const push = (engine: Engine, req: JRequest, type: 'proto' | 'json' = 'proto') =>
  engine.otlp({
    body: type === 'proto' ? encodeOtlpProto(req) : new TextEncoder().encode(JSON.stringify(req)),
    contentType: type === 'proto' ? 'application/x-protobuf' : 'application/json',
    encoding: null,
  });

test(
  'a push while listening: its translation as typed Prometheus text, each series’ last sample',
  withEngine((engine) => {
    assert.deepEqual(engine.listenOtlp(0), []);
    const body = encodeOtlpProto(request(METRICS));
    assert.equal(push(engine, request(METRICS)).status, 200);
    const [p] = engine.listenOtlp(0);
    assert.deepEqual(
      { ...p, text: undefined },
      {
        seq: 1,
        receivedAtMs: T0,
        status: 200,
        error: null,
        contentType: 'application/x-protobuf',
        bytes: body.byteLength,
        series: 9,
        points: 5,
        skippedPoints: 0,
        text: undefined,
        truncated: false,
      },
    );
    assert.equal(
      p.text,
      [
        '# HELP http_server_requests_total Requests "served"\\nso far',
        '# TYPE http_server_requests_total counter',
        `http_server_requests_total{job="shop",method="GET"} 3 ${T0}`,
        '# TYPE queue_depth_ratio gauge',
        `queue_depth_ratio{job="shop"} 0.75 ${T0}`,
        '# TYPE inflight gauge',
        `inflight{job="shop"} 4 ${T0}`,
        '# TYPE http_server_duration_seconds histogram',
        `http_server_duration_seconds_sum{job="shop"} 19.3 ${T0}`,
        `http_server_duration_seconds_count{job="shop"} 4 ${T0}`,
        `http_server_duration_seconds_bucket{job="shop",le="0.1"} 1 ${T0}`,
        `http_server_duration_seconds_bucket{job="shop",le="1"} 2 ${T0}`,
        `http_server_duration_seconds_bucket{job="shop",le="+Inf"} 4 ${T0}`,
        '# HELP target_info Target metadata',
        '# TYPE target_info gauge',
        `target_info{host_name="a",job="shop"} 1 ${T0}`,
        '',
      ].join('\n'),
    );
    // The Preview reads it as it reads a scrape: typed families, no errors.
    const a = new PreviewSession().analyze({
      body: p.text,
      format: 'auto',
      contentType: null,
      fetchedAtMs: null,
      reset: true,
    });
    assert.equal(a.error, null);
    assert.deepEqual(
      a.findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.deepEqual(
      a.families.map((f) => [f.name, f.type]),
      [
        ['http_server_requests_total', 'counter'],
        ['queue_depth_ratio', 'gauge'],
        ['inflight', 'gauge'],
        ['http_server_duration_seconds', 'histogram'],
        ['target_info', 'gauge'],
      ],
    );
    assert.equal(engine.listenOtlp(1).length, 0, 'nothing after seq 1');
  }),
);

test(
  'refused pushes are kept with their answer; JSON too',
  withEngine((engine) => {
    engine.listenOtlp(0);
    const delta: JMetric = {
      name: 'd',
      sum: {
        aggregationTemporality: 1,
        isMonotonic: true,
        dataPoints: [{ timeUnixNano: ns(T0), asInt: '1' }],
      },
    };
    assert.equal(push(engine, request([delta]), 'json').status, 400);
    assert.equal(
      engine.otlp({ body: new TextEncoder().encode('nope'), contentType: 'text/plain', encoding: null })
        .status,
      400,
    );
    assert.equal(push(engine, request(METRICS.slice(1, 2)), 'json').status, 200);
    const pushes = engine.listenOtlp(0);
    assert.deepEqual(
      pushes.map((p) => [p.seq, p.status, p.contentType, p.series, p.text === '']),
      [
        [1, 400, 'application/json', 0, true],
        [2, 400, 'text/plain', 0, true],
        [3, 200, 'application/json', 2, false],
      ],
    );
    assert.match(pushes[0].error!, /delta temporality is not supported/);
    assert.match(pushes[1].error!, /unsupported content type: text\/plain/);
  }),
);

test(
  'bounded: the last pushes only, each text cut at its limit; nobody listening, nothing kept',
  withEngine(async (engine, clock) => {
    push(engine, request(METRICS));
    assert.deepEqual(engine.listenOtlp(0), [], 'a push before anyone listened is not kept');
    for (let i = 0; i < OTLP_PREVIEW_PUSHES + 5; i++) {
      clock.time += 1000;
      const m = { ...METRICS[1], gauge: { dataPoints: [{ timeUnixNano: ns(clock.time), asDouble: i }] } };
      push(engine, request([m]));
    }
    const kept = engine.listenOtlp(0);
    assert.deepEqual(
      kept.map((p) => p.seq),
      Array.from({ length: OTLP_PREVIEW_PUSHES }, (_, i) => i + 6),
    );
    // 2,000 series of ~330 characters each: over the limit, cut at a line's end.
    const points = Array.from({ length: 2000 }, (_, i) => ({
      attributes: [str('series', `s${i}`), str('pad', 'x'.repeat(300))],
      timeUnixNano: ns(clock.time),
      asDouble: i,
    }));
    push(engine, request([{ name: 'wide', gauge: { dataPoints: points } }]));
    const [wide] = engine.listenOtlp(kept[kept.length - 1].seq);
    assert.equal(wide.series, 2001);
    assert.equal(wide.truncated, true);
    assert.ok(wide.text.length <= 512 * 1024, `${wide.text.length} chars`);
    assert.match(wide.text, /\n$/);
    assert.ok(!wide.text.includes('s1999"'));
    // A minute without a listenOtlp call: listening stops.
    clock.time += 61_000;
    push(engine, request(METRICS));
    assert.equal(engine.listenOtlp(wide.seq).length, 0);
  }),
);
