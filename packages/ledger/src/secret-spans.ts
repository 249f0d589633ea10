import { REDACTED_TEXT as REDACTED } from '@pm/envelope-schemas/core';
import { detectSecrets } from '@pm/redact/detect-secrets';

/** Where a secret is in a text (UTF-16 offsets) and its kind; never the value. */
export interface SecretSpan {
  start: number;
  end: number;
  kind: string;
}

/**
 * `detectSecrets`, less the findings that lie inside the ledger's own markers. Texts that
 * embed escaped text (a JSON document stored as an artifact, a URL-encoded body, where
 * `\nsk-…` glues the key to the `n` of the escape) need nothing extra here: `detectSecrets`
 * also scans them with their escapes blanked.
 */
export function findSecretSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = detectSecrets(text);
  if (spans.length > 0 && (text.includes('[SECRET:') || text.includes(REDACTED))) {
    return withoutMarkers(text, spans);
  }
  return spans;
}

/** What the ledger leaves where a secret was: `[SECRET:<kind>]` or `[REDACTED]`. */
const MARKER = /\[SECRET:[A-Za-z0-9_.-]{1,64}\]|\[REDACTED\]/g;

/**
 * Drops findings that lie wholly inside the ledger's own markers: a detector may read
 * `postgres://u:[SECRET:connection_string]@h` as a password, or `SECRET:private_key` as
 * an assignment. Without this, scrubbed text would still "hold secrets" and verification
 * of a clean ledger would fail.
 */
function withoutMarkers(text: string, spans: SecretSpan[]): SecretSpan[] {
  const markers: [number, number][] = [];
  for (const m of text.matchAll(MARKER)) markers.push([m.index, m.index + m[0].length]);
  if (markers.length === 0) return spans;
  return spans.filter(
    (span) => !markers.some(([start, end]) => span.start >= start - 1 && span.end <= end + 1),
  );
}
