import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// The password of a .netrc entry (`machine … login … password …`) passed in clear: no
// `=` or `:` before it for the assignment scan. Values are generated.
const rng = createPrng(20261216);
const value = `${rng.chars(BASE62, 14)}5m`;

describe('a .netrc password', () => {
  it.each([
    `machine api.example.com login bob password ${value}`,
    `machine git.example.com\n  login deploy\n  password ${value}\n`,
    `default login anonymous password ${value}`,
    `machine a.example login x password ${value}\nmachine b.example login y password ${value}`,
    `machine ftp.example.com login bob account acme password ${value}`,
  ])('%j', (text) => {
    expect(new Set(spans(text))).toEqual(new Set([value]));
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    'machine api.example.com login bob password $NETRC_PASSWORD',
    'the machine asked for the password again',
    `password ${value}`,
    'machine api.example.com login bob password <password>',
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated keywords', () => {
    expectLinearTime((n) => 'machine password '.repeat(n / 17), detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => `machine h login u${' password'.repeat(n / 9)}`,
      detectSecrets,
      1_000_000,
    );
  });
});
