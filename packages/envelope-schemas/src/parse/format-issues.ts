import type { z } from 'zod';
import type { SchemaProblem } from '../errors/schema-validation-error.js';

/** Keys longer than this are not quoted back: a field name is short, a pasted token is not. */
const MAX_QUOTED_KEY = 32;
/** From this length, a key that mixes digits and letters reads as a token, not a name. */
const TOKEN_SHAPED_FROM = 16;

/**
 * Whether a key is not to be quoted back: long, or shaped like a credential (`sk_live_…`
 * of 32 characters, an `AKIA…` key id of 20, a hex key). This package cannot run the
 * secret detectors (they depend on it), so it keeps to a shape no field name has.
 */
function mayBeSecret(key: string): boolean {
  if (key.length > MAX_QUOTED_KEY) return true;
  return key.length >= TOKEN_SHAPED_FROM && /[0-9]/.test(key) && /[A-Za-z]/.test(key);
}

/**
 * `['a', 0, 'b']` -> `$.a[0].b`; keys that are not identifiers are quoted, long or
 * token-shaped ones elided.
 */
export function toJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key !== 'string') out += '[<symbol>]';
    else if (mayBeSecret(key)) out += `[<key of ${key.length} characters>]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function describeChoices(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/**
 * Turns zod issues into plain sentences. The input value itself is never quoted back:
 * it may hold a secret, and the message may end up in a log.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const issue of issues) {
    const path = toJsonPath(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          problems.push({
            path: toJsonPath([...issue.path, key]),
            message: 'is not a field of this schema; remove it (unknown keys are rejected)',
          });
        }
        break;
      case 'invalid_type':
        problems.push({
          path,
          message:
            issue.input === undefined
              ? `is required (expected ${issue.expected})`
              : `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`,
        });
        break;
      case 'invalid_value':
        problems.push({
          path,
          message:
            issue.values.length === 1
              ? `must be ${describeChoices(issue.values)}`
              : `must be one of ${describeChoices(issue.values)}`,
        });
        break;
      case 'invalid_union':
        problems.push({
          path,
          message:
            (issue as { note?: string }).note === 'No matching discriminator'
              ? 'is not one of the allowed values for this field'
              : 'does not match any of the allowed forms',
        });
        break;
      case 'invalid_key':
        problems.push({
          path,
          message: `is not an allowed key: ${formatIssues(issue.issues)
            .map((p) => p.message)
            .join('; ')}`,
        });
        break;
      default:
        problems.push({ path, message: issue.message });
    }
  }
  return problems;
}
