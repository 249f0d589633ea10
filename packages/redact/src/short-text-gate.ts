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
 * has some (anchors in any letter case when the detector says so). A text it does not
 * match cannot match a covered detector: every match of such a detector contains one of
 * its literals whole. Tried only on texts of at most {@link SHORT_TEXT_MAX_LENGTH}
 * characters, where it is cheap. Null when no detector has literals.
 */
export function shortTextGate(detectors: readonly Detector[]): ShortTextGate | null {
  const literals = new Set<string>();
  const anyCaseLiterals = new Set<string>();
  const covers = detectors.map((d) => {
    const folded = d.anchorsIgnoreCase === true;
    for (const anchor of d.anchors ?? []) {
      if (folded) anyCaseLiterals.add(anyCase(anchor));
      else literals.add(escapeLiteral(anchor));
    }
    for (const needle of d.needles ?? []) literals.add(escapeLiteral(needle));
    // Without literals there is nothing to look for: the gate never skips it.
    return (d.anchors?.length ?? 0) + (d.needles?.length ?? 0) > 0;
  });
  if (literals.size + anyCaseLiterals.size === 0) return null;
  // Any-case literals (`[Bb][Ee]…`) last: first among the alternatives they made the test
  // of a text that holds no literal ~15% slower; last, ~2% (V8, 2026-12-06).
  const pattern = new RegExp([...literals, ...anyCaseLiterals].join('|'));
  return { pattern, covers };
}

function escapeLiteral(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** `literal` as a pattern matching it in any ASCII letter case: `Bearer` gives `[Bb][Ee]…`. */
function anyCase(literal: string): string {
  return escapeLiteral(literal).replace(
    /[A-Za-z]/g,
    (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`,
  );
}
