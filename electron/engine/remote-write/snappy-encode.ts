// A snappy block encoder (the format snappy.ts decodes): greedy matching through a 4-byte hash
// table, literals plus copies with 1- and 2-byte offsets. Not the fastest, but small and correct.

const HASH_BITS = 14;
const MAX_OFFSET = 65535;
const MAX_COPY = 64;

function load32(src: Uint8Array, i: number): number {
  return (src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24)) >>> 0;
}

export function snappyEncode(src: Uint8Array): Uint8Array<ArrayBuffer> {
  // Worst case: every byte a literal, plus tags and the length preamble.
  const out = new Uint8Array(32 + src.length + Math.ceil(src.length / 6));
  let o = 0;
  let n = src.length;
  do {
    out[o++] = (n & 0x7f) | (n > 0x7f ? 0x80 : 0);
    n = Math.floor(n / 128);
  } while (n > 0);
  const table = new Int32Array(1 << HASH_BITS).fill(-1);
  const hash = (x: number) => Math.imul(x, 0x1e35a7bd) >>> (32 - HASH_BITS);
  let lit = 0;
  const literal = (end: number) => {
    while (lit < end) {
      const len = Math.min(end - lit, 65536);
      if (len <= 60) out[o++] = (len - 1) << 2;
      else if (len <= 256) {
        out[o++] = 60 << 2;
        out[o++] = len - 1;
      } else {
        out[o++] = 61 << 2;
        out[o++] = (len - 1) & 0xff;
        out[o++] = (len - 1) >> 8;
      }
      out.set(src.subarray(lit, lit + len), o);
      o += len;
      lit += len;
    }
  };
  let i = 0;
  while (i + 4 <= src.length) {
    const x = load32(src, i);
    const h = hash(x);
    const cand = table[h];
    table[h] = i;
    if (cand >= 0 && i - cand <= MAX_OFFSET && load32(src, cand) === x) {
      literal(i);
      let len = 4;
      while (i + len < src.length && len < MAX_COPY && src[cand + len] === src[i + len]) len++;
      const off = i - cand;
      if (len <= 11 && off < 2048) {
        out[o++] = 1 | ((len - 4) << 2) | ((off >> 8) << 5);
        out[o++] = off & 0xff;
      } else {
        out[o++] = 2 | ((len - 1) << 2);
        out[o++] = off & 0xff;
        out[o++] = off >> 8;
      }
      i += len;
      lit = i;
    } else i++;
  }
  literal(src.length);
  return out.slice(0, o);
}
