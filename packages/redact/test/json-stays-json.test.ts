import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');

// A credential value holding an escaped quote was cut on the escaping backslash when the
// whole value was no secret (it holds spaces) but its start was: the placeholder closed
// the string early, the JSON broke and the tail after the quote stayed in clear.
describe('a JSON credential value holding an escaped quote', () => {
  it.each([
    [
      { event: 'login_failed', user: 'admin', password: join('admin123', '" OR "1"="1') },
      '{"event":"login_failed","user":"admin","password":"[SECRET_1]"}',
    ],
    [{ password: join('Pa55w0rd', '"with quote inside and spaces') }, '{"password":"[SECRET_1]"}'],
    [{ client_secret: join('Zq8Xw7Vu6Ts5', '"Rq4 Po3Nm2') }, '{"client_secret":"[SECRET_1]"}'],
    [
      { password: join('admin123', '" OR "1"="1'), note: 'second field' },
      '{"password":"[SECRET_1]","note":"second field"}',
    ],
  ])('is replaced whole: %j', (record, expected) => {
    const text = JSON.stringify(record);
    const out = createRedactor().redactText(text).text;
    expect(out).toBe(expected);
    expect(() => JSON.parse(out)).not.toThrow();
    expect(detectSecrets(text)).toHaveLength(1);
  });

  it('in code, the whole string too', () => {
    const out = createRedactor().redactText(`password = "${join('admin123', '\\" OR 1=1')}";`).text;
    expect(out).toBe('password = "[SECRET_1]";');
  });
});

/** Pieces of values: secrets, words, spaces, quotes, backslashes, escapes' letters. */
const piece = fc.constantFrom(
  join('Tr0ub4dor', '&3x'),
  join('admin', '123'),
  join('Zq8Xw7', 'Vu6Ts5'),
  'hello',
  ' ',
  ' OR ',
  '"',
  '\\',
  "'",
  '=',
  '1',
  'n',
  ':',
  ',',
  '}',
  'C:\\dir\\',
);
const value = fc.array(piece, { minLength: 1, maxLength: 8 }).map((ps) => ps.join(''));
const key = fc.constantFrom(
  'password',
  'token',
  'api_key',
  'client_secret',
  'db_pass',
  'note',
  'user',
  'secret"key',
  'pw\\d',
);
const record = fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 });

describe('property: JSON with credential members stays JSON through redactText', () => {
  const r = createRedactor();
  it('one layer and JSON inside a JSON string, compact and indented', () => {
    fc.assert(
      fc.property(record, fc.boolean(), fc.boolean(), (rec, nested, indent) => {
        let text = JSON.stringify(rec, null, indent ? 2 : 0);
        if (nested) text = JSON.stringify({ body: text });
        const out = r.redactText(text).text;
        const parsed = JSON.parse(out);
        if (nested) JSON.parse(parsed.body);
      }),
      { numRuns: 3000 },
    );
  });
});
