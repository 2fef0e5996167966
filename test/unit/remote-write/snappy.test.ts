import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SnappyBlockDecoder, SnappyError } from '../../../electron/engine/remote-write/snappy';
import { snappyDecode } from '../../helpers/remote-write-decode';
import { snappyEncode } from '../../helpers/snappy-encode';

const bytes = (...xs: number[]) => Uint8Array.from(xs);
const text = (u: Uint8Array) => new TextDecoder().decode(u);

test('hand-made blocks: literals, 1-byte and 2-byte offset copies, overlapping copies', () => {
  // "abcd" literal then a 1-byte-offset copy of length 4 at offset 4 -> "abcdabcd".
  assert.equal(text(snappyDecode(bytes(8, 3 << 2, 97, 98, 99, 100, 1 | (0 << 2), 4), 100)), 'abcdabcd');
  // Overlapping copy: "a" then copy len 9, offset 1 (2-byte offset form) -> ten a's.
  assert.equal(text(snappyDecode(bytes(10, 0, 97, 2 | (8 << 2), 1, 0), 100)), 'a'.repeat(10));
  // Empty block.
  assert.equal(snappyDecode(bytes(0), 10).length, 0);
  // 4-byte offset copy.
  assert.equal(text(snappyDecode(bytes(6, 1 << 2, 120, 121, 3 | (3 << 2), 2, 0, 0, 0), 100)), 'xyxyxy');
  // Long literal with a 1-byte length (tag 60).
  const long = new Uint8Array(100).fill(65);
  assert.deepEqual(snappyDecode(bytes(100, 60 << 2, 99, ...long), 200), long);
});

test('round trip with the test encoder over varied inputs', () => {
  const inputs = [
    new TextEncoder().encode('hello hello hello hello world'),
    new TextEncoder().encode('rw_probe_total{k="x"} 1\n'.repeat(500)),
    randomBytes(5000),
    new Uint8Array(70_000),
    Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7) % 13),
  ];
  for (const input of inputs) {
    const enc = snappyEncode(input);
    assert.deepEqual(snappyDecode(enc, 1 << 20), new Uint8Array(input));
  }
  assert.ok(snappyEncode(inputs[1]).length < inputs[1].length / 5, 'copies were used');
});

test('corrupt blocks throw SnappyError, never anything else', () => {
  const bad = [
    bytes(),
    bytes(0x80),
    bytes(5, 0, 97),
    bytes(4, 1 | (0 << 2), 1),
    bytes(8, 0, 97, 1 | (0 << 2), 5),
    bytes(2, 0, 97, 0, 98, 0, 99),
    bytes(3, 60 << 2),
    bytes(0xff, 0xff, 0xff, 0xff, 0x7f),
  ];
  for (const b of bad) assert.throws(() => snappyDecode(b, 1 << 20), SnappyError, `input ${[...b]}`);
  for (let i = 0; i < 2000; i++) {
    const b = randomBytes(1 + (i % 64));
    try {
      snappyDecode(b, 1 << 16);
    } catch (err) {
      assert.ok(err instanceof SnappyError, String(err));
    }
  }
});

test('a declared length over the limit is refused before allocating', () => {
  assert.throws(() => snappyDecode(bytes(0x80, 0x80, 0x80, 0x80, 0x08), 1 << 20), /exceeds the limit/);
});

test('decoding in pieces gives the same bytes; corrupt input still fails, and every step makes progress', () => {
  const src = Uint8Array.from({ length: 300_000 }, (_, i) => (i % 251) ^ (i >> 9));
  const block = snappyEncode(src);
  for (const piece of [1, 7, 4096, 65_536]) {
    const dec = new SnappyBlockDecoder(block, 1 << 20);
    let steps = 1;
    while (!dec.step(piece)) steps++;
    assert.deepEqual(dec.out, src);
    assert.ok(steps >= Math.floor(src.length / Math.max(piece, 65_536)), `${steps} steps of ${piece}`);
  }
  // Bytes after the declared length: an error on a later step, not a step that never ends.
  const trailing = Uint8Array.from([...snappyEncode(new Uint8Array(10)), 0, 65]);
  const dec = new SnappyBlockDecoder(trailing, 100);
  assert.throws(() => {
    for (let i = 0; i < 10 && !dec.step(4); i++);
  }, SnappyError);
});
