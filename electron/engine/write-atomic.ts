// Replacing a small file (settings.json, a dashboard) so that a crash or power cut leaves the
// old content or the new, never half of one: write beside it, fsync, rename over it.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Writes `text` to `file` atomically; on failure the temporary file is removed and the error thrown. */
export function writeFileAtomic(file: string, text: string): void {
  // Unique per call: two writers of one file (a CLI import beside serve) never share a temporary.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, text);
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
