import type { Finding } from './finding.js';

/**
 * A compiled detector. Built-in detectors and host detectors share this shape; the scan
 * runs each one whose prefilter says its pattern can match.
 */
export interface Detector {
  /** Name recorded in each finding's `detector` field, e.g. `email` or `github-token`. */
  readonly id: string;
  /** Finding type reported, e.g. `email` or `secret`. */
  readonly type: string;
  /** For secrets: the kind reported. */
  readonly kind?: string;
  /**
   * Wins overlaps: overlapping findings merge into one covering their union, labelled by
   * the winner: a credential (`secret`, `url_credentials`) over personal data, then the
   * higher priority (then the longer span).
   * Specific key formats (100) beat assignments (50), which beat loose shapes like phones.
   */
  readonly priority: number;
  /**
   * Literal substrings of which every match contains at least one (case-sensitive). When
   * none occurs in the text the detector is skipped without running its pattern. Absent:
   * always runs.
   */
  readonly needles?: readonly string[];
  /**
   * Literals every match starts with (case-sensitive) that `scan` searches for itself, so
   * they are no prefilter of their own; a scan of a short text skips the detector when
   * none occurs (see `shortTextGate`).
   */
  readonly anchors?: readonly string[];
  /**
   * True when `anchors` start a match in any ASCII letter case (`Bearer`, `BEARER`,
   * `bEaReR`: an HTTP auth scheme); the short-text gate then looks for them so.
   */
  readonly anchorsIgnoreCase?: boolean;
  /**
   * Other detector names this detector's findings may carry, with their priorities (the
   * generic assignment scan also reports AWS secret keys, found by their key name).
   */
  readonly alsoReports?: ReadonlyArray<{ id: string; priority: number }>;
  /** Appends the detector's findings in `text` to `out`, in any order. */
  scan(text: string, out: Finding[]): void;
}
