// Generators for fuzzing the WebSocket frame decoder (shared/wire.ts), shared by the unit fuzz
// test and bench/fuzz.bench.ts: messages as the Api sends them (Float64Arrays, NaN, keys that
// look like the frame's own markers), valid frames of them, and frames broken in the ways an
// attacker would break them (header length, reference indices and lengths, bytes, sizes).
import fc from 'fast-check';
import { encodeFrame } from '../../shared/wire';

/** Numbers a frame must carry exactly; -0 becomes 0 in JSON, so it appears only in arrays. */
const number = fc.oneof(
  fc.double({ noDefaultInfinity: false }).map((d) => (Object.is(d, -0) ? 0 : d)),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 4294967294),
);
const f64Array = fc.array(fc.double(), { maxLength: 40 }).map((a) => Float64Array.from(a));
const key = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('$f64', '$num', '$$f64', '$$$num', 'n', '__proto__', 'constructor', '$'),
);

/** A message as encodeFrame takes it: JSON values, non-finite numbers and Float64Arrays. */
export const wireMessage: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false),
    number,
    fc.string({ maxLength: 20 }),
    f64Array,
    fc.array(tie('value'), { maxLength: 6 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return o;
    }),
  ),
})).value;

const hostileInt = fc.oneof(
  fc.constantFrom(
    4294967294,
    4294967295,
    2 ** 31,
    2 ** 32,
    2 ** 53,
    2 ** 53 + 2,
    1e308,
    -1,
    -0,
    0.5,
    1e-300,
    '1',
    null,
    '1e3',
    [],
    {},
    0,
    1,
    2,
  ),
  fc.integer({ min: -10, max: 10_000_000 }),
  fc.nat(),
);

/** A valid frame's bytes; shuffling a few of them or its header yields hostile frames. */
export const validFrame = wireMessage.map((m) =>
  encodeFrame({ kind: 'request', id: 1, method: 'info', params: [m] }),
);

function withHeader(headerText: string, data: Uint8Array, declaredLength?: number): Uint8Array {
  const h = new TextEncoder().encode(headerText);
  const start = Math.ceil((4 + h.length) / 8) * 8;
  const out = new Uint8Array(start + data.length);
  new DataView(out.buffer).setUint32(0, declaredLength ?? h.length, true);
  out.set(h, 4);
  out.set(data, start);
  return out;
}

function headerOf(frame: Uint8Array): { text: string; data: Uint8Array } {
  const len = new DataView(frame.buffer, frame.byteOffset).getUint32(0, true);
  const text = new TextDecoder().decode(frame.subarray(4, 4 + len));
  return { text, data: frame.subarray(Math.ceil((4 + len) / 8) * 8) };
}

/** Frames broken on purpose: each mutation keeps the rest of the frame as the encoder made it. */
export const hostileFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  // Random bytes, some with a plausible header length.
  fc.uint8Array({ maxLength: 300 }),
  fc.tuple(fc.nat({ max: 300 }), fc.uint8Array({ maxLength: 300 })).map(([len, rest]) => {
    const out = new Uint8Array(4 + rest.length);
    new DataView(out.buffer).setUint32(0, len, true);
    out.set(rest, 4);
    return out;
  }),
  // A valid frame with its header length, bytes or size changed.
  fc.tuple(validFrame, fc.nat(), fc.nat({ max: 255 }), fc.nat({ max: 3 })).map(([f, at, byte, how]) => {
    const out = f.slice();
    if (how === 0) new DataView(out.buffer).setUint32(0, at, true);
    else if (how === 1) out[at % out.length] = byte;
    else if (how === 2) return out.subarray(0, at % (out.length + 1));
    else {
      const longer = new Uint8Array(out.length + (at % 64));
      longer.set(out);
      return longer;
    }
    return out;
  }),
  // A valid frame whose references or numbers in the header say something else.
  fc.tuple(validFrame, hostileInt, fc.nat(), fc.boolean()).map(([f, v, which, sameData]) => {
    const { text, data } = headerOf(f);
    const slots = [...text.matchAll(/("\$f64":|"n":|"\$num":)("[^"]*"|-?[0-9.eE+]+)/g)];
    const value = JSON.stringify(v);
    let t: string;
    if (slots.length > 0) {
      const m = slots[which % slots.length];
      t = text.slice(0, m.index) + m[1] + value + text.slice(m.index + m[0].length);
    } else {
      t = text.replace(/\]\}$/, `,{"$f64":${value},"n":${value}}]}`);
    }
    return withHeader(t, sameData ? data : data.subarray(0, data.length >> 1));
  }),
  // Headers made of reference objects only, the issue's repro among them.
  fc
    .array(fc.tuple(hostileInt, hostileInt), { minLength: 1, maxLength: 8 })
    .map((refs) =>
      withHeader(
        JSON.stringify(refs.map(([i, n]) => ({ $f64: i, n }))),
        new Uint8Array(8 * (refs.length % 3)),
      ),
    ),
);

/** The issue's repro: a ~90-byte frame whose header declares {"$f64":4294967294,"n":0}. */
export function issueReproFrame(): Uint8Array {
  return withHeader(
    '{"kind":"request","id":1,"method":"info","params":[{"$f64":4294967294,"n":0}]}',
    new Uint8Array(0),
  );
}
