// Whole-body decoding of a remote-write request, for tests and fuzzing: the receiver itself
// decodes a piece at a time (SnappyBlockDecoder.step, WriteRequestReader.next) so a 32 MiB body
// never holds the engine's thread; these run the same decoders to the end in one call.
import { SnappyBlockDecoder } from '../../electron/engine/remote-write/snappy';
import {
  WriteRequestReader,
  emptySeries,
  type WriteRequest,
} from '../../electron/engine/remote-write/write-request';

/** Decodes one snappy block; throws SnappyError when it is corrupt or larger than maxBytes. */
export function snappyDecode(src: Uint8Array, maxBytes: number): Uint8Array {
  const block = new SnappyBlockDecoder(src, maxBytes);
  block.step(Infinity);
  return block.out;
}

/** The whole request at once. */
export function decodeWriteRequest(buf: Uint8Array): WriteRequest {
  const reader = new WriteRequestReader(buf);
  const out: WriteRequest = { series: [], metadata: 0 };
  for (let s = emptySeries(); reader.next(s); s = emptySeries()) out.series.push(s);
  out.metadata = reader.metadata;
  return out;
}
