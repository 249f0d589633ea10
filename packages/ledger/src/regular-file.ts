import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
} from 'node:fs';

/**
 * Flags for reading a file the ledger does not control: `O_NONBLOCK` so that opening a
 * FIFO put in a file's place returns at once instead of waiting forever for a writer, and
 * `O_NOFOLLOW` so a symbolic link swapped in after the `lstat` is refused. Both are no-ops
 * for the regular file expected (0 where the platform lacks them).
 */
export const READ_NO_WAIT =
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Flags for reading a file the user named (`--public-key`, `--checkpoint`): as
 * {@link READ_NO_WAIT}, but following symbolic links. The path is the user's own choice,
 * and often a link (a Kubernetes secret mount, `~/keys/current.pem`); the no-link rule
 * guards files inside a run directory, where a link could be swapped in by someone else.
 */
export const READ_GIVEN_NO_WAIT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * What is at `path`, without following a symbolic link: `missing`, `file` (a regular
 * file), or a few words naming anything else ("a folder", "a FIFO"…) for a message.
 * Other errors (EACCES…) are thrown.
 */
export function fileKind(path: string): 'missing' | 'file' | string {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file, so nothing can be at the path.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
  if (stat.isFile()) return 'file';
  return describe(stat);
}

/** A few words for what a non-regular file is. */
export function describe(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSymbolicLink(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

/** Thrown by {@link readRegularFileSync} for something that is not a regular file. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    /** What is there instead ("a FIFO"…). */
    readonly found: string,
  ) {
    super(`${path} is ${found}, not a regular file`);
  }
}

/** Thrown by {@link readRegularFileSync} for a file larger than the caller allows. */
export class FileTooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(
    readonly path: string,
    /** Its size in bytes. */
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${path} is ${size} bytes, more than the ${maxBytes} expected`);
  }
}

/**
 * Reads a whole file that must be a regular file, never blocking on a FIFO or following a
 * link. Throws {@link NotRegularFileError} for anything else, {@link FileTooLargeError}
 * when it is larger than `maxBytes` (its size is checked before anything is read), and
 * Node's error (ENOENT…) when it cannot be opened.
 */
export function readRegularFileSync(path: string, maxBytes = Number.POSITIVE_INFINITY): Buffer {
  return readOpened(path, openRegular(path, READ_NO_WAIT), maxBytes);
}

/**
 * Reads a whole file the user named, following symbolic links (see
 * {@link READ_GIVEN_NO_WAIT}) but never blocking on a FIFO: what the path leads to must
 * be a regular file. Throws as {@link readRegularFileSync}.
 */
export function readGivenFileSync(path: string, maxBytes = Number.POSITIVE_INFINITY): Buffer {
  return readOpened(path, openRegular(path, READ_GIVEN_NO_WAIT), maxBytes);
}

/**
 * Reads a whole file that must be a regular file, as {@link readRegularFileSync} does, into
 * `scratch` when it fits: an open, one positional read and a close, with no fstat. (An
 * fstat is one more system call, and Node builds a `Stats` object from it: a cold read of
 * 20,000 small artifacts took 110-128 ms with it, 85-90 ms without.) A positional read
 * refuses most of what is not a regular file: a FIFO or terminal (ESPIPE), a folder
 * (EISDIR); a socket cannot be opened, a link is refused on open. Only then, or when the file
 * fills `scratch`, is it fstat'ed. A device node (only root can make one) is read like a
 * file: its bytes are then what the caller checks. Meant for files written whole and then
 * renamed into place (artifacts), so a short read is the file's end.
 *
 * @returns a view of `scratch`, valid until its next use, or a new Buffer for a file that
 *   does not fit in it.
 */
export function readRegularFileInto(path: string, scratch: Buffer): Buffer {
  const fd = openNoLink(path, READ_NO_WAIT);
  try {
    let got: number;
    try {
      got = readSync(fd, scratch, 0, scratch.length, 0);
    } catch (error) {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new NotRegularFileError(path, describe(stat));
      throw error;
    }
    if (got < scratch.length) return scratch.subarray(0, got);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotRegularFileError(path, describe(stat));
    const bytes = readBytes(fd, Math.max(stat.size, got), got);
    scratch.copy(bytes, 0, 0, got);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Reads and closes a file; a small file (a key, a checkpoint) is never read whole if huge. */
function readOpened(path: string, { fd, size }: OpenedFile, maxBytes: number): Buffer {
  try {
    if (size > maxBytes) throw new FileTooLargeError(path, size, maxBytes);
    // A regular file's size from the fstat that checked it: read that many bytes, without
    // readFileSync's own fstat (verification reads one small file per artifact, and each
    // system call costs microseconds on a VM). Size 0 may be a file that does not report
    // one: read to its end.
    return size === 0 ? readFileSync(fd) : readBytes(fd, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `size` bytes of `fd` (fewer if it shrank since its size was taken), read from
 * byte `from` on (the caller fills the bytes before it).
 */
function readBytes(fd: number, size: number, from = 0): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let at = from;
  while (at < size) {
    const read = readSync(fd, bytes, at, size - at, at);
    if (read === 0) break;
    at += read;
  }
  return at === size ? bytes : bytes.subarray(0, at);
}

/** An open regular file and its size, from the one fstat that checked what it is. */
interface OpenedFile {
  fd: number;
  size: number;
}

/**
 * Opens a regular file for reading (with {@link READ_NO_WAIT} unless told otherwise);
 * throws as {@link readRegularFileSync}.
 */
export function openRegularSync(path: string, flags: number = READ_NO_WAIT): number {
  return openRegular(path, flags).fd;
}

function openRegular(path: string, flags: number): OpenedFile {
  const fd = openNoLink(path, flags);
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw new NotRegularFileError(path, describe(stat));
  }
  return { fd, size: stat.size };
}

/** Opens `path`; a symbolic link refused by `O_NOFOLLOW` throws {@link NotRegularFileError}. */
function openNoLink(path: string, flags: number): number {
  try {
    return openSync(path, flags);
  } catch (error) {
    // ELOOP: O_NOFOLLOW met a symbolic link.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new NotRegularFileError(path, 'a symbolic link');
    }
    throw error;
  }
}
