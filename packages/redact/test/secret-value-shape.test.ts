import { describe, expect, it } from 'vitest';
import { isSecretValue } from '../src/detectors/secrets/secret-value-shape.js';

describe('isSecretValue (the value of a credential-named assignment)', () => {
  it.each([
    ['s3cr3t-Pa55!', false],
    ['4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c', true],
    ['Zq8Lm4-w9Tp_c2YeQx7', false],
    ['Tr0ub4dor&3', true],
    ['hunter2', false],
    ['83920174', true],
    ['aGVsbG8gd29ybGQgdGhpcyBpcyBh', false],
    ['Ur9yxPEAW3.JYdjbe', true],
    ['qXbTRWkZmPvLdHsN', true],
  ])('takes %j (bare: %s)', (value, bare) => {
    expect(isSecretValue(value, bare, false)).toBe(true);
  });

  it.each([
    // versions, numbers with units, dates, paths, URLs, references
    '^1.0.21',
    '9.0.10',
    '~1.0.3',
    '7.4×',
    '32-character',
    '2026-11-22T05:00:00Z',
    '/run/secrets/api_token',
    'https://example.com/token',
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db',
    'ENC[AES256_GCM,data:Tr7o1AxZ]',
    // markers, markup, JSON
    '[REDACTED]',
    '[SECRET_2]',
    '<kind',
    '{password}',
    // ordinary words, identifiers, algorithm names, credential words with a counter
    'mask',
    'env-key',
    'same-origin',
    'num_tokens_from_messages',
    'postgres-credentials',
    'startTagBeforeHtml',
    'XMLHttpRequest',
    'HS256',
    'aes-256-gcm',
    'secret123',
    'password1',
    // prose and short values
    'at least 12',
    '12345',
  ])('rejects %j', (value) => {
    expect(isSecretValue(value, false, false)).toBe(false);
  });

  it.each([
    "OpenAIProviderOptions['apiKey'",
    'Promise<string',
    'canaries.apiKey!',
    'config?.apiKey',
    'tokens.tokens[i',
    'nextSpecialMatch![1',
    'z.string().min(12',
    'process.env.API_KEY',
    '!vault',
    '*default_password',
  ])('rejects the unquoted code %j', (value) => {
    expect(isSecretValue(value, true, false)).toBe(false);
  });

  it('takes a word only as a URL query parameter, where nothing but data goes', () => {
    expect(isSecretValue('testpassword', true, true)).toBe(true);
    expect(isSecretValue('testpassword', true, false)).toBe(false);
  });
});
