// Snappy block-format decompression (what remote write's `Content-Encoding: snappy` means; not
// the framed stream format). Pure and bounded: the declared length is checked against a limit
// before anything is allocated, and every copy is checked against what was written so far.

export class SnappyError extends Error {}

/** The uncompressed length a block declares (its varint preamble), and where its data starts. */
export function snappyDecodedLength(src: Uint8Array): { length: number; start: number } {
  let length = 0;
  let shift = 0;
  for (let i = 0; i < 5; i++) {
    if (i >= src.length) throw new SnappyError('snappy: truncated length preamble');
    const b = src[i];
    length += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) {
      if (length > 0xffffffff) throw new SnappyError('snappy: length preamble too large');
      return { length, start: i + 1 };
    }
  }
  throw new SnappyError('snappy: length preamble too long');
}

/**
 * One block decoded a piece at a time: step() writes about `bytes` more of the output and says
 * whether the block is complete, so a caller can let other work run between pieces of a 32 MiB
 * body. The whole output is allocated up front, after the declared length is checked.
 */
export class SnappyBlockDecoder {
  readonly out: Uint8Array;
  private s: number;
  private d = 0;

  constructor(
    private readonly src: Uint8Array,
    maxBytes: number,
  ) {
    const { length, start } = snappyDecodedLength(src);
    if (length > maxBytes) {
      throw new SnappyError(`snappy: decoded length ${length} exceeds the limit of ${maxBytes} bytes`);
    }
    this.out = new Uint8Array(length);
    this.s = start;
  }

  /** Decodes until `bytes` more are written (whole elements) or the block ends; true at its end. */
  step(bytes: number): boolean {
    const { src, out: dst } = this;
    const length = dst.length;
    let s = this.s;
    let d = this.d;
    const stop = d + bytes;
    try {
      while (s < src.length) {
        if (d >= stop) return false;
        const tag = src[s++];
        const kind = tag & 3;
        if (kind === 0) {
          let len = tag >>> 2;
          if (len >= 60) {
            const n = len - 59;
            if (s + n > src.length) throw new SnappyError('snappy: truncated literal length');
            len = 0;
            for (let i = 0; i < n; i++) len += src[s + i] * 2 ** (8 * i);
            s += n;
          }
          len += 1;
          if (len > src.length - s) throw new SnappyError('snappy: literal runs past the input');
          if (len > length - d) throw new SnappyError('snappy: literal runs past the declared length');
          dst.set(src.subarray(s, s + len), d);
          s += len;
          d += len;
          continue;
        }
        let len: number;
        let offset: number;
        if (kind === 1) {
          if (s + 1 > src.length) throw new SnappyError('snappy: truncated copy');
          len = 4 + ((tag >>> 2) & 7);
          offset = ((tag >>> 5) << 8) | src[s];
          s += 1;
        } else if (kind === 2) {
          if (s + 2 > src.length) throw new SnappyError('snappy: truncated copy');
          len = 1 + (tag >>> 2);
          offset = src[s] | (src[s + 1] << 8);
          s += 2;
        } else {
          if (s + 4 > src.length) throw new SnappyError('snappy: truncated copy');
          len = 1 + (tag >>> 2);
          offset = (src[s] | (src[s + 1] << 8) | (src[s + 2] << 16)) + src[s + 3] * 2 ** 24;
          s += 4;
        }
        if (offset === 0 || offset > d) throw new SnappyError(`snappy: copy offset ${offset} is invalid`);
        if (len > length - d) throw new SnappyError('snappy: copy runs past the declared length');
        // Byte by byte: a copy may overlap what it writes (offset < len repeats a pattern).
        for (let i = 0; i < len; i++, d++) dst[d] = dst[d - offset];
      }
    } finally {
      this.s = s;
      this.d = d;
    }
    if (d !== length) throw new SnappyError(`snappy: decoded ${d} bytes, the block declares ${length}`);
    return true;
  }
}
