import { createHmac } from 'node:crypto';
import { isPmError, SecretValue } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { buildDisclosure, createRedactor, describeEventLog } from '../src/index.js';

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

const KEY = `${'k'.repeat(8)}0123456789abcdef`;
const email = `bob${'@'}example.com`;

// A hashKey of another type passed the length checks and hashed with an empty key,
// which anyone can compute: fail open.
describe('hashKey types', () => {
  const unkeyed = `EMAIL_${createHmac('sha256', new Uint8Array(0)).update(`email:${email}`).digest('hex').slice(0, 16)}`;

  it.each([
    ['a number', 12345678],
    ['an array-like', { length: 32 }],
    ['an array', Array.from({ length: 32 }, () => 7)],
    ['null', null],
  ])('refuses %s with INVALID_ARGUMENT, without echoing it', (_label, key) => {
    const e = caught(() =>
      createRedactor({ profile: 'hashed-retail', hashKey: key as never }).redactText(email),
    );
    expect(isPmError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('INVALID_ARGUMENT');
    expect((e as Error).message).not.toContain('12345678');
  });

  it('unwraps the SDK SecretValue: the same hash as its revealed key, never the empty key', () => {
    const wrapped = createRedactor({ profile: 'hashed-retail', hashKey: new SecretValue(KEY) });
    const plain = createRedactor({ profile: 'hashed-retail', hashKey: KEY });
    const text = wrapped.redactText(email).text;
    expect(text).not.toBe(unkeyed);
    expect(text).toBe(plain.redactText(email).text);
  });

  it('an empty SecretValue is a missing key', () => {
    const e = caught(() =>
      createRedactor({ profile: 'hashed-retail', hashKey: new SecretValue('') }),
    );
    expect((e as { code: string }).code).toBe('REDACTION_KEY_REQUIRED');
  });
});

describe('options are validated at the entry points', () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({
    c: `c${i % 5}`,
    a: `act-${i}`,
    t: 1_700_000_000_000 + i,
  }));
  const roles = { caseId: 'c', activity: 'a', timestamp: 't' };

  it.each([-1, 2.5, Number.NaN, '3'])('topN %s: INVALID_ARGUMENT', (topN) => {
    const e1 = caught(() => describeEventLog(rows, { ...roles, topN: topN as number }));
    expect((e1 as { code: string }).code).toBe('INVALID_ARGUMENT');
    const e2 = caught(() =>
      buildDisclosure(rows, { level: 3, profile: 'homebrew', roles, topN: topN as number }),
    );
    expect((e2 as { code: string }).code).toBe('INVALID_ARGUMENT');
  });

  it('topN 0 is allowed: everything goes to the rest', () => {
    const summary = describeEventLog(rows, { ...roles, topN: 0 });
    expect(summary.activities.top).toEqual([]);
    expect(summary.activities.rest.count).toBe(30);
  });

  it.each([Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, 100_000])(
    'maxDepth %s: INVALID_ARGUMENT',
    (maxDepth) => {
      const e = caught(() => createRedactor({ maxDepth }));
      expect((e as { code: string }).code).toBe('INVALID_ARGUMENT');
    },
  );

  it('the depth guard holds on deep input', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = { d: deep };
    expect(JSON.stringify(createRedactor({ maxDepth: 3 }).redactValue(deep).value)).toBe(
      '{"d":{"d":{"d":"[MAX_DEPTH]"}}}',
    );
  });

  it.each([undefined, null, 42, { text: 'x' }])('redactText(%s): INVALID_ARGUMENT', (input) => {
    const r = createRedactor();
    const e = caught(() => r.redactText(input as never));
    expect(isPmError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('INVALID_ARGUMENT');
    expect((caught(() => r.scan(input as never)) as { code: string }).code).toBe(
      'INVALID_ARGUMENT',
    );
  });
});
