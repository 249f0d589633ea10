import { createHmac } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { isPmError, SecretValue } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { buildDisclosure, createRedactor, type Detector, describeEventLog } from '../src/index.js';

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

// Options of the wrong shape threw a TypeError from deep inside, were spread into letters
// (`hashFields: 'email'`), or were accepted and failed on the first text (no `type`).
describe('createRedactor options of the wrong shape: INVALID_ARGUMENT naming the option', () => {
  const secretish = `Zq9#${'xT4!kLm'.repeat(2)}`;
  it.each([
    ['options null', null, 'options'],
    ['options an array', [], 'options'],
    ['options a string', 'homebrew', 'options'],
    ['dropFields a number', { dropFields: 5 }, 'dropFields'],
    ['dropFields of numbers', { dropFields: [1] }, 'dropFields[0]'],
    ['hashFields a string', { hashFields: 'email' }, 'hashFields'],
    ['hashFields of numbers', { hashFields: [1] }, 'hashFields[0]'],
    ['detectors not an array', { detectors: { id: 'x' } }, 'detectors'],
    ['a detector that is null', { detectors: [null] }, 'detectors[0]'],
    [
      'a pattern as a string',
      { detectors: [{ id: 'x', type: 'x', pattern: secretish }] },
      'detectors[0].pattern',
    ],
    ['no type', { detectors: [{ id: 'x', pattern: /x/ }] }, 'detectors[0].type'],
    [
      'a type outside [a-z0-9_]',
      { detectors: [{ id: 'x', type: 'Not Valid!', pattern: /x/ }] },
      'detectors[0].type',
    ],
    ['no id', { detectors: [{ type: 'x', pattern: /x/ }] }, 'detectors[0].id'],
    [
      'a group the pattern lacks',
      { detectors: [{ id: 'x', type: 'x', pattern: /a(b)/, group: 2 }] },
      'detectors[0].group',
    ],
    [
      'needles not strings',
      { detectors: [{ id: 'x', type: 'x', pattern: /x/, needles: [1] }] },
      'detectors[0].needles[0]',
    ],
    [
      'validate not a function',
      { detectors: [{ id: 'x', type: 'x', pattern: /x/, validate: true }] },
      'detectors[0].validate',
    ],
    [
      'priority not a number',
      { detectors: [{ id: 'x', type: 'x', pattern: /x/, priority: '9' }] },
      'detectors[0].priority',
    ],
    [
      'anchorsIgnoreCase not a boolean',
      {
        detectors: [
          { id: 'x', type: 'x', priority: 1, scan: () => {}, anchors: ['x'], anchorsIgnoreCase: 1 },
        ],
      },
      'detectors[0].anchorsIgnoreCase',
    ],
    ['allow not an object', { allow: [secretish] }, 'allow'],
    ['allow.patterns as strings', { allow: { patterns: [secretish] } }, 'allow.patterns[0]'],
    ['allow.patterns not an array', { allow: { patterns: /x/ } }, 'allow.patterns'],
    ['allow.values a string', { allow: { values: secretish } }, 'allow.values'],
    ['allow.types of numbers', { allow: { types: [1] } }, 'allow.types[0]'],
  ])('%s', (_label, options, option) => {
    const e = caught(() => createRedactor(options as never));
    expect(isPmError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('INVALID_ARGUMENT');
    expect((e as Error).message).toContain(`createRedactor: ${option} must be`);
    expect((e as { details: { option: string } }).details.option).toBe(option);
    // The value given is never repeated: patterns and field names may be sensitive.
    expect((e as Error).message).not.toContain(secretish);
    expect((e as Error).message).not.toContain('Not Valid');
  });

  it('well-formed options are accepted: specs, full detectors, RegExps of another realm', () => {
    const foreign = runInNewContext('/CUST-[0-9]{6}/');
    const r = createRedactor({
      detectors: [
        { id: 'customer-number', type: 'customer_id', pattern: foreign, group: 0 },
        { id: 'order', type: 'order_id', pattern: /ORD-([0-9]{4})/, group: 1, needles: ['ORD-'] },
      ],
      allow: { values: [], patterns: [/x/], types: ['ip'] },
      hashFields: ['customer'],
      hashKey: KEY,
      dropFields: [],
    });
    expect(r.redactText('CUST-123456 ORD-1234').text).toBe('[CUSTOMER_ID_1] ORD-[ORDER_ID_1]');
    const full: Detector = {
      id: 'whole',
      type: 'note',
      priority: 10,
      scan: (text, out) => {
        if (text === 'x') out.push({ type: 'note', start: 0, end: 1, detector: 'whole' });
      },
    };
    expect(createRedactor({ detectors: [full] }).redactText('x').text).toBe('[NOTE_1]');
    expect(() => createRedactor()).not.toThrow();
    expect(() => createRedactor(undefined)).not.toThrow();
  });
});

// A misspelt option was ignored: `dropField: ['ssn']` left the field in place, fail open.
describe('unknown options', () => {
  it('refuses a misspelt option by name, before any text is redacted', () => {
    const e = caught(() => createRedactor({ dropField: ['ssn'] } as never));
    expect(isPmError(e)).toBe(true);
    expect((e as { code: string }).code).toBe('INVALID_ARGUMENT');
    expect((e as Error).message).toContain('unknown option "dropField"');
    expect((e as Error).message).toContain('dropFields');
  });

  it('gives a key that is not option-shaped by its length only', () => {
    const pasted = `sk-${'Ab9'.repeat(12)}`;
    const e = caught(() => createRedactor({ [pasted]: true } as never));
    expect((e as { code: string }).code).toBe('INVALID_ARGUMENT');
    expect((e as Error).message).toContain(`unknown option of ${pasted.length} characters`);
    expect((e as Error).message).not.toContain(pasted);
    expect(JSON.stringify((e as { details?: unknown }).details)).not.toContain(pasted);
  });

  it('still takes every documented option', () => {
    const r = createRedactor({
      profile: 'homebrew',
      detectors: [],
      allow: {},
      hashFields: [],
      dropFields: ['ssn'],
      maxDepth: 8,
      hashKey: KEY,
    });
    expect(r.redactValue({ ssn: 'x', name: 'ok' }).value).toEqual({ name: 'ok' });
  });
});
