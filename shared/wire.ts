// Binary framing for Api messages over a WebSocket: JSON for structure, raw bytes for every
// Float64Array, so columnar series cross the wire without a JSON round-trip of each number.
// Frame: [u32 LE header length][header JSON, UTF-8][zero padding to 8][buffer 0][buffer 1]...
// In the header a Float64Array is {"$f64": index, "n": length} (indices 0, 1, ... in order of
// appearance), and a number JSON cannot hold (NaN, ±Infinity) is {"$num": "NaN"}. An object of
// the message's own whose key is "$f64" or "$num" (or those with more leading "$") travels with
// one more "$" on that key, so it never reads as either.
//
// A frame comes from the network: decodeFrame checks every length and index against the frame's
// size before it allocates or loops, so a hostile header fails at once with a clear Error.

const RESERVED_KEY = /^\$+(?:f64|num)$/;
const DOLLAR = 36;

export function encodeFrame(message: unknown): Uint8Array<ArrayBuffer> {
  const buffers: Float64Array[] = [];
  const escaped = new WeakSet<object>();
  const header = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Float64Array) {
      buffers.push(value);
      return { $f64: buffers.length - 1, n: value.length };
    }
    // JSON has no NaN/Inf: numbers outside Float64Arrays that are not finite travel as strings.
    if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
    if (isPlainObject(value) && !escaped.has(value) && hasReservedKey(value)) {
      const copy = escapeKeys(value);
      escaped.add(copy);
      return copy;
    }
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

/** A frame that is not well formed: the message says what and where. */
export class FrameError extends Error {
  override name = 'FrameError';
}

export function decodeFrame(frame: ArrayBuffer | Uint8Array): unknown {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < 4)
    throw new FrameError(`frame of ${bytes.length} bytes is shorter than its 4-byte header length`);
  const headerLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (headerLen > bytes.length - 4) {
    throw new FrameError(`frame header length ${headerLen} exceeds the ${bytes.length - 4} bytes after it`);
  }
  let header: string;
  try {
    header = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + headerLen));
  } catch {
    throw new FrameError('frame header is not valid UTF-8');
  }
  const dataStart = align8(4 + headerLen);
  const dataBytes = bytes.length - dataStart;
  if (dataBytes < 0)
    throw new FrameError(`frame of ${bytes.length} bytes lacks the padding after its header`);

  let message: unknown;
  try {
    message = JSON.parse(header);
  } catch (err) {
    throw new FrameError(`frame header is not valid JSON: ${(err as Error).message}`);
  }
  // Every ref takes at least 16 header bytes ({"$f64":0,"n":0}), so this bounds the ref table by
  // the header's size.
  const refs = new RefTable(Math.floor(headerLen / 16), dataBytes);
  const root: Record<string, unknown> = { message };
  revive(root, refs, 0);
  refs.fill(bytes, dataStart);
  return root.message;
}

/** Messages are a few levels deep; this keeps the walk far from the stack's end. */
const MAX_DEPTH = 1000;

/**
 * The references met in the header, each checked when met; arrays are allocated and filled only
 * once all of them are known to be dense and to describe exactly the frame's bytes.
 */
class RefTable {
  private readonly lengths: number[] = [];
  private readonly holders: Record<string | number, unknown>[] = [];
  private readonly keys: (string | number)[] = [];
  private readonly indices: number[] = [];
  private claimed = 0;
  constructor(
    private readonly maxRefs: number,
    private readonly dataBytes: number,
  ) {}

  /** {"$f64": index, "n": n} found at holder[key]. */
  note(o: Record<string, unknown>, holder: Record<string | number, unknown>, key: string | number): void {
    const index = o.$f64;
    const n = o.n;
    if (keyCount(o) !== 2 || !isCount(index) || !isCount(n)) {
      throw new FrameError(`bad Float64Array reference ${clip(JSON.stringify(o))}`);
    }
    if (index >= this.maxRefs || this.lengths[index] !== undefined) {
      throw new FrameError(`Float64Array index ${index} is out of range or repeated`);
    }
    const left = this.dataBytes - this.claimed;
    if (n > left / 8) {
      throw new FrameError(
        `Float64Array ${index} of ${n} values exceeds the ${left} bytes left in the frame`,
      );
    }
    this.claimed += n * 8;
    this.lengths[index] = n;
    this.holders.push(holder);
    this.keys.push(key);
    this.indices.push(index);
  }

  /** Checks the references as a whole, then puts each array in its place. */
  fill(bytes: Uint8Array, dataStart: number): void {
    const lengths = this.lengths;
    for (let i = 0; i < lengths.length; i++) {
      if (lengths[i] === undefined) throw new FrameError(`Float64Array index ${i} is missing`);
    }
    if (this.claimed !== this.dataBytes) {
      throw new FrameError(
        `frame has ${this.dataBytes} bytes of buffers but its header describes ${this.claimed}`,
      );
    }
    const arrays: Float64Array[] = new Array<Float64Array>(lengths.length);
    let off = dataStart;
    for (let i = 0; i < lengths.length; i++) {
      const a = new Float64Array(lengths[i]);
      // Copy: the frame's own buffer may not be 8-byte aligned at this offset.
      new Uint8Array(a.buffer).set(bytes.subarray(off, off + a.byteLength));
      off += a.byteLength;
      arrays[i] = a;
    }
    for (let r = 0; r < this.indices.length; r++) this.holders[r][this.keys[r]] = arrays[this.indices[r]];
  }
}

/**
 * Walks a container of the parsed header in place: notes references for RefTable.fill, turns
 * $num markers into numbers and undoes key escapes (before walking, so refs note the right holder).
 */
function revive(v: Record<string | number, unknown>, refs: RefTable, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new FrameError(`frame header is nested deeper than ${MAX_DEPTH}`);
  const c = Array.isArray(v) ? v : hasEscapedKey(v) ? unescapeKeys(v) : v;
  const visit = (key: string | number) => {
    const x = c[key];
    if (typeof x !== 'object' || x === null) return;
    const o = x as Record<string, unknown>;
    if (Array.isArray(o)) {
      revive(o, refs, depth + 1);
    } else if (Object.hasOwn(o, '$f64')) {
      refs.note(o, c, key);
    } else if (Object.hasOwn(o, '$num')) {
      const s = o.$num;
      if (keyCount(o) !== 1 || (s !== 'NaN' && s !== 'Infinity' && s !== '-Infinity')) {
        throw new FrameError(`bad number ${clip(JSON.stringify(o))}`);
      }
      c[key] = Number(s);
    } else {
      const y = revive(o, refs, depth + 1);
      if (y !== o) c[key] = y;
    }
  };
  if (Array.isArray(c)) for (let i = 0; i < c.length; i++) visit(i);
  else for (const k of Object.keys(c)) visit(k);
  return c;
}

/** Own enumerable keys, counted up to 3 (enough to tell a marker from anything else). */
function keyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.hasOwn(o, k) && ++n > 2) break;
  return n;
}

function hasEscapedKey(o: object): boolean {
  for (const k in o) {
    if (k.charCodeAt(0) === DOLLAR && k.charCodeAt(1) === DOLLAR && RESERVED_KEY.test(k)) return true;
  }
  return false;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function hasReservedKey(o: Record<string, unknown>): boolean {
  for (const k in o) if (k.charCodeAt(0) === DOLLAR && RESERVED_KEY.test(k)) return true;
  return false;
}

function escapeKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) define(out, RESERVED_KEY.test(k) ? `$${k}` : k, o[k]);
  return out;
}

/** Undoes escapeKeys: "$$f64" → "$f64". */
function unescapeKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    define(out, k.charCodeAt(1) === DOLLAR && RESERVED_KEY.test(k) ? k.slice(1) : k, o[k]);
  }
  return out;
}

/** A defined property, so a "__proto__" key stays data and never sets the prototype. */
function define(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
