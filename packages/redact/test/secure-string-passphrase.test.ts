import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A passphrase with blanks given to `ConvertTo-SecureString -AsPlainText`, piped in
// (`"my secret pw" | ConvertTo-SecureString -AsPlainText`) or as its argument, passed in
// clear: the string was read as an argument, which holds no blank. Values are generated.
const rng = createPrng(20261228);
const words = ['tulip', 'granite', 'Orbit', 'velvet', 'quasar', 'ember'];
const phrase = `${rng.pick(words)} ${rng.pick(words)} ${rng.digits(2)} ${rng.pick(words)}`;

describe('a passphrase with blanks given to ConvertTo-SecureString -AsPlainText', () => {
  it.each([
    ['piped, double quotes', `"${phrase}" | ConvertTo-SecureString -AsPlainText -Force`],
    ['piped, assigned, single quotes', `$s = '${phrase}' | ConvertTo-SecureString -AsPlainText`],
    ['piped, the cmdlet on the next line', `"${phrase}" |\n  ConvertTo-SecureString -AsPlainText`],
    ['as the argument', `ConvertTo-SecureString "${phrase}" -AsPlainText -Force`],
    ['as -String', `ConvertTo-SecureString -String '${phrase}' -AsPlainText -Force`],
    ['words only', '"my secret pw" | ConvertTo-SecureString -AsPlainText -Force'],
  ])('%s', (_, text) => {
    const value = /["']([^"']+)["']/.exec(text)![1]!;
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['without -AsPlainText', `"${phrase}" | ConvertTo-SecureString -Key $key`],
    ['as the argument without -AsPlainText', `ConvertTo-SecureString "${phrase}" -Key $key`],
    ['a placeholder', '"<your password>" | ConvertTo-SecureString -AsPlainText -Force'],
    ['a credential word', '"my password" | ConvertTo-SecureString -AsPlainText -Force'],
    ['a prompt', '"Enter your password" | ConvertTo-SecureString -AsPlainText -Force'],
    ['an interpolated variable', '"pw $env:SUFFIX" | ConvertTo-SecureString -AsPlainText'],
    ['too short', '"a b" | ConvertTo-SecureString -AsPlainText'],
    ['another command before', `Get-Content "${phrase}.txt" | ConvertTo-SecureString -AsPlainText`],
    ['a string over lines', `"${phrase}\nmore" | ConvertTo-SecureString -AsPlainText`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime(
      (n) => `"${'a '.repeat(n / 2)}" | ConvertTo-SecureString -AsPlainText`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => '"a b c" | ConvertTo-SecureString '.repeat(n / 33),
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => 'ConvertTo-SecureString "a b c '.repeat(n / 30),
      detectSecrets,
      1_000_000,
    );
  });
});
