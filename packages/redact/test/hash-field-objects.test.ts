import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

// A hash field holding an object that stands for a scalar (a database ObjectId, a Date,
// a decimal) was walked as an object: its text came out in clear, not hashed.
const HASH_KEY = `${'k'.repeat(8)}0123456789abcdef`;

class Id {
  constructor(private readonly hex: string) {}
  toJSON(): string {
    return this.hex;
  }
}

describe('hash fields read objects by what they serialise to', () => {
  const r = createRedactor({ profile: 'hashed-retail', hashKey: HASH_KEY, hashFields: ['dob'] });

  it('an id object under a hash field is hashed as its text', () => {
    const hex = '65f1c0ffee0123456789abcd';
    const out = r.redactValue({ customer_id: new Id(hex) });
    expect(out.value).toEqual(r.redactValue({ customer_id: hex }).value);
    expect(JSON.stringify(out.value)).not.toContain(hex);
  });

  it('a Date under a hash field is hashed as its ISO text', () => {
    const dob = new Date('1984-03-09T00:00:00.000Z');
    const out = r.redactValue({ dob });
    expect(out.value).toEqual(r.redactValue({ dob: dob.toISOString() }).value);
    expect(JSON.stringify(out.value)).not.toContain('1984');
  });
});
