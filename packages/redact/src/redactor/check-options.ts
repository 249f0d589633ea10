import { PmError } from '@pm/envelope-schemas';
import { checkAllowList } from '../allow-list.js';
import { checkDetector } from '../detectors/host-detector.js';
import { checkStrings, invalidOption } from '../invalid-option.js';
import type { RedactorOptions } from './types.js';

/** The options `createRedactor` reads (`RedactorOptions`). */
const OPTION_NAMES: ReadonlySet<string> = new Set([
  'profile',
  'hashKey',
  'detectors',
  'allow',
  'hashFields',
  'dropFields',
  'maxDepth',
]);

/** A name worth quoting back: short and word-like (a pasted token or key is neither). */
const OPTION_SHAPED = /^[A-Za-z_][A-Za-z_-]{0,31}$/;

/**
 * A misspelt option (`dropField`, `hashkey`) would be ignored and its redaction silently
 * not done: refused instead. The name is quoted only when it looks like one.
 */
function unknownOption(name: string): PmError {
  const shown = OPTION_SHAPED.test(name) ? `"${name}"` : `of ${name.length} characters`;
  return new PmError(
    'INVALID_ARGUMENT',
    `createRedactor: unknown option ${shown}; the options are ${[...OPTION_NAMES].join(', ')}.`,
    { details: { option: OPTION_SHAPED.test(name) ? name : null } },
  );
}

/**
 * Throws `INVALID_ARGUMENT` naming the option unless `options` is an object whose
 * `detectors`, `allow`, `hashFields` and `dropFields` have the documented shapes. Done
 * before anything is compiled: a bad option used to surface as a TypeError from deep
 * inside (`null`, `dropFields: 5`, a string pattern), be spread into letters
 * (`hashFields: 'email'` hashed fields `e`, `m`, …), or be accepted and fail on the first
 * text (a detector without a `type`), or ignored when misspelt. `profile`, `hashKey` and `maxDepth` are checked
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
  for (const name of Object.keys(o)) {
    if (!OPTION_NAMES.has(name)) throw unknownOption(name);
  }
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
