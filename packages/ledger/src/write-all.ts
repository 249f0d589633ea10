import { writeSync } from 'node:fs';

/**
 * Writes all of `bytes` at the end of `fd` (opened with O_APPEND). One `write(2)` in the
 * normal case; loops only if the kernel accepts fewer bytes (disk nearly full, signals).
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}
