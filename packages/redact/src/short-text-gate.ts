import type { Detector } from './detector.js';

/**
 * Longest text the gate is tried on. Its cost grows with the text (~3.5 ns a character)
 * while a detector's own search costs about the same from 1 to 200 characters: under 64
 * characters the gate is 2-7x cheaper than the searches it saves (measured on ids, hex
 * and prose), and the strings a ledger meets for the first time in each record (request
 * ids, hashes) are that short.
 */
export const SHORT_TEXT_MAX_LENGTH = 64;

/** Detectors whose literals one combined test covers. */
export interface ShortTextGate {
  /** Matches wherever any covered detector's anchor or needle occurs. */
  readonly pattern: RegExp;
  /** Per detector (same index): whether `pattern` covers it. */
  readonly covers: readonly boolean[];
}

/**
 * One regular expression that finds any literal (anchor or needle) of any detector that
 * has some. A text it does not match cannot match a covered detector: every match of such
 * a detector contains one of its literals whole. Tried only on texts of at most
 * {@link SHORT_TEXT_MAX_LENGTH} characters, where it is cheap. Null when no detector has
 * literals.
 */
export function shortTextGate(detectors: readonly Detector[]): ShortTextGate | null {
  const literals = new Set<string>();
  const covers = detectors.map((d) => {
    const own = [...(d.anchors ?? []), ...(d.needles ?? [])];
    for (const literal of own) literals.add(literal);
    // Without literals there is nothing to look for: the gate never skips it.
    return own.length > 0;
  });
  if (literals.size === 0) return null;
  const pattern = new RegExp([...literals].map(escapeLiteral).join('|'));
  return { pattern, covers };
}

function escapeLiteral(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
