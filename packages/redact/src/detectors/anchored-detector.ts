import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';
import { searchKey } from '../prefilter.js';
import { AnyCaseSearch } from './any-case-search.js';

/** What a detector whose matches start with one of a few literals needs. */
export interface AnchoredDetectorSpec {
  /** Detector name recorded in findings. */
  id: string;
  /** Finding type reported. */
  type: string;
  /** Secret kind reported. */
  kind?: string;
  /** Overlap priority (see `Detector.priority`). */
  priority: number;
  /** Literals every match starts with (`ghp_`, `AKIA`, ...). Found with `indexOf`. */
  anchors: readonly string[];
  /**
   * The anchors start a match in any ASCII letter case (an HTTP auth scheme: `Bearer`,
   * `BEARER`, `bEaReR`). They are then found with one case-insensitive regex instead of
   * `indexOf`, and the pattern should take them in any case too (its `i` flag).
   */
  anchorsIgnoreCase?: boolean;
  /**
   * The pattern, matched sticky at each anchor position; it must begin with the anchor.
   * Bounded repetition only. Flags are kept; `y` (and `d` with `groups`) are added.
   */
  pattern: RegExp;
  /** Characters that may not come right before the anchor (the match must start a token). */
  notAfter?: RegExp;
  /** Capture groups that may hold the span; the first that took part is reported. */
  groups?: readonly number[];
  /** Rejects a candidate (placeholder, checksum, context). */
  validate?: (value: string, text: string, start: number, end: number) => boolean;
  /**
   * For a value longer than the pattern's bounds (a 5,000-character bearer token, a JWT
   * with a large payload): called at an anchor where the pattern reported nothing, returns
   * the span of such a value, found with its own linear run, or undefined. The span is
   * validated like a match. Without it such a value would be cut short or missed whole.
   */
  overflow?: (text: string, at: number) => readonly [number, number] | undefined;
}

/**
 * A detector for matches that start with a known literal. `indexOf` finds the literal (a
 * vectorised search, far faster than a regex trying every position) and only there is the
 * pattern run, sticky. This is the prefilter that keeps the scan fast on long texts.
 */
export function anchoredDetector(spec: AnchoredDetectorSpec): Detector {
  const groups = spec.groups;
  let flags = spec.pattern.flags.replace(/[gyd]/g, '');
  flags += groups === undefined ? 'y' : 'yd';
  const re = new RegExp(spec.pattern.source, flags);
  const { id, type, kind, validate, anchors, notAfter, overflow } = spec;
  const ignoreCase = spec.anchorsIgnoreCase === true;
  // `indexOf` is fast when the first character it looks for is rare and slow when it is
  // common ('s' of `sk-`): search from the first character that is not a lower-case letter.
  const searches = anchors.map((anchor) => {
    const search = searchKey(anchor);
    return { anchor, k: anchor.length - search.length, search };
  });
  // Anchors in any case: one anchor is found from its rarest letter (`indexOf` of both
  // cases), several with one case-insensitive regex.
  const anyCase =
    ignoreCase && anchors.length > 1
      ? new RegExp(anchors.map((a) => a.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|'), 'gi')
      : undefined;
  const oneAnyCase =
    ignoreCase && anchors.length === 1 ? new AnyCaseSearch(anchors[0]!) : undefined;

  /** Findings of the anchor at `at` into `out`; returns where the next anchor may start. */
  function candidate(text: string, at: number, out: Finding[]): number {
    let next = at + 1;
    if (at > 0 && notAfter !== undefined && notAfter.test(text[at - 1]!)) return next;
    re.lastIndex = at;
    const m = re.exec(text);
    let found = false;
    if (m !== null) {
      let start = at;
      let end = at + m[0].length;
      if (groups !== undefined) {
        start = -1;
        for (const g of groups) {
          const span = m.indices?.[g];
          if (span !== undefined) {
            start = span[0];
            end = span[1];
            break;
          }
        }
      }
      if (
        start >= 0 &&
        end > start &&
        (validate === undefined || validate(text.slice(start, end), text, start, end))
      ) {
        const f: Finding = { type, start, end, detector: id };
        if (kind !== undefined) f.kind = kind;
        out.push(f);
        next = Math.max(next, at + m[0].length);
        found = true;
      }
    }
    const long = found || overflow === undefined ? undefined : overflow(text, at);
    if (long !== undefined) {
      const [start, end] = long;
      if (validate === undefined || validate(text.slice(start, end), text, start, end)) {
        const f: Finding = { type, start, end, detector: id };
        if (kind !== undefined) f.kind = kind;
        out.push(f);
        next = Math.max(next, end);
      }
    }
    return next;
  }

  return {
    id,
    type,
    ...(kind === undefined ? {} : { kind }),
    priority: spec.priority,
    // No `needles`: the scan's own `indexOf` is the prefilter; a second `includes` pass
    // over the text would only repeat it. `anchors` lets a scan skip it on a short text.
    anchors,
    ...(ignoreCase ? { anchorsIgnoreCase: true } : {}),
    scan(text: string, out: Finding[]): void {
      if (oneAnyCase !== undefined) {
        oneAnyCase.start(text);
        let at = oneAnyCase.next(0);
        while (at >= 0) at = oneAnyCase.next(candidate(text, at, out));
        return;
      }
      if (anyCase !== undefined) {
        anyCase.lastIndex = 0;
        let m = anyCase.exec(text);
        while (m !== null) {
          anyCase.lastIndex = candidate(text, m.index, out);
          m = anyCase.exec(text);
        }
        return;
      }
      for (const { anchor, k, search } of searches) {
        let hit = text.indexOf(search, k);
        while (hit >= 0) {
          const at = hit - k;
          const next = k === 0 || text.startsWith(anchor, at) ? candidate(text, at, out) : at + 1;
          hit = text.indexOf(search, next + k);
        }
      }
    },
  };
}
