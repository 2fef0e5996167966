// Chunk decoding on damaged input: every decoder loop is bounded by its input, so a chunk whose
// bits are garbage is rejected with a ChunkDecodeError (or, without a checksum, may decode to
// something) quickly; it never spins and never crashes with another error. Decodes run in a
// worker thread, so a hang fails the test instead of hanging the run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BitWriter } from '../../../electron/engine/store/chunk-codec/bit-stream';
import { chunkBody, encodeChunk } from '../../../electron/engine/store/chunk-codec/chunk';
import { crc32c } from '../../../electron/engine/store/chunk-codec/crc32c';
import { DecodeThread, type DecodeOutcome } from '../../helpers/chunk-decode-thread';

const thread = new DecodeThread();
after(() => thread.close());

/** A decode that has not answered in this long is taken to spin (decodes take microseconds). */
const HANG_MS = 3000;
/** What any one decode of a chunk-sized input may take, on a busy machine. */
const SLOW_MS = 250;

/** A checksummed chunk around a body, as encodeChunk frames one. */
function withChecksum(body: Uint8Array): Uint8Array {
  const blob = new Uint8Array(6 + body.length);
  blob[1] = 1;
  blob.set(body, 6);
  new DataView(blob.buffer).setUint32(2, crc32c(blob, 6), true);
  return blob;
}

/** Two samples, XOR-coded values, the second with leading zeros 31 and 40 significant bits. */
function xorWindowPast64(): Uint8Array {
  const w = new BitWriter();
  w.writeUvarint(2); // n
  w.writeVarint(1_700_000_000_000); // t0
  w.writeUvarint(15_000); // step
  w.write(0, 1); // GRID
  w.writeVarint(0); // offset
  w.write(63, 6); // every residual zero
  w.writeUvarint(0); // no specials
  w.write(2, 2); // XOR values
  w.writeWide(0x3ff00000, 32); // 1.0
  w.writeWide(0, 32);
  w.write(3, 2); // a new window…
  w.write(31, 5); // …31 leading zeros
  w.write(40, 6); // …40 significant bits: 71 > 64
  for (let i = 0; i < 5; i++) w.write(0xa5, 8);
  return w.finish();
}

function assertBounded(o: DecodeOutcome, what: string): void {
  assert.notEqual(o.kind, 'hung', `${what}: the decoder did not return within ${HANG_MS} ms`);
  assert.notEqual(o.kind, 'crashed', `${what}: ${'message' in o ? o.message : ''}`);
  assert.ok(o.ms < SLOW_MS, `${what}: took ${o.ms.toFixed(1)} ms`);
}

test('an XOR window with lead + sig > 64 is rejected, not spun on (the issue repro)', async () => {
  const body = xorWindowPast64();
  // Without a checksum (a chunk from before checksums) and with a valid one: the decoder itself
  // must stop, whatever the checksum said.
  for (const blob of [body, withChecksum(body)]) {
    const o = await thread.decode(blob, HANG_MS);
    assertBounded(o, 'lead+sig > 64');
    assert.equal(o.kind, 'rejected');
    assert.match((o as { message: string }).message, /XOR window of 40 bits after 31 leading zeros/);
  }
});

test('a flipped bit anywhere in a checksummed chunk is caught by its checksum', () => {
  const t = Array.from({ length: 240 }, (_, i) => 1_700_000_000_000 + i * 15_000 + (i % 3));
  const v = t.map((_, i) => Math.sin(i) * 1e3);
  const blob = encodeChunk(t, v, new Uint8Array(240), 240);
  for (let bit = 0; bit < blob.length * 8; bit++) {
    const bad = blob.slice();
    bad[bit >> 3] ^= 0x80 >> (bit & 7);
    assert.throws(() => chunkBody(bad, true), { name: 'ChunkDecodeError' }, `bit ${bit}`);
  }
});

const samples = fc
  .integer({ min: 1, max: 300 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 1, max: 60_000 }), { minLength: n, maxLength: n }),
      fc.array(
        fc.oneof(
          fc.double(),
          fc.integer({ min: -1e6, max: 1e6 }),
          fc.integer({ min: 0, max: 1e8 }).map((x) => x / 100),
          fc.constantFrom(NaN, Infinity, -0, 0),
        ),
        { minLength: n, maxLength: n },
      ),
      fc.array(fc.constantFrom(0, 0, 0, 1), { minLength: n, maxLength: n }),
    ),
  )
  .map(([gaps, v, stale]) => {
    let t = 1_700_000_000_000;
    const ts = gaps.map((g) => (t += g));
    return encodeChunk(ts, v, stale, ts.length);
  });

const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 20 });

function flip(buf: Uint8Array, at: [number, number][], from = 0): Uint8Array {
  const out = buf.slice();
  if (out.length > from) for (const [i, x] of at) out[from + (i % (out.length - from))] ^= x;
  return out;
}

test('fuzz: random bytes, and valid chunks with flipped bytes, decode or throw in bounded time', async () => {
  const runs = Number(process.env.CHUNK_FUZZ_RUNS ?? 1000);
  const tried = { random: 0, flippedChecksummed: 0, flippedBody: 0, decoded: 0, rejected: 0 };
  const count = (o: DecodeOutcome) => (o.kind === 'decoded' ? tried.decoded++ : tried.rejected++);
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), async (bytes) => {
      // As a chunk from before checksums (first byte not 0), and behind a valid checksum.
      for (const blob of [bytes[0] === 0 ? bytes.subarray(1) : bytes, withChecksum(bytes)]) {
        if (blob.length === 0) continue;
        tried.random++;
        const o = await thread.decode(blob, HANG_MS);
        assertBounded(o, `random bytes ${Buffer.from(blob).toString('hex')}`);
        count(o);
      }
    }),
    { numRuns: runs, seed: 12 },
  );
  await fc.assert(
    fc.asyncProperty(samples, flips, async (blob, at) => {
      // Flipped bytes in a checksummed chunk: always rejected, never other values.
      tried.flippedChecksummed++;
      const bad = flip(blob, at);
      const o = await thread.decode(bad, HANG_MS, true);
      assertBounded(o, `flipped chunk ${Buffer.from(bad).toString('hex')}`);
      // (Two flips of one byte can cancel out: then the chunk is intact.)
      assert.equal(o.kind, Buffer.compare(bad, blob) === 0 ? 'decoded' : 'rejected');
      // The same flips inside the body behind a fresh checksum (or none): the decoder itself
      // meets the garbage.
      const body = flip(blob.subarray(6), at);
      for (const b of [withChecksum(body), body[0] === 0 ? null : body]) {
        if (b === null) continue;
        tried.flippedBody++;
        const ob = await thread.decode(b, HANG_MS);
        assertBounded(ob, `flipped body ${Buffer.from(b).toString('hex')}`);
        count(ob);
      }
    }),
    { numRuns: runs, seed: 34 },
  );
  console.log(`chunk decoder fuzz: ${JSON.stringify(tried)}`);
});
