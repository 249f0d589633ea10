import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { expectOnlySecret } from './helpers/spans.js';

// A password given in a sentence (`my password is …`), as people type it into a prompt or
// a ticket: no `=` or `:` for the assignment scan. Values are generated.
const rng = createPrng(20261207);
const mixed = `${rng.chars(BASE62, 9)}7q`;
const withSymbol = `${rng.chars('abcdefghijklmnopqrstuvwxyz', 6)}@home1`;
const digits = rng.digits(7);

describe('a password in prose', () => {
  it.each([
    [`my password is ${mixed}`, mixed],
    [`The password is ${withSymbol}.`, `${withSymbol}.`],
    [`PASSWORD IS ${mixed}`, mixed],
    [`the wifi password was ${mixed}, and the user is bob`, `${mixed},`],
    [`Password for bob was changed to ${withSymbol} today`, withSymbol],
    [`my Passwd is now ${mixed}`, mixed],
    [`the pwd is set to "${withSymbol}"`, withSymbol],
    [`your PassWord is \`${mixed}\``, mixed],
    [`DB_PASSWORD was ${mixed}`, mixed],
    [`password reset to ${mixed}`, mixed],
    [`the password is ${digits}`, digits],
    [`the password is (${mixed})`, `(${mixed})`],
    [`the password for the admin account is ${mixed}`, mixed],
    [`The password is: ${withSymbol}`, withSymbol],
    [`my passphrase is ${withSymbol}`, withSymbol],
    [`the PassPhrase was changed to "${mixed}"`, mixed],
    [`WIFI_PASSPHRASE is ${mixed}`, mixed],
    [`Your temporary password is:\n\n    ${mixed}\n\nChange it.`, mixed],
    [`password was set to:\r\n${withSymbol}`, withSymbol],
    [`log in as admin with the temporary password ${mixed} and change it`, mixed],
    [`Use password ${withSymbol}.`, `${withSymbol}.`],
  ])('%j', expectOnlySecret);

  it.each([
    'the password is incorrect',
    'your password is at least 12 characters long',
    'The password is stored in Vault.',
    'Password is required.',
    'the password is $DB_PASSWORD',
    'the password is <password>',
    'the password is SHA256-hashed',
    'the password is process.env.DB_PASSWORD',
    'the pwd is /home/bob',
    'the password is 2024',
    'the password is 000000',
    'bypass is abc123x9',
    'passport is X1234567',
    'throw new Error("a password was supplied.");',
    'printf(&quot;Password is incorrect.&quot;);',
    'the password for the admin account is stored in Vault',
    'the passphrase is: required',
    'the password for this is not set',
    'passphrases is abc123x9',
    'The password is:\n- at least 12 characters\n- not a word',
    'Your password is:\n\nrequired',
    'log in with password authentication',
    'use password-based login',
    'using password changeme',
    `the password ${mixed}`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated leads and long values', () => {
    expectLinearTime((n) => 'password is '.repeat(n / 12), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'password for bob '.repeat(n / 17), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'passphrase for a b c '.repeat(n / 21), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'password is:\n\n'.repeat(n / 14), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'with the new password '.repeat(n / 22), detectSecrets, 1_000_000);
    expectLinearTime((n) => `password is ${'.'.repeat(n)}x`, detectSecrets, 1_000_000);
    expectLinearTime((n) => `password is "${'a1'.repeat(n / 2)}`, detectSecrets, 1_000_000);
  });
});
