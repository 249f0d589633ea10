import { describe, expect, it } from 'vitest';
import {
  parseRequestEnvelope,
  SchemaValidationError,
  safeParseAutomationPolicy,
} from '../src/index.js';
import { hostileObject } from './helpers/hostile-object.js';

describe('parse functions', () => {
  it('turn a throwing getter or proxy into a SchemaValidationError', () => {
    const hostile = hostileObject();
    expect(() => parseRequestEnvelope(hostile)).toThrow(SchemaValidationError);
  });

  it('never quote the offending value back (it may be a secret)', () => {
    const canary = `sk-proj-CANARY${'abc123def456ghi789'.repeat(2)}`; // built at run time: no key-shaped literal in the repo
    const result = safeParseAutomationPolicy({
      policy_id: canary,
      execution_mode: canary,
      [canary]: 1,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.message).not.toContain('CANARY');
    expect(JSON.stringify(result.problems)).not.toContain('CANARY');
    // The unknown key is named by its path, which is the one place a key may appear.
    expect(result.problems.some((p) => p.message.includes('remove it'))).toBe(true);
  });

  it('never quote back a short unknown key shaped like a credential', () => {
    // Built at run time: no key-shaped literal in the repo. 32, 20 and 16 characters.
    const stripe = `sk_live_${'Xq7Lm2Rt9Vb4'.repeat(2)}`;
    const awsKeyId = `AKIA${'Q7RZ2M4X'.repeat(2)}`;
    const hex = '9f86d081884c7d65';
    const result = safeParseAutomationPolicy({
      policy_id: 'p',
      [stripe]: 1,
      [awsKeyId]: 1,
      [hex]: 1,
      maxOutputTokens: 1,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = result.problems.map((p) => p.path);
    for (const key of [stripe, awsKeyId, hex]) expect(result.error.message).not.toContain(key);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$[<key of 32 characters>]',
        '$[<key of 20 characters>]',
        '$[<key of 16 characters>]',
        // A field name is still named, so the fix is obvious.
        '$.maxOutputTokens',
      ]),
    );
  });

  // Only keys longer than 32 characters or of 16+ mixing digits and letters were elided,
  // so an `AKIA` key id without a digit, a short password, a card number or an e-mail
  // address pasted as a key was quoted back. Now only a field-name shape is quoted.
  it.each([
    ['an AWS key id without a digit', () => `AKIA${'QRZMXWBT'.repeat(2)}`],
    ['a 15-character password', () => ['Xk9#mQ2', '$vL7!pZw'].join('')],
    ['a card number', () => ['4111', '1111', '1111', '1111'].join('')],
    ['an e-mail address', () => `bob.smith${'@'}example.com`],
    ['a phone number', () => '+44 20 7946 0958'],
    ['random mixed case', () => `hf_${'XbQpLmNzRtYvWkSjHg'.repeat(2)}`],
    ['a short token', () => 'x9fQ2mZ'],
    ['a UK NI number', () => ['AB', '123456', 'C'].join('')],
  ])('never quote back an unknown key that is %s', (_label, make) => {
    const key = make();
    const result = safeParseAutomationPolicy({ policy_id: 'p', [key]: 1 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.message).not.toContain(key);
    expect(JSON.stringify(result.problems)).not.toContain(key);
    expect(result.problems.map((p) => p.path)).toContain(`$[<key of ${key.length} characters>]`);
  });

  it.each([
    ['max_output_tokens', '$.max_output_tokens'],
    ['schemaVersion', '$.schemaVersion'],
    ['maxCostUsd', '$.maxCostUsd'],
    ['allowed_model', '$.allowed_model'],
    ['XMLHttpRequest', '$.XMLHttpRequest'],
    ['userID', '$.userID'],
    ['sha256', '$.sha256'],
    ['MAX_OUTPUT_TOKENS', '$.MAX_OUTPUT_TOKENS'],
    ['x-api-key', '$["x-api-key"]'],
    ['run.window', '$["run.window"]'],
  ])('still name a mistyped field name: %s', (key, path) => {
    const result = safeParseAutomationPolicy({ policy_id: 'p', [key]: 1 });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.problems.map((p) => p.path)).toContain(path);
  });

  it('list every problem, one line each, with a count', () => {
    try {
      parseRequestEnvelope({ schema_version: '1' });
      expect.unreachable();
    } catch (error) {
      const e = error as SchemaValidationError;
      // Six required fields missing; reasoning_effort is optional (decision 0010).
      expect(e.problems).toHaveLength(6);
      expect(e.message).toMatch(/^Invalid RequestEnvelopeV1 \(6 problems\); fix these fields:/);
      expect(e.message.split('\n')).toHaveLength(7);
      expect(e.message).toContain('$.run_id: is required');
      expect(e.message).not.toContain('$.reasoning_effort');
    }
  });

  it('say a present field of the wrong type has the wrong type, not that it is missing', () => {
    const result = safeParseAutomationPolicy({
      schema_version: '1',
      policy_id: 'p',
      execution_mode: 'local',
      requires_approval: 'no',
      max_cost_usd: '2',
      max_runtime_minutes: 1.5,
      allowed_models: 'gpt-5.2',
      run_windows: ['daily:00:00-24:00'],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.problems).toEqual([
      { path: '$.requires_approval', message: 'must be a boolean' },
      { path: '$.max_cost_usd', message: 'must be a number' },
      { path: '$.max_runtime_minutes', message: 'must be a whole number of minutes' },
      { path: '$.allowed_models', message: 'must be an array' },
    ]);
    expect(result.error.message).not.toContain('is required');
  });
});
