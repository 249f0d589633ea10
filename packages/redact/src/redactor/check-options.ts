import { checkAllowList } from '../allow-list.js';
import { checkDetector } from '../detectors/host-detector.js';
import { checkObject, checkStrings, invalidOption, unknownOption } from '../invalid-option.js';
import type { RedactorOptions } from './types.js';

/** The options `createRedactor` reads: typed, so an option added to `RedactorOptions` must be listed. */
const KNOWN_OPTIONS: Record<keyof RedactorOptions, true> = {
  profile: true,
  hashKey: true,
  detectors: true,
  allow: true,
  hashFields: true,
  dropFields: true,
  maxDepth: true,
};
const OPTION_NAMES = Object.keys(KNOWN_OPTIONS);

/**
 * Throws `INVALID_ARGUMENT` naming the option unless `options` is an object of known
 * options whose `detectors`, `allow`, `hashFields` and `dropFields` have the documented
 * shapes. Done before anything is compiled: a bad option used to surface as a TypeError
 * from deep inside (`null`, `dropFields: 5`, a string pattern), be spread into letters
 * (`hashFields: 'email'` hashed fields `e`, `m`, …), be accepted and fail on the first
 * text (a detector without a `type`), or be ignored when misspelt. `profile`, `hashKey`
 * and `maxDepth` are checked where they are resolved.
 */
export function checkOptions(options: unknown): asserts options is RedactorOptions {
  checkObject(
    options,
    'options',
    'an object',
    "pass e.g. { profile: 'homebrew' }, or nothing for the defaults.",
  );
  for (const name of Object.keys(options)) {
    if (!Object.hasOwn(KNOWN_OPTIONS, name))
      throw unknownOption('createRedactor', name, OPTION_NAMES);
  }
  for (const name of ['hashFields', 'dropFields'] as const) {
    if (options[name] !== undefined) {
      checkStrings(options[name], name, `list field names, e.g. ${name}: ['email'].`);
    }
  }
  if (options.detectors !== undefined) {
    if (!Array.isArray(options.detectors)) {
      throw invalidOption(
        'detectors',
        'an array of detectors',
        options.detectors,
        'wrap a single detector in [ ].',
      );
    }
    options.detectors.forEach((d, i) => {
      checkDetector(d, `detectors[${i}]`);
    });
  }
  if (options.allow !== undefined) checkAllowList(options.allow);
}
