import type { Detector } from '../detector.js';
import type { Finding } from '../finding.js';
import { runEnd } from './long-value.js';

/** What a detector built from one regular expression needs. */
export interface RegexDetectorSpec {
  /** Detector name recorded in findings. */
  id: string;
  /** Finding type reported. */
  type: string;
  /** Secret kind reported, for `secret` findings. */
  kind?: string;
  /** Overlap priority (see `Detector.priority`). */
  priority: number;
  /** Prefilter substrings (see `Detector.needles`). */
  needles?: readonly string[];
  /**
   * The pattern. Must run in linear time: bounded repetition, no nested quantifiers that
   * can backtrack. Flags are kept; `g` (and `d` when groups are used) are added.
   */
  pattern: RegExp;
  /**
   * Capture groups that may hold the sensitive span; the first that participated is
   * reported. Absent: the whole match is the span (so prefixes like `password=` can stay).
   */
  groups?: readonly number[];
  /**
   * Rejects a candidate (checksum, placeholder, context). Gets the span's value and its
   * position, so it can look at the surrounding text.
   */
  validate?: (value: string, text: string, start: number, end: number) => boolean;
  /**
   * A value that may run past its group's bound: when `group` is the one reported, its
   * end is moved to the end of `run` (a sticky `[class]*`, see `long-value.ts`) and the
   * scan resumes there. Without it the tail of an over-long value stays in clear.
   */
  extend?: { group: number; run: RegExp };
}

/**
 * Builds a detector from a regular expression. The regex is compiled once here; scans
 * reuse it (JS is single-threaded and `scan` is synchronous, so `lastIndex` is safe).
 */
export function regexDetector(spec: RegexDetectorSpec): Detector {
  const groups = spec.groups;
  let flags = spec.pattern.flags.replace(/[gyd]/g, '');
  flags += groups === undefined ? 'g' : 'gd';
  const re = new RegExp(spec.pattern.source, flags);
  const { id, type, kind, validate, extend } = spec;
  return {
    id,
    type,
    ...(kind === undefined ? {} : { kind }),
    priority: spec.priority,
    ...(spec.needles === undefined ? {} : { needles: spec.needles }),
    scan(text: string, out: Finding[]): void {
      re.lastIndex = 0;
      let m = re.exec(text);
      while (m !== null) {
        let start = m.index;
        let end = start + m[0].length;
        if (end === start) re.lastIndex++;
        if (groups !== undefined) {
          const indices = m.indices;
          start = -1;
          for (const g of groups) {
            const span = indices?.[g];
            if (span !== undefined) {
              start = span[0];
              end = span[1];
              if (extend !== undefined && g === extend.group) {
                end = runEnd(extend.run, text, end);
                if (end > re.lastIndex) re.lastIndex = end;
              }
              break;
            }
          }
        }
        if (start >= 0 && end > start) {
          const value = text.slice(start, end);
          if (validate === undefined || validate(value, text, start, end)) {
            const f: Finding = { type, start, end, detector: id };
            if (kind !== undefined) f.kind = kind;
            out.push(f);
          }
        }
        m = re.exec(text);
      }
    },
  };
}
