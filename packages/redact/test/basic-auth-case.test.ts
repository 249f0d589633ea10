import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// RFC 7235: an auth scheme is case-insensitive. `Bearer` was taken in any case, `Basic`
// only as `Basic`, `basic` or `BASIC`: `BaSiC <credentials>` passed in clear.
const rng = createPrng(20261206);
const credentials = Buffer.from(`alice:${rng.chars(BASE62, 12)}!`).toString('base64');

describe('the Basic scheme in any letter case', () => {
  it.each(['Basic', 'basic', 'BASIC', 'BaSiC', 'bAsIc', 'BAsic'])('%s', (scheme) => {
    for (const text of [
      `Authorization: ${scheme} ${credentials}`,
      `{"authorization":"${scheme} ${credentials}"}`,
    ]) {
      const found = detectSecrets(text);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ kind: 'basic_auth', detector: 'basic-auth-header' });
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(credentials);
      expect(createRedactor().redactText(text).text).not.toContain(credentials);
    }
  });

  it('still needs base64 of user:password after it', () => {
    expect(detectSecrets('BaSiC instructions follow here')).toEqual([]);
    expect(detectSecrets(`bAsIc ${Buffer.from('no colon here').toString('base64')}`)).toEqual([]);
  });
});
