// Generators for fuzzing what a remote_write body goes through before it is stored: the snappy
// block decoder and the WriteRequest (protobuf) reader. Valid bodies of random series, and the
// same with bytes changed, cut or lengthened, or random bytes.
import fc from 'fast-check';
import { encodeWriteRequest, type TestSeries } from './proto-write';
import { snappyEncode } from './snappy-encode';

const series: fc.Arbitrary<TestSeries> = fc.record({
  labels: fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 4 }),
  samples: fc.array(fc.record({ t: fc.integer(), v: fc.double() }), { maxLength: 4 }),
});

export const writeRequestBytes = fc.array(series, { maxLength: 5 }).map((s) => encodeWriteRequest(s));

function mutated(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      valid,
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.nat({ max: 3 })), { minLength: 1, maxLength: 4 }),
    )
    .map(([bytes, edits]) => {
      let b = Uint8Array.from(bytes);
      for (const [at, byte, how] of edits) {
        if (how === 0 && b.length > 0) b[at % b.length] = byte;
        else if (how === 1) b = b.subarray(0, at % (b.length + 1));
        else if (how === 2)
          b = Uint8Array.from([
            ...b.subarray(0, at % (b.length + 1)),
            byte,
            ...b.subarray(at % (b.length + 1)),
          ]);
        else if (b.length > 0) b[at % b.length] = 0xff; // a varint that goes on
      }
      return b;
    });
}

export const writeRequestInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  writeRequestBytes,
  mutated(writeRequestBytes),
);

const snappyValid = fc
  .oneof(
    writeRequestBytes,
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s.repeat(5))),
  )
  .map((b) => snappyEncode(b));

export const snappyInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  snappyValid,
  mutated(snappyValid),
);
