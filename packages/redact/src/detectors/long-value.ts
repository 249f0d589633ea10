/**
 * Spans of values longer than a pattern's bounds. Patterns keep bounded repetition (one
 * match costs at most its bound), and a value that runs past the bound is measured here
 * with a sticky `[class]*`: one character class and nothing after it, so no backtracking,
 * and the scan resumes past the value, so each character is read a bounded number of times.
 */

/** End of the run `run` (a sticky `[class]*`) starting at `from`. */
export function runEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  run.test(text);
  return run.lastIndex;
}

/**
 * An `overflow` for an anchored detector whose value follows a fixed head: `head` (sticky)
 * matched at the anchor, then the value is the run of `run` after it, taken when longer
 * than `bound` (the pattern's own limit; shorter values are the pattern's to judge).
 */
export function longValueAfter(
  head: RegExp,
  run: RegExp,
  bound: number,
): (text: string, at: number) => readonly [number, number] | undefined {
  return (text, at) => {
    head.lastIndex = at;
    if (!head.test(text)) return undefined;
    const start = head.lastIndex;
    const end = runEnd(run, text, start);
    return end - start > bound ? [start, end] : undefined;
  };
}
