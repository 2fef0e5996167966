// hashmod as Prometheus computes it: the MD5 of the value, its last 8 bytes read as a big-endian
// unsigned 64-bit integer, modulo the modulus (any uint64, hence bigint arithmetic).
import { createHash } from 'node:crypto';

export function hashMod(value: string, modulus: bigint): string {
  const sum = createHash('md5').update(value, 'utf8').digest();
  return (sum.readBigUInt64BE(8) % modulus).toString();
}
