import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { spans } from './helpers/spans.js';

// A Wi-Fi network's pre-shared key passed in clear: `psk` was no credential name, so
// wpa_supplicant's `psk="…"` and NetworkManager's `psk=…` were read as data. Values are
// generated.
const rng = createPrng(20261208);
const key = () => {
  for (;;) {
    const value = rng.chars(BASE62, 14);
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
};
const psk = key();
const hexPsk = rng.chars('0123456789abcdef', 64);

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
