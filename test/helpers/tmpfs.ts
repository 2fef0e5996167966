// A small real tmpfs for disk-full tests (mounting needs root; callers skip with the reason
// where it fails), and a filler file that takes all its space but a given amount.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  rmSync,
  statfsSync,
  ftruncateSync,
  fstatSync,
  writeSync,
} from 'node:fs';

/** Mounts a tmpfs of `bytes` on dir; returns null, or why it could not. */
export function mountTmpfs(dir: string, bytes: number): string | null {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0 ? null : `mount -t tmpfs failed: ${(r.stderr || r.error?.message || '').trim()}`;
}

export function unmountTmpfs(dir: string): void {
  // Lazy: a process killed a moment ago may still hold files open.
  spawnSync('umount', ['-l', dir]);
}

export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Fills the file system with one file until ENOSPC, then gives back `leave` bytes of it. */
export function fillDisk(dir: string, leave: number, name = 'filler'): { file: string; free(): void } {
  const file = `${dir}/${name}`;
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 4096]) {
      const buf = Buffer.alloc(size, 0x5a);
      for (;;) {
        try {
          writeSync(fd, buf);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
    const size = fstatSync(fd).size;
    ftruncateSync(fd, Math.max(0, size - leave));
  } finally {
    closeSync(fd);
  }
  return { file, free: () => rmSync(file, { force: true }) };
}
