import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { spans } from './helpers/spans.js';

// Two credential names that were missing, so their values passed in clear (decision 0054):
// `passcode` (`Passcode: …` under a meeting invite, `ZOOM_PASSCODE=…`, a `passcode`
// member) and `psk`, a Wi-Fi pre-shared key (wpa_supplicant's `psk="…"`, NetworkManager's
// `psk=…`, hostapd's `wpa_psk=…`). Values are generated.
const rng = createPrng(20261208);
/** A credential-shaped value: letters of both cases and a digit. */
const credential = (length: number) => {
  for (;;) {
    const value = rng.chars(BASE62, length);
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
};
const code = credential(10);
const psk = credential(14);
const hexPsk = rng.chars('0123456789abcdef', 64);

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

describe('psk as a credential name', () => {
  it.each([
    ['wpa_supplicant.conf', `network={\n  ssid="home"\n  psk="${psk}"\n}\n`, psk],
    ['NetworkManager', `[wifi-security]\nkey-mgmt=wpa-psk\npsk=${psk}\n`, psk],
    ['hostapd, as 64 hex digits', `wpa_psk=${hexPsk}`, hexPsk],
    ['a label in capitals', `PSK: ${psk}`, psk],
  ])('%s', (_, text, secret) => {
    expect(spans(text)).toEqual([secret]);
    expect(createRedactor().redactText(text).text).not.toContain(secret);
  });

  it('replaces a psk member whole in redactValue, not a psk setting', () => {
    const out = createRedactor().redactValue({ psk: 'raspberry', wifiPsk: 'x', pskMode: 'wpa2' });
    expect(out.value).toEqual({
      psk: expect.not.stringContaining('raspberry'),
      wifiPsk: expect.not.stringMatching(/^x$/),
      pskMode: 'wpa2',
    });
  });

  it.each([
    'psk: required',
    'key_mgmt=WPA-PSK',
    // Inside a longer word: not the name.
    `ipsk=${psk}`,
  ])('leaves %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
