import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { SYNTHETIC_GITHUB_TOKEN } from './corpus/fixtures.js';

const r = createRedactor();
const at = '@';

/** The text of each finding of `type`. */
function spans(text: string, type: string): string[] {
  return r.scan(text).flatMap((f) => (f.type === type ? [text.slice(f.start, f.end)] : []));
}

// Locale formatting (Intl.NumberFormat, French typography), word processors and PDFs put
// no-break spaces between digit groups; TSV puts tabs.
describe('numbers grouped with no-break spaces or tabs', () => {
  it.each([
    ['no-break space', '\u00a0'],
    ['figure space', '\u2007'],
    ['narrow no-break space', '\u202f'],
    ['tab', '\t'],
  ])('%s', (_name, sep) => {
    const card = ['4111', '1111', '1111', '1111'].join(sep);
    expect(spans(`card ${card} ok`, 'credit_card')).toEqual([card]);
    const phone = ['+33', '1', '23', '45', '67', '89'].join(sep);
    expect(spans(`tel ${phone} ok`, 'phone')).toEqual([phone]);
    const iban = ['GB82', 'WEST', '1234', '5698', '7654', '32'].join(sep);
    expect(spans(`IBAN ${iban} ok`, 'iban')).toEqual([iban]);
    const ssn = ['536', '22', '1234'].join(sep);
    expect(spans(`SSN ${ssn} ok`, 'ssn')).toEqual([ssn]);
  });

  it('hashes a no-break-spaced number like the plain one (normalised alike)', () => {
    const h = createRedactor({ profile: 'hashed-retail', hashKey: 'k'.repeat(32) });
    const a = h.redactText('IBAN GB82\u00a0WEST\u00a01234\u00a05698\u00a07654\u00a032').text;
    const b = h.redactText('IBAN GB82 WEST 1234 5698 7654 32').text;
    expect(a).toBe(b);
  });
});

// RFC 7617 charset="UTF-8": user names and passwords outside ASCII.
describe('Authorization: Basic with UTF-8 credentials', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  it.each([
    ['a non-ASCII password', `alice:P\u00e4ssw\u00f6rd-2024`],
    ['a non-ASCII user name', `j\u00fcrgen:S3cure!pw`],
  ])('%s', (_name, credential) => {
    const v = b64(credential);
    expect(detectSecrets(`Authorization: Basic ${v}`)).toEqual([
      expect.objectContaining({ kind: 'basic_auth' }),
    ]);
    expect(r.redactText(`Authorization: Basic ${v}`).text).not.toContain(v);
  });
  it('still rejects base64 that decodes to control characters or invalid UTF-8', () => {
    expect(detectSecrets(`Authorization: Basic ${b64('user:\u0001\u0002secret')}`)).toEqual([]);
    const invalid = Buffer.from([0x75, 0x3a, 0xff, 0xfe, 0x41, 0x42]).toString('base64');
    expect(detectSecrets(`Authorization: Basic ${invalid}`)).toEqual([]);
  });
});

// A zero-width character inside a token split it so no pattern matched.
describe('zero-width characters', () => {
  it.each([
    ['200B', '\u200b'],
    ['200C', '\u200c'],
    ['200D', '\u200d'],
    ['2060', '\u2060'],
    ['FEFF', '\ufeff'],
    ['00AD', '\u00ad'],
  ])('U+%s inside a GitHub token', (_code, zw) => {
    const t = `${SYNTHETIC_GITHUB_TOKEN.slice(0, 10)}${zw}${SYNTHETIC_GITHUB_TOKEN.slice(10)}`;
    const text = `token ${t} done`;
    const found = detectSecrets(text);
    expect(found).toEqual([
      expect.objectContaining({ kind: 'github', start: 6, end: 6 + t.length }),
    ]);
    const out = r.redactText(text).text;
    expect(out).toMatch(/^token \[SECRET_\d+\] done$/);
  });

  it('maps every span back to the original offsets, several zero-width characters included', () => {
    const mail = `bo\u200bb${at}exa\u200bmple.com`;
    const text = `\u200b\u200bmail ${mail}, card 4111\u200b 1111 1111 1111.`;
    const found = r.scan(text);
    expect(found.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['email', mail],
      ['credit_card', '4111\u200b 1111 1111 1111'],
    ]);
  });
});

// Addresses with non-ASCII letters (RFC 6531) and IDN domains.
describe('e-mail addresses with non-ASCII letters', () => {
  it('finds a non-ASCII local part and an IDN domain whole', () => {
    expect(spans(`mail j\u00fcrgen${at}m\u00fcller.de now`, 'email')).toEqual([
      `j\u00fcrgen${at}m\u00fcller.de`,
    ]);
    expect(spans(`mail j\u00fcrgen.schmidt${at}example.com`, 'email')).toEqual([
      `j\u00fcrgen.schmidt${at}example.com`,
    ]);
    expect(
      spans(`\u0438\u0432\u0430\u043d${at}\u043f\u043e\u0447\u0442\u0430.\u0440\u0444`, 'email'),
    ).toEqual([`\u0438\u0432\u0430\u043d${at}\u043f\u043e\u0447\u0442\u0430.\u0440\u0444`]);
  });
  it('does not take a sentence in a script written without spaces with the address', () => {
    expect(spans(`\u8bf7\u53d1\u5230bob${at}example.com\u8c22\u8c22`, 'email')).toEqual([
      `bob${at}example.com`,
    ]);
  });
});
