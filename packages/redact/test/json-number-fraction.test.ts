import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

// A card number held as a float is written with a fraction or an exponent: Python's
// json.dumps writes a pandas column read with gaps (float64) as `4111111111111111.0`. Only
// the digits before the `.` were replaced and quoted, leaving `"[CREDIT_CARD_1]".0` or
// `[CREDIT_CARD_1].0`: JSON no longer.
const base = createRedactor().profileData;

describe('a JSON number with a fraction or an exponent is replaced whole', () => {
  it.each([
    ['{"pan":4111111111111111.0}', '{"pan":"[CREDIT_CARD_1]"}'],
    ['{"pan": 4111111111111111.0, "amount": 12.5}', '{"pan": "[CREDIT_CARD_1]", "amount": 12.5}'],
    ['{"pan":4111111111111111e0}', '{"pan":"[CREDIT_CARD_1]"}'],
    ['{"pan":4111111111111111E+0}', '{"pan":"[CREDIT_CARD_1]"}'],
    ['{"pan":4111111111111111.0e0}', '{"pan":"[CREDIT_CARD_1]"}'],
    [
      '[4111111111111111.0, 5555555555554444.0, 7.0]',
      '["[CREDIT_CARD_1]", "[CREDIT_CARD_2]", 7.0]',
    ],
    [
      '{"id": 1, "card": 4111111111111111.0, "cards": [4012888888881881.0]}',
      '{"id": 1, "card": "[CREDIT_CARD_1]", "cards": ["[CREDIT_CARD_2]"]}',
    ],
    // JSON inside a JSON string: quoted at its level.
    ['{"body":"{\\"pan\\":4111111111111111.0}"}', '{"body":"{\\"pan\\":\\"[CREDIT_CARD_1]\\"}"}'],
  ])('%s', (input, expected) => {
    JSON.parse(input);
    const out = createRedactor().redactText(input).text;
    expect(out).toBe(expected);
    const value = JSON.parse(out);
    if (typeof value?.body === 'string') JSON.parse(value.body);
  });

  it('hashed and dropped numbers take their fraction with them', () => {
    const hashing = createRedactor({
      profile: { ...base, operators: { ...base.operators, credit_card: 'hash' } },
      hashKey: 'test-only-key-0123456789abcdef',
    });
    expect(hashing.redactText('{"pan":4111111111111111.0}').text).toMatch(
      /^\{"pan":"CREDIT_CARD_[0-9a-f]{16}"\}$/,
    );
    const dropping = createRedactor({
      profile: { ...base, operators: { ...base.operators, credit_card: 'drop' } },
    });
    expect(dropping.redactText('{"pan":4111111111111111.0}').text).toBe('{"pan":""}');
  });

  it('outside JSON the fraction stays as written', () => {
    expect(createRedactor().redactText('card 4111111111111111.0 was declined').text).toBe(
      'card [CREDIT_CARD_1].0 was declined',
    );
  });
});
