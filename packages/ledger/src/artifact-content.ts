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
 * UTF-8) is scanned as text. Anything else is scanned as Latin-1, where one byte is one
 * character, so a key embedded in a binary blob is still found and replaced in place
 * without disturbing the other bytes.
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
  let text: string;
  let encoding: 'utf8' | 'latin1';
  try {
    text = utf8.decode(bytes);
    encoding = 'utf8';
  } catch {
    text = bytes.toString('latin1');
    encoding = 'latin1';
  }
  const scrubbed = scrubText(text);
  if (scrubbed.kinds.length === 0) return { bytes, scrubbedKinds: [] };
  return { bytes: Buffer.from(scrubbed.text, encoding), scrubbedKinds: scrubbed.kinds };
}
