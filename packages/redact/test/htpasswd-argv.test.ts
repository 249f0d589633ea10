import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `["htpasswd","-b","f","u",<pw>]` passed in clear, as text and as a real array given to
// redactValue: an argv was read by its flags only, and htpasswd's `-b` password is a
// position (its last argument), not a flag's value. Values are generated.
const rng = createPrng(202612071);
const value = `${rng.chars(BASE62, 11)}9q`;

const redactValue = (v: unknown) => createRedactor().redactValue(v).value;

describe("htpasswd's password in an argv array", () => {
  it.each([
    ['JSON', `["htpasswd","-b","f","u","${value}"]`],
    ['a list literal', `['htpasswd', '-b', '.htpasswd', 'bob', '${value}']`],
    ['-nb, no file', `["htpasswd", "-nb", "bob", "${value}"]`],
    [
      'bundled flags and a cost',
      `["/usr/bin/htpasswd", "-Bbc", "-C", "12", "f", "bob", "${value}"]`,
    ],
    ['spawn', `spawn('htpasswd', ['-b', 'f', 'bob', '${value}'])`],
    ['a sibling command', `{"cmd": "htpasswd", "args": ["-b", "f", "bob", "${value}"]}`],
  ])('as text: %s', (_, text) => {
    expect(spans(text)).toEqual([value]);
  });

  it.each([
    ['without -b, the password is asked for', `["htpasswd", "-c", "f", "bob", "${value}"]`],
    ['-D deletes a user', `["htpasswd", "-bD", "f", "bob", "${value}"]`],
    ['another command', `["cat", "-b", "f", "bob", "${value}"]`],
    ['too few arguments', `["htpasswd", "-b", "f", "${value}"]`],
  ])('as text, not: %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('as a real array', () => {
    expect(redactValue(['htpasswd', '-b', 'f', 'bob', value])).toEqual([
      'htpasswd',
      '-b',
      'f',
      'bob',
      '[SECRET_1]',
    ]);
    expect(redactValue(['htpasswd', '-nb', 'bob', 'raspberry'])).toEqual([
      'htpasswd',
      '-nb',
      'bob',
      '[SECRET_1]',
    ]);
    expect(redactValue({ cmd: 'htpasswd', args: ['-b', 'f', 'bob', value] })).toEqual({
      cmd: 'htpasswd',
      args: ['-b', 'f', 'bob', '[SECRET_1]'],
    });
    expect(redactValue(['htpasswd', '-c', 'f', 'bob'])).toEqual(['htpasswd', '-c', 'f', 'bob']);
  });

  it('stays linear', () => {
    expectLinearTime(
      (n) => `["htpasswd", "-b"${', "-C", "1"'.repeat(n / 12)}, "f", "u", "x"]`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => '["htpasswd","-b","f","u","x"],'.repeat(n / 30),
      detectSecrets,
      1_000_000,
    );
  });
});
