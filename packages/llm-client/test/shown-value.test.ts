import { describe, expect, it } from 'vitest';
import { shownValue } from '../src/shown-value.js';
import { testApiKey } from './helpers/test-api-key.js';

describe('shownValue shows a wrong option value without hiding its type', () => {
  it.each([
    ['100', '"100" (a string)'],
    ['Chat', '"Chat" (a string)'],
    ['', '"" (a string)'],
    [100, '100 (a number)'],
    [Number.NaN, 'NaN (a number)'],
    [-5, '-5 (a number)'],
    [true, 'true (a boolean)'],
    [7n, '7n (a bigint)'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'an array'],
    [{ a: 1 }, 'an object'],
  ])('%s is shown as %s', (value, shown) => {
    expect(shownValue(value)).toBe(shown);
  });

  it('names a key pasted into the wrong option by its length only', () => {
    const key = testApiKey('v');
    expect(shownValue(key)).toBe(`a string of ${key.length} characters`);
  });
});
