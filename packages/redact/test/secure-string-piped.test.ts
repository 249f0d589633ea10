import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// PowerShell's piped form, `"<pw>" | ConvertTo-SecureString -AsPlainText -Force`, passed in
// clear: only the string as the cmdlet's own argument was read. Values are generated.
const rng = createPrng(20261209);
const value = `${rng.chars(BASE62, 13)}8m`;

describe('a string piped to ConvertTo-SecureString -AsPlainText', () => {
  it.each([
    ['double quotes', `"${value}" | ConvertTo-SecureString -AsPlainText -Force`],
    ['the cmdlet on the next line', `"${value}" |\r\n  ConvertTo-SecureString -AsPlainText -Force`],
    [
      'assigned, single quotes',
      `$secure = '${value}' | ConvertTo-SecureString -AsPlainText -Force`,
    ],
    [
      'in parentheses, any case',
      `New-Object PSCredential('u', ('${value}'|convertto-securestring -force -asplaintext))`,
    ],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['without -AsPlainText', `"${value}" | ConvertTo-SecureString -Key $key`],
    [
      '-AsPlainText after the next pipe',
      `"${value}" | ConvertTo-SecureString | Out-Null -AsPlainText`,
    ],
    ['a variable', '$password | ConvertTo-SecureString -AsPlainText -Force'],
    ['the string on the line before the pipe', `"${value}"\n| ConvertTo-SecureString -AsPlainText`],
    ['-AsPlainText on the line after', `"${value}" | ConvertTo-SecureString\n-AsPlainText`],
    ['an interpolated variable', '"$env:DB_PASSWORD" | ConvertTo-SecureString -AsPlainText -Force'],
    [
      'another command before the pipe',
      `Get-Content "${value}.txt" | ConvertTo-SecureString -AsPlainText`,
    ],
    ['a string glued to a word', `x"${value}" | ConvertTo-SecureString -AsPlainText`],
    ['prose', 'Pipe the "text" you read | ConvertTo-SecureString and never use -AsPlainText.'],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime(
      (n) => '"x" | ConvertTo-SecureString '.repeat(n / 29),
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => `"${'x'.repeat(n)}" | ConvertTo-SecureString -AsPlainText`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => `${'|'.repeat(n)} ConvertTo-SecureString -AsPlainText`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => `"x" |${'\r\n'.repeat(n / 2)}ConvertTo-SecureString -AsPlainText`,
      detectSecrets,
      1_000_000,
    );
  });
});
