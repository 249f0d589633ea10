import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// PuTTY's command-line tools take the password after `-pw` (`plink -pw <pw> user@host`,
// `pscp -pw <pw> …`, `psftp`): no detector read it, on a command line or in an argv array.
// Values are generated.
const rng = createPrng(20261219);
const value = `${rng.chars(BASE62, 13)}4q`;

describe("PuTTY's -pw password", () => {
  it.each([
    `plink -pw ${value} user@host`,
    `plink -ssh -batch -pw ${value} user@host uptime`,
    `pscp -pw ${value} backup.tar user@host:/srv`,
    `psftp -pw "${value}" user@host`,
    `& "C:\\Program Files\\PuTTY\\plink.exe" -pw ${value} host`,
    `C:\\tools\\plink.exe -pw ${value} host`,
  ])('%s', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['plink', ['plink', '-pw', value, 'host']],
    ['PSCP.EXE by its path', ['C:\\PuTTY\\PSCP.EXE', '-pw', value, 'f', 'host:/tmp']],
  ])('in an argv array: %s', (_, argv) => {
    expect(spans(JSON.stringify(argv))).toEqual([value]);
    expect(JSON.stringify(createRedactor().redactValue(argv).value)).not.toContain(value);
  });

  it.each([
    `grep -pw ${value} notes.txt`,
    'plink -pw $PLINK_PW host',
    `plink -pwfile pw.txt -P 2222 ${value}@host`,
    `echo plink; ls -pw ${value}`,
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated flags', () => {
    expectLinearTime((n) => `plink${' -pw x'.repeat(n / 6)}`, detectSecrets, 1_000_000);
  });
});
