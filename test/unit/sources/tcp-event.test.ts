// The Event stream decoder: frames, metadata and every metric operation; garbage and oversized
// length prefixes fail with clear errors; the aggregator keeps counters, gauges, histograms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEvent } from '../../../electron/engine/sources/tcp-event';
import { FrameSplitter } from '../../../electron/engine/sources/frame-splitter';
import { StreamAggregator } from '../../../electron/engine/sources/stream-aggregator';
import { encodeMetadata, encodeMetric } from '../../helpers/metrics-tcp-server';

const frames = (bytes: Uint8Array, max = 1 << 20): Uint8Array[] => {
  const out: Uint8Array[] = [];
  const s = new FrameSplitter(max);
  // one byte at a time: frames split anywhere, including inside the length prefix
  for (const b of bytes) s.push(Uint8Array.of(b), (f) => out.push(f.slice()));
  return out;
};

test('decodes metadata and every metric operation from a split stream', () => {
  const stream = Buffer.concat([
    encodeMetadata('requests', 'counter', 'count', 'Requests served.'),
    encodeMetric('requests', { path: '/a', method: 'GET' }, { op: 'increment_counter', value: 3 }),
    encodeMetric('big', {}, { op: 'set_counter', value: 2 ** 40 }),
    encodeMetric('temp', {}, { op: 'set_gauge', value: 21.5 }),
    encodeMetric('temp', {}, { op: 'decrement_gauge', value: 0.5 }),
    encodeMetric('lat', {}, { op: 'record_histogram', value: 0.2 }),
  ]);
  const evs = frames(stream).map(decodeEvent);
  assert.deepEqual(evs[0], {
    kind: 'metadata',
    name: 'requests',
    type: 'counter',
    unit: 'count',
    description: 'Requests served.',
  });
  assert.deepEqual(evs[1], {
    kind: 'metric',
    name: 'requests',
    labels: [
      ['method', 'GET'],
      ['path', '/a'],
    ],
    op: 'increment_counter',
    value: 3,
  });
  assert.equal(evs[2].kind === 'metric' && evs[2].value, 2 ** 40);
  assert.equal(evs[4].kind === 'metric' && evs[4].op, 'decrement_gauge');
  assert.equal(evs[5].kind === 'metric' && evs[5].value, 0.2);
});

test('garbage and huge length prefixes are clear errors', () => {
  const s = new FrameSplitter(1 << 20);
  // 2 GB length prefix
  assert.throws(
    () => s.push(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x08), () => undefined),
    /length prefix 2147483648 bytes exceeds the limit/,
  );
  assert.throws(() => decodeEvent(Uint8Array.of(0x0a, 0x05, 0x01)), /truncated/);
  assert.throws(() => decodeEvent(Uint8Array.of(0x0f, 0x00)), /wire type/);
  assert.throws(() => decodeEvent(Buffer.from('GET / HTTP/1.1')), /ProtobufError|truncated|wire type|field/);
});

test('the aggregator keeps counters, gauges and histogram buckets or summaries', () => {
  const agg = new StreamAggregator({ histogram: 'buckets', buckets: [0.1, 1] });
  const apply = (b: Uint8Array) => frames(b).forEach((f) => agg.apply(decodeEvent(f)));
  apply(encodeMetric('http.requests', { code: '200' }, { op: 'increment_counter', value: 2 }));
  apply(encodeMetric('http.requests', { code: '200' }, { op: 'increment_counter', value: 3 }));
  apply(encodeMetric('q', {}, { op: 'increment_gauge', value: 5 }));
  apply(encodeMetric('q', {}, { op: 'decrement_gauge', value: 2 }));
  for (const v of [0.05, 0.5, 5]) apply(encodeMetric('lat', {}, { op: 'record_histogram', value: v }));
  const out: string[] = [];
  agg.emit((name, labels, v) => out.push(`${name}{${labels.join(',')}} ${v}`));
  assert.deepEqual(out, [
    'http_requests{code,200} 5',
    'q{} 3',
    'lat_bucket{le,0.1} 1',
    'lat_bucket{le,1.0} 2',
    'lat_bucket{le,+Inf} 3',
    'lat_sum{} 5.55',
    'lat_count{} 3',
  ]);
  const sum = new StreamAggregator({ histogram: 'summary', quantiles: [0.5, 1] });
  for (const v of [1, 2, 3, 4])
    frames(encodeMetric('lat', {}, { op: 'record_histogram', value: v })).forEach((f) =>
      sum.apply(decodeEvent(f)),
    );
  const q: string[] = [];
  sum.emit((name, labels, v) => q.push(`${name}{${labels.join(',')}} ${v}`));
  assert.deepEqual(q, ['lat{quantile,0.5} 2', 'lat{quantile,1} 4', 'lat_sum{} 10', 'lat_count{} 4']);
});
