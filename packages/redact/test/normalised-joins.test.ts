import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { normaliseValue } from '../src/operators/normalise.js';

// The same phone number hashed (and was numbered) three ways by how it was written, and an
// invisible character inside an e-mail address changed its hash: joins on hashed columns
// split one customer into several.
const key = 'test-only-key-0123456789abcdef';

describe('one phone number, one token', () => {
  const forms = [
    '+44 20 7946 0958',
    '+442079460958',
    '+44 (0)20 7946 0958',
    '+44 (0) 20 7946 0958',
    '0044 20 7946 0958',
    '+44-20-7946-0958',
  ];

  it.each(forms)('%s normalises to +442079460958', (form) => {
    expect(normaliseValue('phone', form)).toBe('+442079460958');
  });

  it('hashes alike and masks alike', () => {
    const hashed = createRedactor({ profile: 'hashed-retail', hashKey: key });
    const tokens = new Set(forms.map((f) => hashed.redactText(`call ${f}`).text));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^call PHONE_[0-9a-f]{16}$/);
    const masked = createRedactor().redactText(forms.join(' / ')).text;
    expect(masked).toBe(forms.map(() => '[PHONE_1]').join(' / '));
  });

  it('keeps a national number and a bracketed area code as they are', () => {
    expect(normaliseValue('phone', '020 7946 0958')).toBe('02079460958');
    expect(normaliseValue('phone', '(020) 7946 0958')).toBe('02079460958');
  });
});

describe('invisible characters do not change a token', () => {
  const invisible = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];

  it.each(invisible.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))(
    '%s inside an e-mail address, a card number and a secret',
    (_name, c) => {
      expect(normaliseValue('email', `bo${c}b@example.com`)).toBe('bob@example.com');
      expect(normaliseValue('credit_card', `4111 1111${c} 1111 1111`)).toBe('4111111111111111');
      expect(normaliseValue('secret', `Zq8X${c}w7Vu6`)).toBe('Zq8Xw7Vu6');
      const hashed = createRedactor({ profile: 'hashed-retail', hashKey: key });
      expect(hashed.redactText(`mail bo${c}b@example.com`).text).toBe(
        hashed.redactText('mail bob@example.com').text,
      );
    },
  );
});
