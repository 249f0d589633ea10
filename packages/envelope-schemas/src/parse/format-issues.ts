import type { z } from 'zod';
import type { SchemaProblem } from '../errors/schema-validation-error.js';
import { isQuotableKey } from './quotable-key.js';

/**
 * `['a', 0, 'b']` -> `$.a[0].b`; keys that are not identifiers are quoted, and keys not
 * shaped like a field name (see `isQuotableKey`) elided to their length.
 */
export function toJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key !== 'string') out += '[<symbol>]';
    else if (!isQuotableKey(key)) out += `[<key of ${key.length} characters>]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** How a problem names an expected type (`int` reads as "an integer"). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  array: 'an array',
  int: 'an integer',
  object: 'an object',
};

/** Whether a schema gave the issue its own sentence (zod's defaults start "Invalid input"). */
function hasOwnMessage(message: string): boolean {
  return !message.startsWith('Invalid input');
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
              : hasOwnMessage(issue.message)
                ? issue.message
                : `must be ${TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`}`,
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
