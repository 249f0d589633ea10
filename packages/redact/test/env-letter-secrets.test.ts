import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { spans } from './helpers/spans.js';

// A secret of letters only on an env line (`JWT_SECRET=<24+ letters, both cases>`) passed
// in clear when it read as words (a passphrase of capitalised words) or lacked two
// capitals side by side: the letters-only rule is made for code, where such a value is an
// identifier. On an env line under a credential name it is the secret. Values are built
// at runtime.
const rng = createPrng(20261207);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Random letters of both cases with no two capitals side by side. */
function lettersWithoutCapitalPairs(n: number): string {
  for (;;) {
    const v = rng.chars(LETTERS, n);
    if (!/[A-Z]{2}/.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v)) return v;
  }
}
const random = lettersWithoutCapitalPairs(32);
const passphrase = ['Purple', 'Monkey', 'Dishwasher', 'Quantum', 'Lantern'].join('');

describe('a letters-only secret on an env line', () => {
  it.each([
    ['JWT_SECRET', `JWT_SECRET=${random}`, random],
    ['a passphrase', `SESSION_SECRET=${passphrase}`, passphrase],
    ['exported', `export NEXTAUTH_SECRET=${passphrase}`, passphrase],
    ['readonly', `readonly JWT_SECRET=${passphrase}`, passphrase],
    ['declared with flags', `declare -rx JWT_SECRET=${random}`, random],
    ['typeset', `typeset -x SESSION_SECRET=${passphrase}`, passphrase],
    ['local, in a function', `f() {\n  local JWT_SECRET=${random}\n}`, random],
    ['quoted', `JWT_SECRET="${random}"`, random],
    ['its YAML form', `  CLIENT_SECRET: ${passphrase}\n  PORT: 8080`, passphrase],
    ['a password', `DB_PASSWORD=${passphrase}`, passphrase],
  ])('%s', (_, text, value) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['23 letters', `JWT_SECRET=${passphrase.slice(0, 23)}`],
    ['one letter case', `JWT_SECRET=${passphrase.toLowerCase()}`],
    ['code, not an env line', `const jwtSecret = ${passphrase};`],
    ['a YAML key in camelCase', `jwtSecret: ${passphrase}`],
    ['a placeholder', 'JWT_SECRET=ReplaceWithYourOwnJwtSecretValue'],
    ['a placeholder word', 'JWT_SECRET=ChangeMeBeforeGoingToProduction'],
    ['a weak name', `SORT_KEY=${passphrase}`],
    ['flags after another command', `echo -x JWT_SECRET=${passphrase}`],
    ['a lead word not first on its line', `run readonly JWT_SECRET=${passphrase}`],
  ])('leaves %s alone', (_, text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
