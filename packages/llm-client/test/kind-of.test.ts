import { describe, expect, it } from 'vitest';
import { kindOf } from '../src/kind-of.js';

describe('kindOf words a value by its kind, with the right article', () => {
  it.each([
    [null, 'null'],
    [[1], 'an array'],
    [{ key: 'value' }, 'an object'],
    [undefined, 'undefined'],
    ['text', 'a string'],
    [7, 'a number'],
    [true, 'a boolean'],
    [() => 1, 'a function'],
    [7n, 'a bigint'],
  ])('%s is %s', (value, word) => {
    expect(kindOf(value)).toBe(word);
  });
});
