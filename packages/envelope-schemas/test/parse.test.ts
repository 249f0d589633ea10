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

  it('list every problem, one line each, with a count', () => {
    try {
      parseRequestEnvelope({ schema_version: '1' });
      expect.unreachable();
    } catch (error) {
      const e = error as SchemaValidationError;
      expect(e.problems).toHaveLength(7);
      expect(e.message).toMatch(/^Invalid RequestEnvelopeV1 \(7 problems\); fix these fields:/);
      expect(e.message.split('\n')).toHaveLength(8);
      expect(e.message).toContain('$.run_id: is required');
    }
  });
});
