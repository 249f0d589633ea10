import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// htpasswd's batch password (`htpasswd -b file user <pw>`) and PowerShell's
// `ConvertTo-SecureString "<pw>" -AsPlainText` passed in clear. Values are generated.
const rng = createPrng(20261222);
const value = `${rng.chars(BASE62, 13)}2w`;

describe('htpasswd -b', () => {
  it.each([
    ['with a file', `htpasswd -b .htpasswd bob ${value}`],
    [
      'creating the file, bcrypt with a cost',
      `sudo htpasswd -cbB -C 12 /etc/nginx/.htpasswd bob '${value}'`,
    ],
    ['to standard output', `htpasswd -nb bob "${value}" > users`],
    ['flags apart', `htpasswd -B -b .htpasswd bob ${value}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['without -b (prompted)', `htpasswd -c .htpasswd bob${value}`],
    ['deleting a user', `htpasswd -D .htpasswd ${value}`],
    ['a variable', 'htpasswd -b .htpasswd bob "$HTPASSWORD"'],
    ['a Markdown code span in prose', 'Use `htpasswd -b` (`htpasswd -b .htpasswd bob <pw>`).'],
    ['an htpasswd file path', `cp /etc/nginx/htpasswd-b /tmp/x ${value}`],
    ['prose', 'Run htpasswd -b with the file, the user and the password (see the docs).'],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });
});

describe('ConvertTo-SecureString -AsPlainText', () => {
  it.each([
    ['the string first', `$s = ConvertTo-SecureString "${value}" -AsPlainText -Force`],
    ['with -String, any case', `convertto-securestring -String '${value}' -asplaintext -force`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['an encrypted standard string', `ConvertTo-SecureString "${value}" -Key $key`],
    ['a variable', 'ConvertTo-SecureString $password -AsPlainText -Force'],
    ['-AsPlainText on another line', `ConvertTo-SecureString "${value}"\n-AsPlainText`],
    ['prose', 'ConvertTo-SecureString turns plain text into a secure string.'],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });
});

describe('reading the commands', () => {
  it('runs in linear time', () => {
    expectLinearTime((n) => 'htpasswd -b '.repeat(n / 12), detectSecrets, 1_000_000);
    expectLinearTime((n) => `htpasswd ${'-b '.repeat(n / 3)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'ConvertTo-SecureString x '.repeat(n / 25), detectSecrets, 1_000_000);
  });
});
