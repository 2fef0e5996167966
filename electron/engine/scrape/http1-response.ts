// Reads one HTTP/1.1 response from the bytes of a connection, as they arrive: the status line and
// headers, then a body delimited by Content-Length, chunked transfer coding, or the connection's
// end. Built for the scrape client, which reads one small-to-medium body per target per interval:
// a Content-Length body lands in one preallocated buffer, and nothing is allocated per byte.

/** The response broke HTTP/1.1 framing; the message says how. */
export class ResponseFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseFormatError';
  }
}

/** The body (raw, still content-coded) grew past the reader's limit. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`response body larger than ${limitBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

const MAX_HEAD_BYTES = 64 * 1024;
const CR = 13;
const LF = 10;

type Phase = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'close' | 'done';

export class Http1Response {
  status = 0;
  reason = '';
  /** Lower-cased header names; repeated headers joined with ", ". */
  readonly headers = new Map<string, string>();
  /** Whether the server keeps the connection open after this response. */
  keepAlive = true;
  /** Bytes of the body as sent (before content decoding). */
  wireBytes = 0;

  private phase: Phase = 'head';
  private head: Buffer | null = null;
  private remaining = 0;
  private fixed: Buffer | null = null;
  private parts: Buffer[] = [];
  private line = '';

  /** `limitBytes` bounds the raw body (0: no limit). */
  constructor(private readonly limitBytes: number) {}

  get done(): boolean {
    return this.phase === 'done';
  }

  /** True once the status line and headers are in. */
  get headed(): boolean {
    return this.phase !== 'head';
  }

  /** Consumes bytes; returns how many belong to this response (the rest are not ours). */
  feed(chunk: Buffer): number {
    let pos = 0;
    while (pos < chunk.length && this.phase !== 'done') {
      switch (this.phase) {
        case 'head':
          pos = this.readHead(chunk, pos);
          break;
        case 'length': {
          const n = Math.min(this.remaining, chunk.length - pos);
          chunk.copy(this.fixed!, this.fixed!.length - this.remaining, pos, pos + n);
          this.remaining -= n;
          pos += n;
          if (this.remaining === 0) this.phase = 'done';
          break;
        }
        case 'close':
          this.addPart(chunk.subarray(pos));
          pos = chunk.length;
          break;
        case 'chunk-size':
        case 'chunk-end':
        case 'trailers':
          pos = this.readChunkLine(chunk, pos);
          break;
        case 'chunk-data': {
          const n = Math.min(this.remaining, chunk.length - pos);
          this.addPart(chunk.subarray(pos, pos + n));
          this.remaining -= n;
          pos += n;
          if (this.remaining === 0) this.phase = 'chunk-end';
          break;
        }
      }
    }
    return pos;
  }

  /** The connection ended: completes a body delimited by it, or says what was cut short. */
  end(): void {
    if (this.phase === 'close') this.phase = 'done';
    else if (this.phase !== 'done') {
      throw new ResponseFormatError(
        this.phase === 'head'
          ? 'the connection closed before a complete response header'
          : 'the connection closed before the response body was complete',
      );
    }
  }

  /** The raw body, once done. */
  body(): Buffer {
    if (this.fixed !== null) return this.fixed;
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.wireBytes);
  }

  private addPart(part: Buffer): void {
    if (part.length === 0) return;
    this.wireBytes += part.length;
    if (this.limitBytes > 0 && this.wireBytes > this.limitBytes)
      throw new ResponseTooLargeError(this.limitBytes);
    // The socket may reuse its buffer: keep a copy only of what we keep.
    this.parts.push(Buffer.from(part));
  }

  private readHead(chunk: Buffer, pos: number): number {
    const data = this.head === null ? chunk.subarray(pos) : Buffer.concat([this.head, chunk.subarray(pos)]);
    const end = data.indexOf('\r\n\r\n');
    if (end < 0) {
      if (data.length > MAX_HEAD_BYTES) throw new ResponseFormatError('response header larger than 64 KiB');
      this.head = Buffer.from(data);
      return chunk.length;
    }
    const consumed = end + 4 - (this.head === null ? 0 : this.head.length);
    this.parseHead(data.toString('latin1', 0, end));
    this.head = null;
    return pos + consumed;
  }

  private parseHead(text: string): void {
    const lines = text.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0]);
    if (!m)
      throw new ResponseFormatError(`malformed HTTP status line ${JSON.stringify(lines[0].slice(0, 80))}`);
    this.status = Number(m[2]);
    this.reason = m[3] ?? '';
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      if (colon <= 0)
        throw new ResponseFormatError(`malformed header line ${JSON.stringify(lines[i].slice(0, 80))}`);
      const name = lines[i].slice(0, colon).trim().toLowerCase();
      const value = lines[i].slice(colon + 1).trim();
      const prev = this.headers.get(name);
      this.headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
    }
    const connection = (this.headers.get('connection') ?? '').toLowerCase();
    this.keepAlive = m[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    const te = this.headers.get('transfer-encoding');
    const cl = this.headers.get('content-length');
    if (te !== undefined && te.toLowerCase() !== 'identity') {
      if (!/(^|,)\s*chunked\s*$/i.test(te))
        throw new ResponseFormatError(`unsupported Transfer-Encoding "${te}"`);
      this.phase = 'chunk-size';
    } else if (cl !== undefined) {
      if (!/^\d{1,15}$/.test(cl)) throw new ResponseFormatError(`invalid Content-Length "${cl}"`);
      const length = Number(cl);
      if (this.limitBytes > 0 && length > this.limitBytes) throw new ResponseTooLargeError(this.limitBytes);
      this.wireBytes = length;
      this.fixed = Buffer.allocUnsafe(length);
      this.remaining = length;
      this.phase = length === 0 ? 'done' : 'length';
    } else if (this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200)) {
      this.phase = 'done';
    } else {
      this.keepAlive = false;
      this.phase = 'close';
    }
  }

  // A line of the chunked framing: a chunk's size, the CRLF after its data, or a trailer.
  private readChunkLine(chunk: Buffer, pos: number): number {
    const nl = chunk.indexOf(LF, pos);
    const stop = nl < 0 ? chunk.length : nl;
    this.line += chunk.toString('latin1', pos, stop);
    if (this.line.length > 4096) throw new ResponseFormatError('chunked framing line longer than 4 KiB');
    if (nl < 0) return chunk.length;
    const line = this.line.charCodeAt(this.line.length - 1) === CR ? this.line.slice(0, -1) : this.line;
    this.line = '';
    if (this.phase === 'chunk-end') {
      if (line !== '') throw new ResponseFormatError('missing CRLF after a chunk');
      this.phase = 'chunk-size';
    } else if (this.phase === 'trailers') {
      if (line === '') this.phase = 'done';
    } else {
      const size = /^([0-9a-fA-F]{1,12})\s*(;.*)?$/.exec(line);
      if (!size) throw new ResponseFormatError(`invalid chunk size ${JSON.stringify(line.slice(0, 40))}`);
      this.remaining = parseInt(size[1], 16);
      this.phase = this.remaining === 0 ? 'trailers' : 'chunk-data';
    }
    return nl + 1;
  }
}
