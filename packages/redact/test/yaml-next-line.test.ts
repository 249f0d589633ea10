import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A YAML value on the line after its key, bare (a plain scalar) or as a block scalar
// (`password: |`), passed in clear: only a quoted value was read there. Values are generated.
const rng = createPrng(20261219);
const value = `${rng.chars(BASE62, 13)}7q`;

describe('a YAML value on the line after its key', () => {
  it.each([
    ['a plain scalar', `password:\n  ${value}`],
    ['a literal block scalar', `password: |\n  ${value}`],
    ['a folded block scalar, nested, CRLF', `db:\r\n  password: >-\r\n    ${value}\r\n  user: bob`],
    ['a list item key', `users:\n  - api_token:\n      ${value}\n    name: ci`],
    ['a quoted key', `"client_secret": |+\n  ${value}\n`],
    ['after an anchor', `password: &pw\n  ${value}\nother: *pw`],
    ['after the string tag and an anchor', `password: !!str &pw >-\n  ${value}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['a nested mapping', `password:\n  nested: ${value}`],
    ['a list', `secrets:\n  - ${value}`],
    ['a value not indented deeper than its key', `  password:\n  ${value}`],
    ['a multi-line scalar (prose or a certificate)', `password: |\n  ${value}\n  ${value}`],
    ['a Python block after a credential name', `if token:\n    counter+=1x`],
    ['a type on the next line', `password:\n    string`],
    ['a variable', `password:\n  \${DB_PASSWORD}`],
    ['a YAML tag', `password: !vault |\n  ${value}`],
    ['a YAML tag after an anchor', `password: &pw !Ref\n  ${value}`],
    ['prose after a colon', `Your new password:\n  is sent by mail.`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => 'password:\n'.repeat(n / 10), detectSecrets, 1_000_000);
    expectLinearTime((n) => `password: |\n ${'- '.repeat(n / 2)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'password: &a !!str\n'.repeat(n / 19), detectSecrets, 1_000_000);
  });
});
