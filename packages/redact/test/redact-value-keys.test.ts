import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { SYNTHETIC_GITHUB_TOKEN } from './corpus/fixtures.js';

const email = `alice${'@'}example.com`;

// Keys are data too: an address or a token used as a key was copied as it was, and its
// finding's `path` carried it.
describe('redactValue redacts object and Map keys', () => {
  const r = createRedactor();

  it('an e-mail address and a token used as object keys', () => {
    const { value, findings } = r.redactValue({
      ordersByCustomer: { [email]: 3 },
      sessions: { [SYNTHETIC_GITHUB_TOKEN]: 'active' },
    });
    const json = JSON.stringify(value);
    expect(json).not.toContain(email);
    expect(json).not.toContain(SYNTHETIC_GITHUB_TOKEN);
    expect(value.ordersByCustomer).toEqual({ '[EMAIL_1]': 3 });
    expect(findings.map((f) => f.path)).toEqual([
      '$.ordersByCustomer["[EMAIL_1]"]~',
      '$.sessions["[SECRET_1]"]~',
    ]);
  });

  it('paths are built from the redacted key, so findings never carry the value', () => {
    const { findings } = r.redactValue({ notes: { [email]: `write to ${email}` } });
    expect(JSON.stringify(findings)).not.toContain(email);
    expect(findings.map((f) => f.path)).toEqual(['$.notes["[EMAIL_1]"]~', '$.notes["[EMAIL_1]"]']);
  });

  it('Map keys: strings redacted, objects walked and copied, never returned by reference', () => {
    const objKey = { email };
    const input = new Map<unknown, number>([
      [email, 1],
      [objKey, 2],
      [7, 3],
    ]);
    const { value } = r.redactValue({ m: input });
    const keys = [...value.m.keys()];
    expect(keys).toHaveLength(3);
    expect(keys[0]).toBe('[EMAIL_1]');
    expect(keys[1]).not.toBe(objKey);
    expect(keys[1]).toEqual({ email: '[EMAIL_1]' });
    expect(keys[2]).toBe(7);
    expect(objKey.email).toBe(email); // input not mutated
  });

  it('sensitive, hash and drop fields are still matched on the original key', () => {
    const { value } = createRedactor({ dropFields: ['notes'] }).redactValue({
      password: 'Tr0ub4dor&3x',
      notes: 'gone',
    });
    expect(value).toEqual({ password: '[SECRET_1]' });
  });
});

// The deep walk and the text scan read credential names from one list: a record redacted
// as an object must not leak what the same record as JSON text does not.
describe('redactValue takes every credential key the text scan takes', () => {
  const r = createRedactor();
  it.each(['db_pass', 'client_secret_value', 'api_key_b64', 'dbPass', 'token_hash', 'SECRET_STR'])(
    '%s',
    (key) => {
      const record = { [key]: 'Tr0ub4dor&3x' };
      expect(r.redactText(JSON.stringify(record)).text).not.toContain('Tr0ub4dor');
      expect(JSON.stringify(r.redactValue(record).value)).not.toContain('Tr0ub4dor');
    },
  );
  it.each(['bypass', 'compass', 'max_tokens', 'author', 'passenger'])('keeps %s as data', (key) => {
    expect(r.redactValue({ [key]: 'plain value' }).value).toEqual({ [key]: 'plain value' });
  });
});
