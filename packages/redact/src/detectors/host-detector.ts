import type { Detector } from '../detector.js';
import { checkObject, checkStrings, invalidOption, isRegExp } from '../invalid-option.js';
import { regexDetector } from './regex-detector.js';

/**
 * A finding type: lowercase letters, digits and `_`, starting with a letter, as a
 * redaction profile names the types it maps to operators.
 */
const FINDING_TYPE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A detector a host adds without writing a scan: a pattern and a type. The pattern must
 * run in linear time (bounded repetition, no nested quantifiers); the host owns that.
 */
export interface HostDetectorSpec {
  /** Detector name recorded in findings, e.g. `customer-number`. */
  id: string;
  /** Finding type reported (lowercase letters, digits, `_`; a letter first), e.g. `customer_id` or `secret`. */
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

/** Number of capture groups of `pattern` (an empty alternative matches: the groups are all there). */
function captureGroups(pattern: RegExp): number {
  return new RegExp(`${pattern.source}|`).exec('')!.length - 1;
}

/**
 * Throws `INVALID_ARGUMENT` naming the field (`detectors[i].pattern`) unless `spec` is a
 * usable host detector: a full `Detector` (id, type, priority, a `scan` function) or a
 * spec with an id, a type of lowercase letters, digits and `_`, a RegExp (not a string:
 * its flags are the host's to choose), and a `group` the pattern has. Checked when the
 * redactor is created: a bad one used to throw a TypeError, or be accepted and fail on
 * the first text (no `type`), or never report anything (a group the pattern lacks).
 */
export function checkDetector(spec: unknown, option: string): void {
  const fix =
    'see HostDetectorSpec: { id, type, pattern: /…/, group?, priority?, needles?, validate? }.';
  checkObject(spec, option, 'a detector object', fix);
  if (typeof spec.id !== 'string' || spec.id === '') {
    throw invalidOption(
      `${option}.id`,
      'a non-empty string',
      spec.id,
      'name the detector, e.g. "customer-number".',
    );
  }
  if (typeof spec.type !== 'string' || !FINDING_TYPE.test(spec.type)) {
    throw invalidOption(
      `${option}.type`,
      'a lowercase letter, then up to 63 lowercase letters, digits and _',
      spec.type,
      typeof spec.type === 'string'
        ? `the one given (${spec.type.length} characters) has other characters; use e.g. "customer_id".`
        : 'e.g. "customer_id" or "secret".',
    );
  }
  if (spec.kind !== undefined && typeof spec.kind !== 'string') {
    throw invalidOption(
      `${option}.kind`,
      'a string',
      spec.kind,
      'leave it out unless type is "secret".',
    );
  }
  if (
    spec.priority !== undefined &&
    !(typeof spec.priority === 'number' && Number.isFinite(spec.priority))
  ) {
    throw invalidOption(
      `${option}.priority`,
      'a finite number',
      spec.priority,
      'leave it out for 90.',
    );
  }
  if (spec.needles !== undefined)
    checkStrings(spec.needles, `${option}.needles`, 'list literals every match contains.');
  if (typeof spec.scan === 'function') {
    if (spec.anchors !== undefined)
      checkStrings(spec.anchors, `${option}.anchors`, 'list literals every match starts with.');
    if (spec.anchorsIgnoreCase !== undefined && typeof spec.anchorsIgnoreCase !== 'boolean') {
      throw invalidOption(
        `${option}.anchorsIgnoreCase`,
        'a boolean',
        spec.anchorsIgnoreCase,
        'true when the anchors may be written in any letter case; leave it out otherwise.',
      );
    }
    if (typeof spec.priority !== 'number') {
      throw invalidOption(
        `${option}.priority`,
        'a finite number',
        spec.priority,
        'a full Detector sets its overlap priority.',
      );
    }
    return;
  }
  if (!isRegExp(spec.pattern)) {
    throw invalidOption(
      `${option}.pattern`,
      'a RegExp',
      spec.pattern,
      'pass a regular expression (e.g. /CUST-[0-9]{6}/, or new RegExp(text) built yourself), not a string.',
    );
  }
  if (spec.group !== undefined) {
    const groups = captureGroups(spec.pattern);
    if (
      typeof spec.group !== 'number' ||
      !Number.isInteger(spec.group) ||
      spec.group < 0 ||
      spec.group > groups
    ) {
      throw invalidOption(
        `${option}.group`,
        `a capture group of the pattern (an integer from 0 to ${groups})`,
        spec.group,
        'leave it out to report the whole match.',
      );
    }
  }
  if (spec.validate !== undefined && typeof spec.validate !== 'function') {
    throw invalidOption(
      `${option}.validate`,
      'a function',
      spec.validate,
      'pass (value) => boolean, or leave it out.',
    );
  }
}

/** Turns a host's detector (spec or full `Detector`) into a `Detector`; see `checkDetector`. */
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
