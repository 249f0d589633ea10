import { kindOf } from './kind-of.js';

/** A string this short and plain is a mistyped number or word, not a secret: it is quoted. */
const PLAIN_SHORT = /^[\w .:+-]{0,24}$/;

/**
 * A wrong option value as a message shows it: faithfully enough to see the mistake
 * (`"100" (a string)` for a number given as text, `NaN (a number)`, `null`), never more
 * than a short plain word of host text. A longer or unusual string (it may be a key pasted
 * into the wrong option) is named by its kind and length only; objects by their kind.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') {
    return PLAIN_SHORT.test(value)
      ? `${JSON.stringify(value)} (a string)`
      : `a string of ${value.length} characters`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${value} (${kindOf(value)})`;
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  return kindOf(value);
}
