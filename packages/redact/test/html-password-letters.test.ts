import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { spans } from './helpers/spans.js';

// The value of an HTML password field made of letters only (`value="hunter"`) passed in
// clear: it was judged as an assignment's value, where a word is code or prose. In a
// password field a word is what was typed, so letters alone are taken there now.

describe('a letters-only value of an HTML password input', () => {
  it.each([
    ['a lower-case word', '<input type="password" value="hunter">', 'hunter'],
    ['value first, single quotes', "<input value='Raspberry' type='password'>", 'Raspberry'],
    ['unquoted, in capitals', '<INPUT TYPE=PASSWORD VALUE=SWORDFISH>', 'SWORDFISH'],
    ['letters of another script', '<input type="password" value="пароличек">', 'пароличек'],
  ])('%s', (_, text, value) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['a credential word', '<input type="password" value="Password">'],
    ['a credential word in capitals', '<input type="password" value="SECRET">'],
    ['a placeholder word', '<input type="password" value="changeme">'],
    ['one repeated letter', '<input type="password" value="xxxxxxxx">'],
    ['three letters', '<input type="password" value="abc">'],
    ['a React binding', '<input type="password" value={password}>'],
    ['a text input', '<input type="text" value="hunter">'],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });
});
