import { randomBytes } from 'node:crypto';

/**
 * A key-shaped test key, made at run time so no key-shaped literal sits in the repository
 * (CI scans every tracked file for secrets). Realistic shape, random body, valid nowhere.
 */
export function fakeApiKey(label = 'test'): string {
  return `sk-${label}-${randomBytes(18).toString('base64url')}`;
}
