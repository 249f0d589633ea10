import { describe, expect, it } from 'vitest';
import { BASE62, BASE64, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { spans } from './helpers/spans.js';

// Rails' `SECRET_KEY_BASE=<128 hex>` passed in clear: `_base` after `secret_key` was read as
// no credential name. Laravel's `APP_KEY=base64:<44 base64>` too: under the weak `*_KEY`
// name its `:` read as a cache key's namespace. Values are generated.
const rng = createPrng(20261207);
const HEX = '0123456789abcdef';
const hex = (n: number) => {
  for (;;) {
    const h = rng.chars(HEX, n);
    if (/\d/.test(h) && /[a-f]/.test(h)) return h;
  }
};
const base64Key = () => {
  for (;;) {
    const b = `${rng.chars(BASE64, 43)}=`;
    if (/\d/.test(b) && /[A-Za-z]/.test(b)) return b;
  }
};
const railsSecret = hex(128);
const laravelKey = `base64:${base64Key()}`;
const nextAuthSecret = base64Key();
const randomSecret = `${rng.chars(BASE62, 30)}7q`;

describe('well-known framework secret names', () => {
  it.each([
    ['Rails SECRET_KEY_BASE in an env file', `SECRET_KEY_BASE=${railsSecret}`, railsSecret],
    ['exported', `export SECRET_KEY_BASE=${railsSecret}`, railsSecret],
    ['secrets.yml', `production:\n  secret_key_base: ${railsSecret}\n`, railsSecret],
    ['camelCase', `secretKeyBase: "${railsSecret}"`, railsSecret],
    ['Laravel APP_KEY', `APP_KEY=${laravelKey}`, laravelKey],
    ['Laravel APP_KEY quoted in JSON', `{"APP_KEY": "${laravelKey}"}`, laravelKey],
    ['NEXTAUTH_SECRET', `NEXTAUTH_SECRET=${nextAuthSecret}`, nextAuthSecret],
    ['JWT_SECRET', `JWT_SECRET=${randomSecret}`, randomSecret],
    ['SESSION_SECRET', `SESSION_SECRET=${railsSecret.slice(0, 64)}`, railsSecret.slice(0, 64)],
    ['COOKIE_SECRET', `COOKIE_SECRET=${randomSecret}`, randomSecret],
  ])('%s', (_, text, secret) => {
    expect(spans(text)).toEqual([secret]);
    expect(createRedactor().redactText(text).text).not.toContain(secret);
  });

  it('replaces a secret_key_base member whole in redactValue', () => {
    const out = createRedactor().redactValue({ secret_key_base: 'raspberry' });
    expect(JSON.stringify(out)).not.toContain('raspberry');
  });

  it.each([
    // Text, not a key: the `base64:` prefix of a data URI-like setting, or encoded text.
    `APP_KEY=base64:${Buffer.from('hello world, this is text').toString('base64')}`,
    'APP_KEY=base64:',
    'CACHE_KEY=base64:' + 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldY',
    'TOKEN_BASE=https://auth.example.com/token',
    'SECRET_KEY_BASE=<%= ENV["SECRET_KEY_BASE"] %>',
  ])('leaves %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
