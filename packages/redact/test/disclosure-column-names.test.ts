import { describe, expect, it } from 'vitest';
import { buildDisclosure, createRedactor, type Row } from '../src/index.js';
import { samplesApproval as approval } from './helpers/samples-approval.js';

const email = `bob.smith${'@'}example.com`;
const otherEmail = `alice.jones${'@'}example.com`;
const phone = '+44 20 7946 0958';
const card = '4111 1111 1111 1111';

// A CSV read without its header row makes the first record the column names; a pivoted
// table has one column per customer. Levels 1-2 published those names raw (`schema[].name`,
// the keys of `shape.timeRanges`) under every profile, `strict` included.
const pivoted: Row[] = [
  {
    week: '2024-01-01',
    [otherEmail]: 3,
    [email]: 5,
    [`last_login ${email}`]: '2024-01-03T10:00:00Z',
  },
  {
    week: '2024-01-08',
    [otherEmail]: 1,
    [email]: 0,
    [`last_login ${email}`]: '2024-01-09T10:00:00Z',
  },
];
const headerless: Row[] = [
  { [email]: 'carol@example.org', [phone]: '+44 20 7946 0000', [card]: '5555 5555 5555 4444' },
];

function expectNoRawName(json: string): void {
  for (const raw of [email, otherEmail, phone, card]) expect(json).not.toContain(raw);
}

describe('buildDisclosure redacts column names', () => {
  it('level 1: schema names through the profile, counted in redactions', () => {
    const d = buildDisclosure(pivoted, { level: 1, profile: 'strict' });
    expectNoRawName(JSON.stringify(d));
    expect(d.schema.map((c) => c.name)).toEqual([
      'week',
      '[EMAIL_1]',
      '[EMAIL_2]',
      'last_login [EMAIL_2]',
    ]);
    expect(d.schema.map((c) => c.type)).toEqual(['date', 'integer', 'integer', 'date']);
    expect(d.redactions).toEqual({ email: 3 });
  });

  it('level 2: schema names and the keys of shape.timeRanges', () => {
    const d = buildDisclosure(pivoted, { level: 2, profile: 'strict' });
    expectNoRawName(JSON.stringify(d));
    expect(Object.keys(d.shape?.timeRanges ?? {})).toEqual(['week', 'last_login [EMAIL_2]']);
    expect(d.shape?.timeRanges['last_login [EMAIL_2]']).toEqual({
      start: '2024-01-03',
      end: '2024-01-09',
    });
    // Three names in the schema, one more in timeRanges: each disclosed name is counted.
    expect(d.redactions).toEqual({ email: 4 });
  });

  it('phones and cards as names (a headerless CSV), every level', () => {
    const roles = { caseId: email, activity: phone, timestamp: card };
    for (const level of [1, 2, 3, 4, 5] as const) {
      const d = buildDisclosure(headerless, {
        level,
        profile: 'strict',
        ...(level >= 3 ? { roles } : {}),
        ...(level === 5 ? { approval } : {}),
      });
      expectNoRawName(JSON.stringify(d));
      expect(d.schema.map((c) => c.name)).toEqual(['[EMAIL_1]', '[PHONE_1]', '[CREDIT_CARD_1]']);
      expect(d.redactions).toMatchObject({ email: expect.any(Number), phone: expect.any(Number) });
    }
  });

  it('a hashing profile hashes names; plain names are left as they are', () => {
    const redactor = createRedactor({ profile: 'hashed-retail', hashKey: '0123456789abcdef0123' });
    const d = buildDisclosure(pivoted, { level: 2, profile: redactor });
    expectNoRawName(JSON.stringify(d));
    expect(d.schema[0]?.name).toBe('week');
    expect(d.schema[1]?.name).toMatch(/^EMAIL_[0-9a-f]{16}$/);
    const plain = buildDisclosure([{ id: 1, at: '2024-01-01' }], { level: 2, profile: 'strict' });
    expect(plain.schema.map((c) => c.name)).toEqual(['id', 'at']);
    expect(Object.keys(plain.shape?.timeRanges ?? {})).toEqual(['at']);
    expect(plain.redactions).toEqual({});
  });
});
