import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// The value of an HTML password field (`<input type="password" value="…">`) passed in
// clear: `value` names no credential. Values are generated.
const rng = createPrng(20261221);
const value = `${rng.chars(BASE62, 13)}8m`;

describe('the value of an HTML password input', () => {
  it.each([
    ['type before value', `<input type="password" value="${value}">`],
    ['value before type, single quotes', `<input name='login' value='${value}' type='password'/>`],
    ['capitals, type unquoted', `<INPUT TYPE=PASSWORD NAME=pw VALUE="${value}">`],
    ['an unquoted value, over lines', `<input\n  type="password"\n  value=${value}\n>`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['a text input', `<input type="text" value="${value}">`],
    ['a password type in another tag', `<input value="${value}"><input type="password">`],
    ['a data-type attribute', `<input data-type="password" value="${value}">`],
    ['an empty value', '<input type="password" value="">'],
    ['a template', '<input type="password" value="{{ form.password }}">'],
    ['masking dots', '<input type="password" value="********">'],
    ['a word', '<input type="password" value="password">'],
    ['a type like password-strength', `<input type="password-meter" value="${value}">`],
    ['prose', 'Use an <input type="password"> field; its value is never logged.'],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => '<input '.repeat(n / 7), detectSecrets, 1_000_000);
    expectLinearTime((n) => '<input type=password '.repeat(n / 21), detectSecrets, 1_000_000);
  });
});
