import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';

// An unquoted value stops at `>` and blanks, not at `<` or `/` (passwords hold them), so a
// value written as the text of an element ran into its closing tag: `password=…</p><p>`
// came out as `password=[SECRET_1]><p>`, the markup broken; and a value of letters and
// digits ending in `</password` read as a generic type (`Foo<`) and stayed in clear.

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
const withSymbol = join('9Xq!', 'vL2mZ');
const lettersAndDigits = join('Xq9vL2', 'mZ7pW');

/** The redacted text, placeholders unnumbered. */
const masked = (text: string) =>
  createRedactor()
    .redactText(text)
    .text.replace(/\[SECRET_\d+\]/g, '[SECRET]');

describe('a bare credential value before markup', () => {
  it.each([
    [
      'a closing tag',
      `<p>password=${withSymbol}</p><p>user=bob</p>`,
      '<p>password=[SECRET]</p><p>user=bob</p>',
    ],
    [
      'its own closing tag',
      `password=${withSymbol}</password><user>bob</user>`,
      'password=[SECRET]</password><user>bob</user>',
    ],
    [
      'after a colon, in a table cell',
      `<td>token: ${withSymbol}</td><td>bob</td>`,
      '<td>token: [SECRET]</td><td>bob</td>',
    ],
    [
      'an opening tag',
      `<p>password=${withSymbol}<br>user=bob</p>`,
      '<p>password=[SECRET]<br>user=bob</p>',
    ],
    ['an empty tag', `<p>password=${withSymbol}<br/>user</p>`, '<p>password=[SECRET]<br/>user</p>'],
    [
      'the end of a self-closing tag',
      `<input password=${withSymbol}/>`,
      '<input password=[SECRET]/>',
    ],
    [
      'a closing tag broken by a line',
      `<p>api_key=${withSymbol}</p\n>`,
      '<p>api_key=[SECRET]</p\n>',
    ],
    [
      'a closing tag escaped in JSON',
      JSON.stringify({ html: `<p>password=${withSymbol}</p>` }).replace('</', '<\\/'),
      '{"html":"<p>password=[SECRET]<\\/p>"}',
    ],
  ])('%s: only the value is masked', (_, text, expected) => {
    expect(masked(text)).toBe(expected);
  });

  it('a value of letters and digits before its closing tag is found', () => {
    for (const text of [
      `<entry>password=${lettersAndDigits}</entry><user>bob</user>`,
      `password=${lettersAndDigits}</password>`,
    ]) {
      const found = detectSecrets(text);
      expect(
        found.map((f) => text.slice(f.start, f.end)),
        text,
      ).toEqual([lettersAndDigits]);
    }
  });

  it('a `<` inside the value is kept in it', () => {
    for (const value of [join('9Xq!v<L2', 'mZ'), join('9Xq!v</L2', 'mZ')]) {
      const text = `password=${value} next`;
      const found = detectSecrets(text);
      expect(
        found.map((f) => text.slice(f.start, f.end)),
        text,
      ).toEqual([value]);
    }
  });

  it('redacting twice changes nothing more', () => {
    const once = masked(`<p>password=${withSymbol}</p><p>user=bob</p>`);
    expect(masked(once)).toBe(once);
  });
});
