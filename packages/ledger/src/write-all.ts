import { writeSync } from 'node:fs';

/**
 * Writes all of `bytes` at the end of `fd` (opened with O_APPEND). One `write(2)` in the
 * normal case; loops only if the kernel accepts fewer bytes (disk nearly full, signals).
 */
export function writeAll(fd: number, bytes: Uint8Array, from = 0): void {
  let at = from;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * {@link writeAll} for text of `byteLength` UTF-8 bytes: Node encodes it straight into the
 * `write(2)`, without a Buffer on the JS heap per record (the append hot path).
 */
export function writeAllText(fd: number, text: string, byteLength: number): void {
  const written = writeSync(fd, text);
  if (written < byteLength) writeAll(fd, Buffer.from(text, 'utf8'), written);
}
