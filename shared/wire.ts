// Binary framing for Api messages over a WebSocket: JSON for structure, raw bytes for every
// Float64Array, so columnar series cross the wire without a JSON round-trip of each number.
// Frame: [u32 LE header length][header JSON, UTF-8][zero padding to 8][buffer 0][buffer 1]...
// In the header a Float64Array is {"$f64": index, "n": length}.

interface F64Ref {
  $f64: number;
  n: number;
}

function isF64Ref(v: unknown): v is F64Ref {
  return typeof v === 'object' && v !== null && typeof (v as F64Ref).$f64 === 'number';
}

export function encodeFrame(message: unknown): Uint8Array<ArrayBuffer> {
  const buffers: Float64Array[] = [];
  const header = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Float64Array) {
      buffers.push(value);
      return { $f64: buffers.length - 1, n: value.length };
    }
    // JSON has no NaN/Inf: numbers outside Float64Arrays that are not finite travel as strings.
    if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
    return value;
  });
  const headerBytes = new TextEncoder().encode(header);
  const dataStart = align8(4 + headerBytes.length);
  let total = dataStart;
  for (const b of buffers) total += b.byteLength;
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, headerBytes.length, true);
  out.set(headerBytes, 4);
  let off = dataStart;
  for (const b of buffers) {
    out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), off);
    off += b.byteLength;
  }
  return out;
}

export function decodeFrame(frame: ArrayBuffer | Uint8Array): unknown {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < 4) throw new Error('frame too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = view.getUint32(0, true);
  if (4 + headerLen > bytes.length) throw new Error('frame header length exceeds frame');
  const header = new TextDecoder().decode(bytes.subarray(4, 4 + headerLen));
  const dataStart = align8(4 + headerLen);
  // Offsets of each buffer are implied by order and lengths; collect lengths first.
  const lengths: number[] = [];
  JSON.parse(header, (_k, v: unknown) => {
    if (isF64Ref(v)) lengths[v.$f64] = v.n;
    return v;
  });
  const offsets: number[] = [];
  let off = dataStart;
  for (let i = 0; i < lengths.length; i++) {
    offsets[i] = off;
    off += (lengths[i] ?? 0) * 8;
  }
  if (off > bytes.length) throw new Error('frame buffers exceed frame');
  return JSON.parse(header, (_k, v: unknown) => {
    if (isF64Ref(v)) {
      const start = offsets[v.$f64];
      // Copy: the frame's own buffer may not be 8-byte aligned at this offset.
      return new Float64Array(bytes.slice(start, start + v.n * 8).buffer);
    }
    if (typeof v === 'object' && v !== null && typeof (v as { $num?: unknown }).$num === 'string') {
      return Number((v as { $num: string }).$num);
    }
    return v;
  });
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
