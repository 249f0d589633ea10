import { describe, expect, it } from 'vitest';
import { buildDisclosure, createRedactor, type Row, sampleRows } from '../src/index.js';
import { samplesApproval as approval } from './helpers/samples-approval.js';

// Test cards of the payment networks. 5555555555554444 is above Number.MAX_SAFE_INTEGER
// but even, so a double holds it exactly: a type-converting CSV parser yields it as is.
const VISA = 4111111111111111;
const MASTERCARD = 5555555555554444;

// A card number held as a number (papaparse `dynamicTyping`, d3 `autoType`) passed
// `redactValue` and level-5 samples raw, while the same record as JSON text was redacted.
describe('numbers are scanned as their decimal text', () => {
  const r = createRedactor({ profile: 'strict' });

  it('a card number stored as a number becomes its placeholder, counted and found at its path', () => {
    const { value, findings, counts } = r.redactValue({
      order: 'A-1',
      card_number: VISA,
      cards: [MASTERCARD],
    });
    expect(value).toEqual({
      order: 'A-1',
      card_number: '[CREDIT_CARD_1]',
      cards: ['[CREDIT_CARD_2]'],
    });
    expect(counts).toEqual({ credit_card: 2 });
    expect(findings).toEqual([
      { type: 'credit_card', start: 0, end: 16, detector: 'credit-card', path: '$.card_number' },
      { type: 'credit_card', start: 0, end: 16, detector: 'credit-card', path: '$.cards[0]' },
    ]);
  });

  it('the same placeholder as the card written as text, so joins still line up', () => {
    const { value } = r.redactValue([VISA, String(VISA), BigInt(VISA), new Number(VISA)]);
    expect(value).toEqual(Array(4).fill('[CREDIT_CARD_1]'));
  });

  it('BigInts and Map keys too', () => {
    const { value } = r.redactValue({ n: 4111111111111111n, m: new Map([[VISA, 'x']]) });
    expect(value.n).toBe('[CREDIT_CARD_1]');
    expect([...value.m.keys()]).toEqual(['[CREDIT_CARD_1]']);
  });

  it('the hash operator hashes a number as it hashes its text', () => {
    const hashing = createRedactor({ profile: 'hashed-retail', hashKey: 'k'.repeat(32) });
    const { value } = hashing.redactValue({ a: VISA, b: String(VISA) });
    expect(value.a).toBe(value.b);
    expect(value.a).not.toContain(String(VISA));
  });

  it('level-5 samples (sampleRows, buildDisclosure) no longer carry the card', () => {
    const rows: Row[] = [
      { order: 'A-1', step: 'Paid', at: '2024-03-01T10:00:00Z', card_number: VISA, amount: 12.5 },
      {
        order: 'A-2',
        step: 'Paid',
        at: '2024-03-01T11:00:00Z',
        card_number: MASTERCARD,
        amount: 7,
      },
    ];
    const s = sampleRows(rows, { n: 2, profile: 'strict', approval });
    expect(s.rows.map((row) => row.card_number).sort()).toEqual([
      '[CREDIT_CARD_1]',
      '[CREDIT_CARD_2]',
    ]);
    expect(s.rows.map((row) => row.amount).sort()).toEqual([12.5, 7]);
    expect(s.counts).toEqual({ credit_card: 2 });
    const d = buildDisclosure(rows, {
      level: 5,
      roles: { caseId: 'order', activity: 'step', timestamp: 'at' },
      profile: 'strict',
      approval,
    });
    expect(JSON.stringify(d.samples)).not.toMatch(/4111111111111111|5555555555554444/);
    expect(d.redactions).toEqual({ credit_card: 2 });
  });

  it('a host detector finds its pattern in numbers as in text', () => {
    const employees = createRedactor({
      detectors: [{ id: 'employee-no', type: 'employee', pattern: /\b7\d{5}\b/g }],
    });
    const { value, counts } = employees.redactValue({ employee: 712345, count: 12 });
    expect(value).toEqual({ employee: '[EMPLOYEE_1]', count: 12 });
    expect(counts).toEqual({ employee: 1 });
  });

  it('a phone number stored as a number is redacted exactly when its digits are found as text', () => {
    // A number has no `+` and no leading trunk `0`: 447911123456 (+44 7911 123456) and
    // 2079460958 (020 7946 0958) lost what makes their digits a phone number, and the text
    // scan does not take a bare run of digits for one either (it would take every id).
    for (const n of [447911123456, 2079460958, 14155550123]) {
      const asText = r.redactText(String(n));
      const asNumber = r.redactValue({ phone: n });
      expect(asNumber.counts).toEqual(asText.counts);
      expect(asNumber.value.phone).toBe(asText.findings.length === 0 ? n : asText.text);
    }
  });

  it('ordinary numbers stay numbers: amounts, counts, ids, epoch times, negative and huge values', () => {
    const ordinary = [
      0,
      7,
      -3,
      12.5,
      1999.99,
      100_000,
      123456789, // 9 digits, no separators: not an SSN
      987654321,
      1234567890,
      20240301, // a date as yyyymmdd
      1_733_400_000, // epoch seconds
      1_733_400_000_000, // epoch ms (13 digits, not a card: 1 is no network's prefix)
      Date.parse('2033-05-18T03:33:20Z'), // epoch ms up to 2033 and beyond
      1_733_400_000_000_000, // epoch µs
      Number.MAX_SAFE_INTEGER,
      -VISA, // a sign glued to the digits: not a card in text either
      1e21,
      Number.MAX_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1733400000000000000n, // epoch ns as a BigInt
      2n ** 64n,
    ];
    const { value, findings } = r.redactValue(ordinary);
    expect(findings).toEqual([]);
    expect(value).toEqual(ordinary);
    for (let i = 0; i < ordinary.length; i++) expect(typeof value[i]).toBe(typeof ordinary[i]);
  });
});
