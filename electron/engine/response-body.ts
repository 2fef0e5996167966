// An HTTP response's body read to its end: decoded per its Content-Encoding (gzip, deflate or
// identity) and bounded in decoded size. The scrape client and the remote datasource client both
// read bodies this way; each words the failures in its own terms.
import type http from 'node:http';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

export type BodyFailure =
  /** A Content-Encoding other than gzip, x-gzip, deflate or identity (lower-cased). */
  | { kind: 'encoding'; encoding: string }
  /** The decoded body grew past the limit; reading stopped there. */
  | { kind: 'limit'; limitBytes: number }
  /** The connection or the decompressor failed mid-body. */
  | { kind: 'read'; error: Error };

/**
 * Reads `res` and calls `onBody` with the decoded bytes or `onFailure` with why not, at most once
 * and never both. `limitBytes` bounds the decoded size; 0 means no limit. The chunks are joined
 * once, at the end.
 */
export function readResponseBody(
  res: http.IncomingMessage,
  limitBytes: number,
  onBody: (body: Buffer) => void,
  onFailure: (failure: BodyFailure) => void,
): void {
  const enc = (res.headers['content-encoding'] ?? '').toLowerCase();
  let stream: Readable = res;
  if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(createGunzip());
  else if (enc === 'deflate') stream = res.pipe(createInflate());
  else if (enc && enc !== 'identity') {
    res.resume();
    onFailure({ kind: 'encoding', encoding: enc });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  stream.on('data', (c: Buffer) => {
    if (done) return;
    size += c.length;
    if (limitBytes > 0 && size > limitBytes) {
      done = true;
      stream.destroy();
      onFailure({ kind: 'limit', limitBytes });
      return;
    }
    chunks.push(c);
  });
  stream.on('error', (error: Error) => {
    if (done) return;
    done = true;
    onFailure({ kind: 'read', error });
  });
  stream.on('end', () => {
    if (done) return;
    done = true;
    onBody(Buffer.concat(chunks, size));
  });
}
