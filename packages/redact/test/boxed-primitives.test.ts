import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor } from '../src/index.js';

// A boxed `new String(key)` was walked as an object: one property per character, none
// scanned, so the key came out in clear and joined back with `Object.values(…).join('')`.
const rng = createPrng(3003);
const key = `sk-proj-${rng.chars(BASE62, 60)}`;
const email = `alice${'@'}example.com`;
const HASH_KEY = `${'k'.repeat(8)}0123456789abcdef`;

describe('redactValue reads boxed primitives as their primitive', () => {
  const r = createRedactor();

  it('a boxed String is scanned as the string', () => {
    const out = r.redactValue({ x: new String(key), list: [new String(`mail ${email}`)] });
    expect(JSON.stringify(out.value)).not.toContain(key.slice(8, 20));
    expect(out.value).toEqual({ x: '[SECRET_1]', list: ['mail [EMAIL_1]'] });
    expect(out.findings.map((f) => f.path)).toEqual(['$.x', '$.list[0]']);
  });

  it('at the root, in a Map and in a Set, and from another realm', () => {
    expect(r.redactValue(new String(key)).value).toBe('[SECRET_1]');
    const map = r.redactValue(new Map([['k', new String(key)]])).value;
    expect(map.get('k')).toBe('[SECRET_1]');
    expect([...r.redactValue(new Set([new String(key)])).value]).toEqual(['[SECRET_1]']);
    const foreign = runInNewContext('new String(k)', { k: key }) as object;
    expect(r.redactValue({ x: foreign }).value).toEqual({ x: '[SECRET_1]' });
  });

  it('boxed numbers and booleans become their primitive', () => {
    const out = r.redactValue({ n: new Number(42), b: new Boolean(false), big: Object(7n) });
    expect(out.value).toEqual({ n: 42, b: false, big: 7n });
  });

  it('a hash field hashes a boxed value as it hashes the primitive', () => {
    const h = createRedactor({ profile: 'hashed-retail', hashKey: HASH_KEY });
    const boxed = h.redactValue({ email: new String(email) }).value;
    expect(boxed).toEqual(h.redactValue({ email }).value);
  });

  it('an object that only claims to be a String is walked as the object it is', () => {
    const fake = { [Symbol.toStringTag]: 'String', note: `mail ${email}` };
    expect(r.redactValue({ fake }).value).toEqual({ fake: { note: 'mail [EMAIL_1]' } });
  });
});
