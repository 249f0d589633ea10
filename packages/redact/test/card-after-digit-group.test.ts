import { describe, expect, it } from 'vitest';
import { createRedactor, HOMEBREW_PROFILE } from '../src/index.js';

// A redactor per text: placeholders are numbered across a redactor's calls.
const text = (input: string) =>
  createRedactor({ profile: HOMEBREW_PROFILE }).redactText(input).text;

// Published test card numbers of the networks (Visa, Amex).
const visa = ['4111', '1111', '1111', '1111'];
const amex = ['3782', '822463', '10005'];

// The card's candidate started at the first group of the run, and only shorter prefixes
// of it were tried: a card after another digit group (an order or reference number) was
// never a prefix, so it stayed in clear.
describe('a card after a digit group that is no card', () => {
  it.each([' ', '-', '\u00a0'])('is found, groups separated by %j', (sep) => {
    expect(text(`ref 12345 ${visa.join(sep)} paid`)).toBe('ref 12345 [CREDIT_CARD_1] paid');
    expect(text(`ref 12${sep}${visa.join(sep)}`)).toBe(`ref 12${sep}[CREDIT_CARD_1]`);
  });

  it('unbroken, or in the Amex layout', () => {
    expect(text(`ref 12345 ${visa.join('')}`)).toBe('ref 12345 [CREDIT_CARD_1]');
    expect(text(`order 7 ${amex.join(' ')}`)).toBe('order 7 [CREDIT_CARD_1]');
  });

  it('however many groups come before it in the run', () => {
    expect(text(`ids 1234 5678 9012 3456 7 ${visa.join(' ')} end`)).toBe(
      'ids 1234 5678 9012 3456 7 [CREDIT_CARD_1] end',
    );
  });

  it('and a card after a card and a group that is no card', () => {
    const visa2 = ['4012', '8888', '8888', '1881'];
    expect(text(`${visa.join(' ')} 2025 ${visa2.join(' ')}`)).toBe(
      '[CREDIT_CARD_1] 2025 [CREDIT_CARD_2]',
    );
  });

  it('after the first group, only digits laid out as a card are read as one', () => {
    // Luhn-valid Visa digits, but in groups of 2 and 3 after another group: a run of
    // numbers (a table row), not a card as anyone writes one.
    const digits = visa.join('');
    const odd = digits.match(/.{1,2}/g)!.join(' ');
    expect(text(`row 7 ${odd}`)).toBe(`row 7 ${odd}`);
    expect(text(`1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19`)).toBe(
      '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19',
    );
  });
});

// A card in groups of four was read at every later group of a run, so a longer number
// grouped by four (a 22-digit USPS tracking number, a 24-digit account or reference)
// held a "card" wherever 16 of its digits passed the checks: 12 % of random 24-digit
// runs came out with a card in them, three times as many as when only the run's start
// was read, and 7.5 % of tracking numbers, none before.
describe('a longer number grouped by four is no card in its middle', () => {
  it.each([
    ['a USPS tracking number', `9400 ${visa.join(' ')} 12`],
    ['a 24-digit reference', `7044 ${visa.join(' ')} 0130`],
    ['dashed', `1000-${visa.join('-')}`],
    ['a row of four-digit numbers', `2019 2020 ${visa.join(' ')} 2021 2022`],
  ])('%s', (_, input) => {
    expect(text(input)).toBe(input);
  });

  it('a card after a group of another length, or unbroken, is still found', () => {
    expect(text(`no 123 ${visa.join(' ')}`)).toBe('no 123 [CREDIT_CARD_1]');
    expect(text(`1234 ${visa.join('')}`)).toBe('1234 [CREDIT_CARD_1]');
    expect(text(`1234 ${amex.join(' ')}`)).toBe('1234 [CREDIT_CARD_1]');
  });

  it('random runs grouped by four hold no more cards than their first 16 digits do', () => {
    let state = 7;
    const digit = () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return String(state % 10);
    };
    let cards = 0;
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const digits = Array.from({ length: 24 }, digit).join('');
      if (text(digits.match(/.{4}/g)!.join(' ')).includes('CREDIT_CARD')) cards++;
    }
    // About 4 % of 16 random digits pass a network prefix and Luhn.
    expect(cards / runs).toBeLessThan(0.07);
  });
});
