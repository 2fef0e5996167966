// decodeBodyInto reads each body from a reused copy with zeros after it (loads near the end stay
// in bounds). What a body decodes to, or the error it is rejected with, must not depend on the
// bodies decoded before it: a truncated body read after a long one (whose bytes are still in the
// copy) gives exactly what it gives after a short one, for every truncation of real chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkBody, decodeBodyInto, encodeChunk } from '../../../electron/engine/store/chunk-codec/chunk';
import { nodeMix, scrapeTimes } from '../../helpers/node-mix';

const t = new Float64Array(1 << 16);
const v = new Float64Array(1 << 16);
const stale = new Uint8Array(1 << 16);

/** The samples decoded, or the error's message. */
function outcome(body: Uint8Array): string {
  try {
    const n = decodeBodyInto(body, t, v, stale, 3);
    return JSON.stringify([
      Array.from(t.subarray(3, 3 + n)),
      Array.from(v.subarray(3, 3 + n)),
      Array.from(stale.subarray(3, 3 + n)),
    ]);
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

test('a body decodes the same after a long body as after a short one, whole or truncated', () => {
  const ts = scrapeTimes(1_700_000_000_000, 240);
  const bodies: Uint8Array[] = [];
  for (const s of nodeMix(40, 5)) {
    const vs = new Float64Array(240);
    for (let i = 0; i < 240; i++) vs[i] = s.next();
    bodies.push(chunkBody(encodeChunk(ts, vs, new Uint8Array(240), 240)));
  }
  // Garbage that fills the reused copy far past any body here.
  const long = new Uint8Array(8192).fill(0xff);
  long[0] = 5;
  const short = Uint8Array.of(1, 0);
  let compared = 0;
  for (const body of bodies) {
    for (let len = 1; len <= body.length; len += len < 24 ? 1 : 7) {
      const cut = body.slice(0, len);
      outcome(short);
      const clean = outcome(cut);
      outcome(long);
      assert.equal(outcome(cut), clean, `a ${len}-byte prefix of a ${body.length}-byte body`);
      compared++;
    }
  }
  assert.ok(compared > 400);
});
