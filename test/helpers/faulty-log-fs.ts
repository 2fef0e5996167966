// The sample log's file operations over the real file system, with a full disk on demand:
// `allow` bytes more may be written (free space: ftruncate gives back what it cuts), then
// writes fail with ENOSPC (a write that reaches the limit writes what fits and returns the
// short count, as write(2) does); `failTruncates` makes the next ftruncate calls fail with EIO;
// `maxWrite` splits writes into short ones.
import { nodeLogFs, type LogFs } from '../../electron/engine/store/sample-log';

function errno(code: string, text: string, syscall: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: ${text}, ${syscall}`);
  err.code = code;
  err.syscall = syscall;
  return err;
}

export class FaultyLogFs implements LogFs {
  allow = Infinity;
  failTruncates = 0;
  maxWrite = Infinity;
  writes = 0;

  open = nodeLogFs.open;
  size = nodeLogFs.size;
  read = nodeLogFs.read;
  close = nodeLogFs.close;
  create = nodeLogFs.create;
  remove = nodeLogFs.remove;

  write(fd: number, buf: Uint8Array, offset: number, length: number): number {
    this.writes++;
    const n = Math.min(length, this.allow, this.maxWrite);
    if (n <= 0) throw errno('ENOSPC', 'no space left on device', 'write');
    const written = nodeLogFs.write(fd, buf, offset, n);
    this.allow -= written;
    return written;
  }

  truncate(fd: number, length: number): void {
    if (this.failTruncates > 0) {
      this.failTruncates--;
      throw errno('EIO', 'i/o error', 'ftruncate');
    }
    const before = nodeLogFs.size(fd);
    nodeLogFs.truncate(fd, length);
    if (before > length) this.allow += before - length;
  }

  /** Space again: every write succeeds. */
  heal(): void {
    this.allow = Infinity;
    this.failTruncates = 0;
  }
}
