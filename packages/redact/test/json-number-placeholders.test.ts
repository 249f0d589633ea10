import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

// A card number stored as a JSON number became an unquoted placeholder
// (`{"pan":[CREDIT_CARD_1]}`): redactText turned JSON into text that does not parse.
const base = createRedactor().profileData;
const masking = () => createRedactor();
const hashing = () =>
  createRedactor({
    profile: { ...base, operators: { ...base.operators, credit_card: 'hash' } },
    hashKey: 'test-only-key-0123456789abcdef',
  });
const dropping = () =>
  createRedactor({ profile: { ...base, operators: { ...base.operators, credit_card: 'drop' } } });

/** Parses `text`, and the JSON inside its `body` string when there is one. */
function parsesAsJson(text: string): void {
  const value = JSON.parse(text);
  if (typeof value?.body === 'string') JSON.parse(value.body);
}

describe('a whole JSON number replaced in JSON text is written as a JSON string', () => {
  it.each([
    ['{"pan":4111111111111111,"amount":12.5}', '{"pan":"[CREDIT_CARD_1]","amount":12.5}'],
    ['{"card_number": 378282246310005}', '{"card_number": "[CREDIT_CARD_1]"}'],
    ['[4111111111111111, 5555555555554444]', '["[CREDIT_CARD_1]", "[CREDIT_CARD_2]"]'],
    [
      '{"cards":[12, 4111111111111111,5555555555554444 ]}',
      '{"cards":[12, "[CREDIT_CARD_1]","[CREDIT_CARD_2]" ]}',
    ],
    ['{"a":["x", 4111111111111111]}', '{"a":["x", "[CREDIT_CARD_1]"]}'],
    // A string that ends in an escaped backslash: its closing quote is `"` all the same.
    [
      '{"paths":["C:\\\\temp\\\\",4111111111111111]}',
      '{"paths":["C:\\\\temp\\\\","[CREDIT_CARD_1]"]}',
    ],
    ['{"C:\\\\temp\\\\":4111111111111111}', '{"C:\\\\temp\\\\":"[CREDIT_CARD_1]"}'],
    // A number inside a string (a CSV row, a note) after the string's own opening quote
    // and a `,` or `:` is text: quoting it would end the string.
    ['{"row":",4111111111111111,Smith"}', '{"row":",[CREDIT_CARD_1],Smith"}'],
    ['{"note":": 4111111111111111,"}', '{"note":": [CREDIT_CARD_1],"}'],
    ['{\n  "pan": 4111111111111111\n}', '{\n  "pan": "[CREDIT_CARD_1]"\n}'],
    [
      JSON.stringify({ body: JSON.stringify({ pan: 4111111111111111, list: [5555555555554444] }) }),
      '{"body":"{\\"pan\\":\\"[CREDIT_CARD_1]\\",\\"list\\":[\\"[CREDIT_CARD_2]\\"]}"}',
    ],
    [
      JSON.stringify({ body: JSON.stringify({ pan: 4111111111111111 }, null, 2) }),
      '{"body":"{\\n  \\"pan\\": \\"[CREDIT_CARD_1]\\"\\n}"}',
    ],
  ])('masked: %s', (text, expected) => {
    const out = masking().redactText(text).text;
    expect(out).toBe(expected);
    parsesAsJson(out);
  });

  it('hashed and dropped: still JSON', () => {
    const text = '{"pan":4111111111111111,"cards":[5555555555554444]}';
    const hashed = hashing().redactText(text).text;
    expect(hashed).toMatch(
      /^\{"pan":"CREDIT_CARD_[0-9a-f]{16}","cards":\["CREDIT_CARD_[0-9a-f]{16}"\]\}$/,
    );
    parsesAsJson(hashed);
    expect(dropping().redactText(text).text).toBe('{"pan":"","cards":[""]}');
  });

  it.each([
    ['card 4111111111111111, thanks', 'card [CREDIT_CARD_1], thanks'],
    ['card 4111111111111111.', 'card [CREDIT_CARD_1].'],
    ['{"pan":"4111111111111111"}', '{"pan":"[CREDIT_CARD_1]"}'],
    ['{"pan":"4111 1111 1111 1111"}', '{"pan":"[CREDIT_CARD_1]"}'],
    // An array inside a JSON string: its level is not clear from the text around it, and
    // quotes written at the wrong level would break the outer JSON.
    ['{"body":"[4111111111111111]"}', '{"body":"[[CREDIT_CARD_1]]"}'],
  ])('prose, strings and unclear levels are left as they were: %s', (text, expected) => {
    expect(masking().redactText(text).text).toBe(expected);
  });

  it('redactValue still gives a number holding a card as the placeholder text', () => {
    expect(masking().redactValue({ pan: 4111111111111111 }).value).toEqual({
      pan: '[CREDIT_CARD_1]',
    });
  });
});
