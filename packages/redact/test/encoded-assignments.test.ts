import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
const pw = join('Str0ng', 'P4ss');

// A query or form body carried inside another one (a `redirect=` or `state=` parameter, a
// logged request body) has its `=`, `&` and `?` percent-encoded: `password%3D…` was no
// assignment at all, and the password went in clear.
describe('credentials in percent-encoded queries and forms', () => {
  it('an encoded `=` after a credential name separates key and value', () => {
    const text = `https://app.example/login?next=%2Fhome%3Fpassword%3D${pw}%26lang%3Den`;
    expect(spans(text)).toEqual([pw]);
    expect(createRedactor().redactText(text).text).toBe(
      'https://app.example/login?next=%2Fhome%3Fpassword%3D[SECRET_1]%26lang%3Den',
    );
  });

  it('in lower case, first in the encoded query, and at the end of the text', () => {
    expect(spans(`state=api_key%3d${pw}`)).toEqual([pw]);
    expect(spans(`q=user%3Dbob%26pwd%3D${pw}`)).toEqual([pw]);
  });

  it('an encoded `=` inside the value is part of it (already so)', () => {
    const padded = join('abc', 'XyZ9%3D%3D');
    expect(spans(`pwd=${padded}`)).toEqual([padded]);
    expect(spans(`?user=bob&password=${join('Str0', '%3DP4ss')}&x=1`)).toEqual([
      join('Str0', '%3DP4ss'),
    ]);
  });

  it('encoded separators after other names, and words, stay as they are', () => {
    for (const text of [
      'https://example.com/?next=%2Fsearch%3Fq%3Dpassword%26page%3D2',
      'redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fmode%3Dtoken',
      'filter=name%3Dsecret',
      'next=%2Freset%3Fpassword%3D',
      'a%3Dpassword%3Dtest',
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });
});

// A query inside a query inside a URL is encoded twice (`%253D` for `=`, `%2526` for `&`):
// an OAuth or SSO redirect chain. The encoded `=` was read only once encoded.
describe('credentials in queries encoded twice', () => {
  it('a twice-encoded `=` after a credential name separates key and value', () => {
    const text = `https://sso.example/a?next=%252Fhome%253Fpassword%253D${pw}%2526lang%253Den`;
    expect(spans(text)).toEqual([pw]);
    expect(createRedactor().redactText(text).text).toBe(
      'https://sso.example/a?next=%252Fhome%253Fpassword%253D[SECRET_1]%2526lang%253Den',
    );
  });

  it('in lower case, after a short name, and encoded three times', () => {
    expect(spans(`r=%252Fcb%253Fpwd%253d${pw}`)).toEqual([pw]);
    expect(spans(`r=%25253Ftoken%25253D${pw}%252526x%25253D1`)).toEqual([pw]);
  });

  it('a short name right after an escape, encoded once too', () => {
    expect(spans(`r=%2Fcb%3Fpwd%3D${pw}`)).toEqual([pw]);
  });

  it('a space encoded at the wrong depth keeps the password whole', () => {
    const spaced = join('Str0ng', '%20', 'P4ss');
    expect(spans(`r=%2Fcb%3Fpassword%3D${spaced}%26x%3D1`)).toEqual([spaced]);
  });

  it('the value ends at a once-encoded `&` too', () => {
    expect(spans(`a=%2Fcb%3Fnext%3D%252Fx%253Fpassword%253D${pw}%26lang%3Den`)).toEqual([pw]);
  });

  it('other names and placeholders stay as they are', () => {
    for (const text of [
      'next=%252Fsearch%253Fq%253Dpassword%2526page%253D2',
      'next=%252Freset%253Fpassword%253D',
      'r=%253Ftoken%253D%257B%257Btoken%257D%257D',
      join('r=%3Fpassword%3D%24', '%7BDB_PASSWORD%7D'),
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });
});

describe('encoded queries stay linear', () => {
  // Each value after `%3D` was first run to the next blank, then cut at `%26`: a megabyte
  // of encoded parameters took seconds. Read to the `%26` itself: ~0.1 s.
  const size = 1_000_000;
  const rep = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  it.each([
    ['password%3D…%26…', rep(join('password%3D', pw, '%26'))],
    ['%3D%3D…', rep('%3D')],
    ['pwd%3Dpwd%3D…', rep('pwd%3D')],
    ['%25%25%25…', rep('%25')],
    ['pwd%253D%25253D…', rep('pwd%253D%25253D')],
    ['password%253D…%2526…', rep(join('password%253D', pw, '%2526'))],
  ])('%s (1 MB)', (_name, make) => {
    expectLinearTime(make, detectSecrets, size);
  });
});
