import { PmError } from '@pm/envelope-schemas';

// Keys travel in an HTTP header: only printable ASCII without spaces is safe there; a
// space, control character or non-ASCII letter would split or corrupt the header.
const HEADER_SAFE = /^[!-~]+$/;

/**
 * A key as it goes on the wire: trimmed, since `Headers` strips surrounding whitespace
 * anyway (a key read from a file often ends in a newline), and header-safe. Returns
 * `undefined` for an empty or blank key. An unsafe key is `INVALID_ARGUMENT`; `what` names
 * where it came from (never the value) and the message says how to fix it.
 */
export function headerSafeKey(
  raw: string,
  what: string,
  details: Readonly<Record<string, unknown>> = {},
): string | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  if (!HEADER_SAFE.test(value)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `${what} contains spaces, control characters or non-ASCII characters; set it again without them.`,
      { details },
    );
  }
  return value;
}

/**
 * Every form of a key a provider may echo back: as the host gave it, as sent (trimmed),
 * and as JSON quotes it (an echoed error body is JSON: `"` and `\` come back escaped).
 * Error messages are scrubbed of all of them.
 */
export function keyForms(raw: string, sent: string): string[] {
  const forms = new Set([raw, sent, JSON.stringify(sent).slice(1, -1)]);
  // Longest first: scrubbing a shorter form first would leave the rest of a longer one.
  return [...forms].filter(Boolean).sort((a, b) => b.length - a.length);
}
