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
  /**
   * The covered detectors a short text holding literals calls for: per detector (same
   * index), whether one of its literals occurs in `text`. Called after `pattern` matched.
   */
  readonly select: (text: string) => readonly boolean[];
  /** What `select` gives a text holding no literal: false for every detector. */
  readonly none: readonly boolean[];
}

/** One literal and the detector it belongs to. */
interface Literal {
  readonly text: string;
  readonly anyCase: boolean;
  readonly detector: number;
}

/** Distinct matched strings whose detectors are kept: the literals, in the cases texts write them. */
const MAX_CACHED = 512;

/**
 * One regular expression that finds any literal (anchor or needle) of any detector that
 * has some (anchors in any letter case when the detector says so). A text it does not
 * match cannot match a covered detector: every match of such a detector contains one of
 * its literals whole. Tried only on texts of at most {@link SHORT_TEXT_MAX_LENGTH}
 * characters, where it is cheap. Null when no detector has literals.
 *
 * A short text it matches runs only the covered detectors whose own literals it holds
 * (`select`): one common literal (`--`, `"-`, `:`) ran every detector, 0.7 -> 2.8 us
 * for a short id with `--` in it. They are found in one pass of a second expression, the
 * literals longest first, from every position (`lastIndex` one past each match, not past
 * its end, so overlapping literals are all seen): at each position it gives the longest
 * literal there, and the others starting there are its prefixes, so each literal a
 * matched string contains is counted as present.
 */
export function shortTextGate(detectors: readonly Detector[]): ShortTextGate | null {
  const literals = new Set<string>();
  const anyCaseLiterals = new Set<string>();
  const owned: Literal[] = [];
  const covers = detectors.map((d, detector) => {
    const folded = d.anchorsIgnoreCase === true;
    for (const anchor of d.anchors ?? []) {
      if (folded) anyCaseLiterals.add(anyCase(anchor));
      else literals.add(escapeLiteral(anchor));
      owned.push({ text: folded ? anchor.toLowerCase() : anchor, anyCase: folded, detector });
    }
    for (const needle of d.needles ?? []) {
      literals.add(escapeLiteral(needle));
      owned.push({ text: needle, anyCase: false, detector });
    }
    // Without literals there is nothing to look for: the gate never skips it.
    return (d.anchors?.length ?? 0) + (d.needles?.length ?? 0) > 0;
  });
  if (literals.size + anyCaseLiterals.size === 0) return null;
  // Any-case literals (`[Bb][Ee]…`) last: first among the alternatives they made the test
  // of a text that holds no literal ~15% slower; last, ~2% (V8, 2026-12-06).
  const pattern = new RegExp([...literals, ...anyCaseLiterals].join('|'));
  const longestFirst = [...owned].sort((a, b) => b.text.length - a.text.length);
  const find = new RegExp(
    [
      ...new Set(longestFirst.map((l) => (l.anyCase ? anyCase(l.text) : escapeLiteral(l.text)))),
    ].join('|'),
    'g',
  );
  const cache = new Map<string, readonly number[]>();
  /** The detectors a matched string holds a literal of (cached per string). */
  const detectorsIn = (hit: string): readonly number[] => {
    let found = cache.get(hit);
    if (found !== undefined) return found;
    const lower = hit.toLowerCase();
    found = [
      ...new Set(
        owned
          .filter((l) => (l.anyCase ? lower.includes(l.text) : hit.includes(l.text)))
          .map((l) => l.detector),
      ),
    ];
    if (cache.size < MAX_CACHED) cache.set(hit, found);
    return found;
  };
  const select = (text: string): boolean[] => {
    const run = new Array<boolean>(detectors.length).fill(false);
    find.lastIndex = 0;
    for (let m = find.exec(text); m !== null; m = find.exec(text)) {
      for (const detector of detectorsIn(m[0])) run[detector] = true;
      find.lastIndex = m.index + 1;
    }
    return run;
  };
  return { pattern, covers, select, none: detectors.map(() => false) };
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
