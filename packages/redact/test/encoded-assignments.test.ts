import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
const pw = join('Str0ng', 'P4ss');

/** The findings' texts. */
function spans(text: string): string[] {
  return detectSecrets(text).map((f) => text.slice(f.start, f.end));
}

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

describe('encoded queries stay linear', () => {
  // Each value after `%3D` was first run to the next blank, then cut at `%26`: a megabyte
  // of encoded parameters took seconds. Read to the `%26` itself: ~0.1 s.
  const size = 1_000_000;
  const rep = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  it.each([
    ['password%3D…%26…', rep(join('password%3D', pw, '%26'))],
    ['%3D%3D…', rep('%3D')],
    ['pwd%3Dpwd%3D…', rep('pwd%3D')],
  ])('%s (1 MB)', (_name, text) => {
    const start = performance.now();
    detectSecrets(text);
    expect(performance.now() - start).toBeLessThan(1_500);
  });
});
