// A small snappy block encoder for tests: greedy 4-byte hash matching, literals and copies with
// 1- and 2-byte offsets. Correct, not fast; the decoder under test must read what it writes.

export function snappyEncode(src: Uint8Array): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let n = src.length;
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  const table = new Map<number, number>();
  const hashAt = (i: number) => src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
  let lit = 0;
  let i = 0;
  const flush = (end: number) => {
    while (lit < end) {
      const len = Math.min(end - lit, 65536);
      if (len <= 60) out.push((len - 1) << 2);
      else if (len <= 256) out.push(60 << 2, len - 1);
      else out.push(61 << 2, (len - 1) & 0xff, (len - 1) >> 8);
      for (let k = 0; k < len; k++) out.push(src[lit + k]);
      lit += len;
    }
  };
  while (i + 4 <= src.length) {
    const h = hashAt(i);
    const cand = table.get(h);
    table.set(h, i);
    if (cand !== undefined && i - cand <= 65535 && hashAt(cand) === h) {
      flush(i);
      let len = 4;
      while (i + len < src.length && src[cand + len] === src[i + len] && len < 64) len++;
      const off = i - cand;
      if (len <= 11 && off < 2048) out.push(1 | ((len - 4) << 2) | ((off >> 8) << 5), off & 0xff);
      else out.push(2 | ((len - 1) << 2), off & 0xff, off >> 8);
      i += len;
      lit = i;
    } else i++;
  }
  flush(src.length);
  return Uint8Array.from(out);
}
