import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

// The TLD had to be letters, so an IDN TLD in the ASCII form mail servers and logs store
// (`xn--p1ai` for `.рф`) hid the whole address.
describe('IDN TLDs in their ASCII (punycode) form', () => {
  it.each([
    'ivan@example.xn--p1ai',
    'info@xn--80ak6aa92e.xn--p1ai',
    'li@example.xn--fiqs8s',
    'IVAN@EXAMPLE.XN--P1AI',
    'ivan@пример.xn--p1ai',
  ])('%s', (address) => {
    const text = `write to ${address}.`;
    expect(createRedactor().redactText(text).text).toBe('write to [EMAIL_1].');
  });

  it.each(['a@b.xn--', 'a@b.xn--p1ai-', 'a@xn--p1ai'])('not an address: %s', (text) => {
    expect(
      createRedactor()
        .scan(text)
        .filter((f) => f.type === 'email'),
    ).toEqual([]);
  });
});
