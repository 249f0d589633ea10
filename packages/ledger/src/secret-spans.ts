import { REDACTED_TEXT as REDACTED } from '@pm/envelope-schemas';
import { detectSecrets } from '@pm/redact';

/** Where a secret is in a text (UTF-16 offsets) and its kind; never the value. */
export interface SecretSpan {
  start: number;
  end: number;
  kind: string;
}

/** A backslash escape (`\n`, `\"`, `\u0041`) or a percent-encoded byte (`%0A`). */
const ESCAPE = /\\(?:u[0-9A-Fa-f]{4}|[\s\S])|%[0-9A-Fa-f]{2}/g;

/**
 * `detectSecrets`, plus a second look at texts that embed escaped text (a JSON document
 * stored as an artifact, a URL-encoded body): there `\nsk-…` glues the key to the `n` of
 * the escape and a detector's word boundary no longer sees it. The second scan runs on
 * a copy where every escape is blanked to spaces of the same length, so its offsets are
 * the original's. Spans from both scans are merged.
 */
export function findSecretSpans(text: string): SecretSpan[] {
  let spans: SecretSpan[] = detectSecrets(text);
  if (text.indexOf('\\') !== -1 || text.indexOf('%') !== -1) {
    const view = text.replace(ESCAPE, (match) => ' '.repeat(match.length));
    if (view !== text) {
      const more = detectSecrets(view);
      if (more.length > 0) spans = mergeSpans([...spans, ...more]);
    }
  }
  if (spans.length > 0 && (text.includes('[SECRET:') || text.includes(REDACTED))) {
    spans = withoutMarkers(text, spans);
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

/** Sorted, non-overlapping union of spans (the first span's kind names a merged one). */
function mergeSpans(spans: SecretSpan[]): SecretSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last !== undefined && span.start < last.end) {
      if (span.end > last.end) last.end = span.end;
    } else {
      out.push({ start: span.start, end: span.end, kind: span.kind });
    }
  }
  return out;
}
