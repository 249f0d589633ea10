import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { spans } from './helpers/spans.js';

// `passcode` was no credential name: `Passcode: …` under a meeting invite, `ZOOM_PASSCODE=…`
// in an env file and a `passcode` member passed in clear. Values are generated.
const rng = createPrng(20261208);
const passcode = () => {
  for (;;) {
    const value = rng.chars(BASE62, 10);
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
};
const code = passcode();

describe('passcode as a credential name', () => {
  it.each([
    ['a meeting invite', `Meeting ID: 812 3456 7890\nPasscode: ${code}\n`],
    ['an env file', `ZOOM_PASSCODE=${code}`],
    ['YAML', `door:\n  passcode: ${code}\n`],
    ['JSON', `{"meetingPasscode": "${code}"}`],
    ['a URL query', `https://meet.example.com/j/8123456?passcode=${code}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([code]);
    expect(createRedactor().redactText(text).text).not.toContain(code);
  });

  it('replaces a passcode member whole in redactValue', () => {
    const out = createRedactor().redactValue({ ZOOM_PASSCODE: 'raspberry', passcodeLength: 6 });
    expect(out.value).toEqual({
      ZOOM_PASSCODE: expect.not.stringContaining('raspberry'),
      passcodeLength: 6,
    });
  });

  it.each([
    'passcode: required',
    'passcode: true',
    'passcode_length: 6',
    // Fewer than eight digits is no secret under any name (a port, a count).
    'Passcode: 482913',
  ])('leaves %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
