import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { spans } from './helpers/spans.js';

// KiTTY, PuTTY's fork, takes the password after `-pw` as plink does (`kitty.exe -ssh
// user@host -pw <pw>`, `kitty_portable.exe`): only PuTTY's own tools were read, so its
// password passed in clear. Values are generated.
const rng = createPrng(20261207);
const value = `${rng.chars(BASE62, 13)}7k`;

describe("KiTTY's -pw password", () => {
  it.each([
    `kitty -ssh admin@host -pw ${value}`,
    `kitty.exe -ssh admin@host -P 22 -pw ${value}`,
    `C:\\tools\\kitty_portable.exe -load prod -pw "${value}"`,
    `start "" "C:\\Program Files\\KiTTY\\kitty.exe" -pw ${value} admin@host`,
  ])('%s', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it('in an argv array', () => {
    const argv = ['kitty.exe', '-ssh', 'admin@host', '-pw', value];
    expect(spans(JSON.stringify(argv))).toEqual([value]);
    expect(JSON.stringify(createRedactor().redactValue(argv).value)).not.toContain(value);
  });

  it.each([
    'kitty -pw $KITTY_PW admin@host',
    `kitty -pwfile pw.txt admin@host ${value}`,
    `echo kitty; grep -pw ${value} notes.txt`,
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
