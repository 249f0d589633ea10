import { checkAllowList } from '../allow-list.js';
import { checkDetector } from '../detectors/host-detector.js';
import { checkStrings, invalidOption } from '../invalid-option.js';
import type { RedactorOptions } from './types.js';

/**
 * Throws `INVALID_ARGUMENT` naming the option unless `options` is an object whose
 * `detectors`, `allow`, `hashFields` and `dropFields` have the documented shapes. Done
 * before anything is compiled: a bad option used to surface as a TypeError from deep
 * inside (`null`, `dropFields: 5`, a string pattern), be spread into letters
 * (`hashFields: 'email'` hashed fields `e`, `m`, …), or be accepted and fail on the first
 * text (a detector without a `type`). `profile`, `hashKey` and `maxDepth` are checked
 * where they are resolved.
 */
export function checkOptions(options: unknown): asserts options is RedactorOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOption(
      'options',
      'an object',
      options,
      "pass e.g. { profile: 'homebrew' }, or nothing for the defaults.",
    );
  }
  const o = options as Record<string, unknown>;
  for (const name of ['hashFields', 'dropFields'] as const) {
    if (o[name] !== undefined) {
      checkStrings(o[name], name, `list field names, e.g. ${name}: ['email'].`);
    }
  }
  if (o.detectors !== undefined) {
    if (!Array.isArray(o.detectors)) {
      throw invalidOption(
        'detectors',
        'an array of detectors',
        o.detectors,
        'wrap a single detector in [ ].',
      );
    }
    o.detectors.forEach((d, i) => {
      checkDetector(d, `detectors[${i}]`);
    });
  }
  if (o.allow !== undefined) checkAllowList(o.allow);
}
