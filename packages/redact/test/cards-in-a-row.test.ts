import { describe, expect, it } from 'vitest';
import { createRedactor, HOMEBREW_PROFILE } from '../src/index.js';

const redactor = createRedactor({ profile: HOMEBREW_PROFILE });
const text = (input: string) => redactor.redactText(input).text;

// Published test card numbers of the networks (Visa, Visa, Mastercard).
const visa = ['4111', '1111', '1111', '1111'];
const visa2 = ['4012', '8888', '8888', '1881'];
const mastercard = ['5555', '5555', '5555', '4444'];

describe('several cards in one run of digit groups', () => {
  it.each([' ', '-', '\u00a0'])('each card is found, separated by %j', (sep) => {
    const cards = [visa, visa2, mastercard].map((groups) => groups.join(sep));
    expect(text(`cards ${cards.join(sep)} on file`)).toBe(
      `cards [CREDIT_CARD_1]${sep}[CREDIT_CARD_2]${sep}[CREDIT_CARD_3] on file`,
    );
  });

  it('a card followed by digits that are no card keeps them', () => {
    expect(text(`card ${visa.join(' ')} 2025`)).toBe('card [CREDIT_CARD_1] 2025');
  });

  it('digits glued to a card by a dot are not taken for a second card', () => {
    expect(text(`v ${visa.join('')}.${visa2.join('')}`)).toBe(
      `v [CREDIT_CARD_1].${visa2.join('')}`,
    );
  });
});
