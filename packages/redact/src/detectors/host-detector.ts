import type { Detector } from '../detector.js';
import { regexDetector } from './regex-detector.js';

/**
 * A detector a host adds without writing a scan: a pattern and a type. The pattern must
 * run in linear time (bounded repetition, no nested quantifiers); the host owns that.
 */
export interface HostDetectorSpec {
  /** Detector name recorded in findings, e.g. `customer-number`. */
  id: string;
  /** Finding type reported (lowercase, digits, `_`), e.g. `customer_id` or `secret`. */
  type: string;
  /** Secret kind, when `type` is `secret`. */
  kind?: string;
  /** The pattern; `g` is added. Use capture group 1 to report only part of the match. */
  pattern: RegExp;
  /** Report only this capture group (e.g. `1`), not the whole match. */
  group?: number;
  /** Overlap priority; default 90, above the built-in loose shapes. */
  priority?: number;
  /** Prefilter literals (see `Detector.needles`). */
  needles?: readonly string[];
  /** Rejects a candidate; receives the value, which it must not keep. */
  validate?: (value: string) => boolean;
}

/** Turns a host's detector (spec or full `Detector`) into a `Detector`. */
export function toDetector(spec: HostDetectorSpec | Detector): Detector {
  if ('scan' in spec && typeof spec.scan === 'function') return spec;
  const s = spec as HostDetectorSpec;
  const validate = s.validate;
  return regexDetector({
    id: s.id,
    type: s.type,
    ...(s.kind === undefined ? {} : { kind: s.kind }),
    priority: s.priority ?? 90,
    ...(s.needles === undefined ? {} : { needles: s.needles }),
    pattern: s.pattern,
    ...(s.group === undefined ? {} : { groups: [s.group] }),
    ...(validate === undefined ? {} : { validate: (value: string) => validate(value) }),
  });
}
