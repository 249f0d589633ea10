import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor } from '../src/index.js';

// A value under a sensitive key was replaced whatever its shape, a placeholder included:
// redacting a redacted record again with the same redactor renumbered it
// (`{ password: '[SECRET_1]' }` became `[SECRET_2]`). Values are generated.
const rng = createPrng(20261217);
const value = `${rng.chars(BASE62, 14)}8w`;

describe('redactValue on a record it redacted', () => {
  it('changes nothing, with the same redactor', () => {
    const r = createRedactor();
    const record = {
      password: value,
      api_key: `${value}x`,
      env: [{ name: 'DB_PASSWORD', value: `${value}y` }],
      argv: ['mysql', '--password', `${value}z`],
      note: 'mail bob@example.com',
    };
    const once = r.redactValue(record);
    expect(JSON.stringify(once.value)).not.toContain(value);
    const twice = r.redactValue(once.value);
    expect(twice.value).toEqual(once.value);
    expect(twice.findings).toEqual([]);
  });

  it('still masks a value that only holds a placeholder among other text', () => {
    const out = createRedactor().redactValue({ password: `[SECRET_1]${value}` }).value;
    expect(out).toEqual({ password: '[SECRET_1]' });
  });
});
