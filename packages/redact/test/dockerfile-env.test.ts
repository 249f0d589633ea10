import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A Dockerfile's `ENV DB_PASSWORD <value>` (the form without `=`) passed in clear: the
// assignment scan sees no `=` or `:`. Values are generated.
const rng = createPrng(20261218);
const value = `${rng.chars(BASE62, 14)}6t`;

describe("a Dockerfile's ENV without =", () => {
  it.each([
    `FROM node:20\nENV DB_PASSWORD ${value}\nRUN npm ci`,
    `ENV API_TOKEN "${value}"`,
    `  ENV npm_token '${value}'  \r\nUSER app`,
  ])('%j', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    'ENV DB_PASSWORD_FILE /run/secrets/db',
    'ENV NODE_ENV production',
    'ENV API_TOKEN $API_TOKEN',
    `RUN echo ENV DB_PASSWORD ${value}`,
    'ENV DB_PASSWORD changeme',
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated instructions', () => {
    expectLinearTime((n) => 'ENV A_TOKEN \n'.repeat(n / 13), detectSecrets, 1_000_000);
    expectLinearTime((n) => `ENV A_TOKEN ${'a '.repeat(n / 2)}`, detectSecrets, 1_000_000);
  });
});
