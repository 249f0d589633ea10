import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSecretValue, SecretValue } from '../src/index.js';

const canary = 'sk-proj-CANARY0123456789abcdefghijklmnopqrstuv';

describe('SecretValue', () => {
  const secret = new SecretValue(canary, 'env:OPENAI_API_KEY');

  it('prints as [REDACTED] through every path a value is usually printed', () => {
    const printed = [
      String(secret),
      `${secret}`,
      `${secret as unknown as string}x`,
      JSON.stringify({ apiKey: secret }),
      inspect(secret),
      inspect({ nested: { secret } }, { depth: 10, showHidden: true }),
      Object.keys(secret).join(','),
      JSON.stringify(Object.entries(secret)),
    ];
    for (const text of printed) expect(text).not.toContain('CANARY');
    expect(JSON.stringify({ apiKey: secret })).toBe('{"apiKey":"[REDACTED]"}');
  });

  it('reveals the value only on request, and records its source', () => {
    expect(secret.reveal()).toBe(canary);
    expect(secret.source).toBe('env:OPENAI_API_KEY');
  });

  it('is recognised across copies by its registered marker', () => {
    expect(isSecretValue(secret)).toBe(true);
    expect(isSecretValue({ reveal: () => canary })).toBe(false);
    expect(isSecretValue(canary)).toBe(false);
  });

  it('cannot be modified', () => {
    expect(() => {
      (secret as unknown as { source: string }).source = 'x';
    }).toThrow(TypeError);
  });
});
