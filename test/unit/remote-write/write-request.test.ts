import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtoError, ProtoReader } from '../../../electron/engine/remote-write/proto-reader';
import { emptySeries, WriteRequestReader } from '../../../electron/engine/remote-write/write-request';
import { decodeWriteRequest } from '../../helpers/remote-write-decode';
import { ProtoWriter, encodeWriteRequest } from '../../helpers/proto-write';

test('reader: varints, negative int64, doubles, strings and skipping by wire type', () => {
  const buf = new ProtoWriter()
    .tag(1, 0)
    .varint(300)
    .tag(2, 0)
    .varint(-5n)
    .double(3, 1.5)
    .string(4, 'héllo')
    .tag(5, 5)
    .raw(1, 2, 3, 4)
    .tag(6, 0)
    .varint(2n ** 62n)
    .finish();
  const r = new ProtoReader(buf);
  assert.deepEqual(r.tag(), { field: 1, wire: 0 });
  assert.equal(r.varint(), 300);
  r.tag();
  assert.equal(r.int64(), -5);
  r.tag();
  assert.equal(r.double(), 1.5);
  r.tag();
  assert.equal(r.string(), 'héllo');
  r.skip(r.tag().wire);
  r.tag();
  assert.equal(r.int64(), 2 ** 62);
  assert.ok(r.done);
});

test('WriteRequest: labels, samples, StaleNaN, histograms and unknown fields', () => {
  const body = encodeWriteRequest([
    {
      labels: [
        ['__name__', 'up'],
        ['job', 'j'],
      ],
      samples: [
        { t: 1000, v: 1 },
        { t: 2000, staleBits: true },
        { t: -1, v: NaN },
      ],
      histograms: 2,
    },
  ]);
  // Unknown fields at the top level (wire types 0, 1, 2, 5) and metadata must be skipped.
  const extra = new ProtoWriter()
    .tag(9, 0)
    .varint(7)
    .double(10, 3)
    .string(11, 'x')
    .tag(12, 5)
    .raw(0, 0, 0, 0)
    .bytesField(3, new ProtoWriter().string(2, 'up').finish())
    .finish();
  const req = decodeWriteRequest(Uint8Array.from([...body, ...extra]));
  assert.equal(req.series.length, 1);
  assert.equal(req.metadata, 1);
  const s = req.series[0];
  assert.deepEqual(s.labels, ['__name__', 'up', 'job', 'j']);
  assert.deepEqual(s.t, [1000, 2000, -1]);
  assert.equal(s.v[0], 1);
  assert.ok(Number.isNaN(s.v[1]) && Number.isNaN(s.v[2]));
  assert.deepEqual(s.stale, [1], 'only the StaleNaN bit pattern is a staleness marker');
  assert.equal(s.histograms, 2);
});

test('malformed protobuf throws ProtoError', () => {
  const bad = [
    Uint8Array.from([0x0a, 0x05, 0x01]), // length past the end
    Uint8Array.from([0x08]), // truncated varint
    Uint8Array.from([0x0b]), // wire type 3 (group)
    Uint8Array.from([0x00]), // field 0
    Uint8Array.from([0x09, 1, 2]), // truncated fixed64
    new ProtoWriter().tag(1, 0).varint(1).finish(), // timeseries with the wrong wire type
    new ProtoWriter()
      .bytesField(1, new ProtoWriter().bytesField(1, Uint8Array.from([0x0a, 1, 0xff])).finish())
      .finish(), // bad UTF-8
    Uint8Array.from(new Array(11).fill(0xff)), // varint over 10 bytes
  ];
  for (const b of bad) assert.throws(() => decodeWriteRequest(b), ProtoError, `input ${[...b]}`);
});

test('WriteRequestReader: one series at a time into one reused object; metadata counted anywhere', () => {
  const meta = new ProtoWriter().bytesField(3, new ProtoWriter().string(2, 'm').finish()).finish();
  const series = (i: number) =>
    encodeWriteRequest([
      {
        labels: [
          ['__name__', 'm'],
          ['ünï', `v${i}`],
        ],
        samples: [
          { t: i, v: i },
          { t: i + 1, staleBits: true },
        ],
      },
    ]);
  const buf = Uint8Array.from([...series(1), ...meta, ...series(2), ...series(3), ...meta]);
  const reader = new WriteRequestReader(buf);
  const s = emptySeries();
  const seen: unknown[] = [];
  while (reader.next(s)) seen.push([[...s.labels], [...s.t], [...s.v].map(String), [...s.stale]]);
  assert.deepEqual(seen, [
    [['__name__', 'm', 'ünï', 'v1'], [1, 2], ['1', 'NaN'], [1]],
    [['__name__', 'm', 'ünï', 'v2'], [2, 3], ['2', 'NaN'], [1]],
    [['__name__', 'm', 'ünï', 'v3'], [3, 4], ['3', 'NaN'], [1]],
  ]);
  assert.equal(reader.series, 3);
  assert.equal(reader.metadata, 2);
});

test('a nested length that runs past its enclosing message is refused, not read from the next series', () => {
  // TimeSeries of 4 bytes whose Label claims 10: the label would read into the following series.
  const inner = Uint8Array.from([0x0a, 0x0a, 0x0a, 0x01]);
  const next = encodeWriteRequest([{ labels: [['__name__', 'x']], samples: [] }]);
  const buf = Uint8Array.from([0x0a, inner.length, ...inner, ...next]);
  assert.throws(() => decodeWriteRequest(buf), /length 10 runs past the message/);
});
