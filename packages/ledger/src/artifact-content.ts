import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { scrubText } from './scrub-secrets.js';

/** Content as the ledger will store it, after the secret scan. */
export interface PreparedArtifact {
  /** The bytes to store (scrubbed when secrets were found). */
  bytes: Buffer;
  /** The kinds of secret replaced by `[SECRET:<kind>]`, one per finding. */
  scrubbedKinds: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Scans content for secrets before it is stored. Text (a string, or bytes that are valid
 * UTF-8) is scanned as text. Bytes that are not UTF-8 are scanned as Latin-1, where one
 * byte is one character, so a key embedded in a binary blob is still found and replaced
 * in place without disturbing the other bytes. Bytes that start with a UTF-16 byte order
 * mark (`FF FE` little-endian, `FE FF` big-endian; never valid UTF-8) are first scanned
 * as UTF-16 and scrubbed in UTF-16 of the same byte order, BOM kept, so UTF-16 text stays
 * UTF-16 (markers included); then as Latin-1 like any other non-UTF-8 bytes. Verification
 * scans stored artifacts with this same function.
 */
export function prepareArtifact(content: string | Uint8Array): PreparedArtifact {
  if (typeof content === 'string') {
    const { text, kinds } = scrubText(content);
    return { bytes: Buffer.from(text, 'utf8'), scrubbedKinds: kinds };
  }
  if (!(content instanceof Uint8Array)) {
    throw new InvalidLedgerArgumentError(
      'putArtifact takes a string or bytes (Uint8Array/Buffer); serialise objects to JSON first.',
    );
  }
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const text = utf8Text(bytes);
  if (text === null) {
    const order = utf16ByteOrder(bytes);
    if (order === null) return prepareLatin1(bytes, []);
    const utf16 = prepareUtf16(bytes, order);
    // A BOM is two bytes any blob may start with: its bytes get the Latin-1 look too.
    return prepareLatin1(utf16.bytes, utf16.scrubbedKinds);
  }
  const scrubbed = scrubText(text);
  if (scrubbed.kinds.length === 0) return { bytes, scrubbedKinds: [] };
  return { bytes: Buffer.from(scrubbed.text, 'utf8'), scrubbedKinds: scrubbed.kinds };
}

/**
 * The text of bytes that are valid UTF-8, which {@link prepareArtifact} scans as that text
 * and nothing else; null for other bytes (scanned by `prepareArtifact` in other ways).
 */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Binary content scanned and scrubbed one byte per character; `kinds` already found. */
function prepareLatin1(bytes: Buffer, kinds: string[]): PreparedArtifact {
  const scrubbed = scrubText(bytes.toString('latin1'));
  if (scrubbed.kinds.length === 0) return { bytes, scrubbedKinds: kinds };
  return {
    bytes: Buffer.from(scrubbed.text, 'latin1'),
    scrubbedKinds: [...kinds, ...scrubbed.kinds],
  };
}

/** The byte order a UTF-16 byte order mark at the start names, or null. */
function utf16ByteOrder(bytes: Buffer): 'le' | 'be' | null {
  if (bytes.length < 2) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return null;
}

/**
 * UTF-16 content: each two bytes after the BOM are one UTF-16 code unit, which is what a
 * JavaScript string holds, so decoding and encoding back is exact (lone surrogates
 * included) and only scrubbed spans change. An odd last byte is kept as it is.
 */
function prepareUtf16(bytes: Buffer, order: 'le' | 'be'): PreparedArtifact {
  const end = bytes.length - (bytes.length % 2);
  // Node decodes little-endian only: a big-endian body is byte-swapped on a copy.
  const body =
    order === 'le' ? bytes.subarray(2, end) : Buffer.from(bytes.subarray(2, end)).swap16();
  const scrubbed = scrubText(body.toString('utf16le'));
  if (scrubbed.kinds.length === 0) return { bytes, scrubbedKinds: [] };
  const encoded = Buffer.from(scrubbed.text, 'utf16le');
  if (order === 'be') encoded.swap16();
  return {
    bytes: Buffer.concat([bytes.subarray(0, 2), encoded, bytes.subarray(end)]),
    scrubbedKinds: scrubbed.kinds,
  };
}
