/** One labelled span of a corpus case, given by its value (located in `text` by search). */
export interface CorpusLabel {
  /** Finding type expected, e.g. `email` or `secret`. */
  type: string;
  /** Secret kind expected, for `secret`. */
  kind?: string;
  /** The exact sensitive span; must occur in `text`. */
  value: string;
}

/** A labelled text: every sensitive span in it is labelled; anything else found is a false positive. */
export interface CorpusCase {
  /** The text to scan. */
  text: string;
  /** Every sensitive span in the text (empty for a near-miss). */
  labels: CorpusLabel[];
  /** Where the case comes from: `generated: …` (seeded) or the public source it was taken from. */
  origin: string;
}
