import { describe, expect, it } from 'vitest';
import { buildDisclosure, createRedactor, describeTable } from '../src/index.js';

// `JSON.parse` gives an own `__proto__` key; assigned with `out[key] = …` it set the
// copy's prototype instead, and the value vanished from the output and from its JSON.
const email = `alice${'@'}example.com`;
const parsed = (json: string) => JSON.parse(json) as Record<string, unknown>;

describe('a `__proto__` key is kept as a key', () => {
  it('redactValue copies it as an own property, redacted', () => {
    const out = createRedactor().redactValue(parsed(`{"__proto__":{"x":"${email}"},"b":1}`));
    const value = out.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"__proto__":{"x":"[EMAIL_1]"},"b":1}');
  });

  it('describeTable and buildDisclosure keep the time range of a `__proto__` column', () => {
    const rows = [parsed('{"__proto__":"2024-01-31"}')];
    expect(JSON.stringify(describeTable(rows).timeRanges)).toBe(
      '{"__proto__":{"start":"2024-01-31T00:00:00.000Z","end":"2024-01-31T00:00:00.000Z"}}',
    );
    const d = buildDisclosure(rows, { level: 2, profile: 'homebrew' });
    expect(Object.keys(d.shape?.timeRanges ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(d.shape?.timeRanges)).toBe(Object.prototype);
  });
});

describe('a row with a prototype of its own', () => {
  it('describeTable counts its own members as columns, not inherited ones', () => {
    const defaults = { region: 'eu', tier: 'free' };
    const row = Object.assign(Object.create(defaults) as Record<string, unknown>, {
      id: 1,
      email,
    });
    const table = describeTable([row, { id: 2 }]);
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'email']);
    expect(JSON.stringify(row)).toBe(`{"id":1,"email":"${email}"}`);
  });
});
