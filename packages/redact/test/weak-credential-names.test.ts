import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `PW=…`, `STRIPE_KEY=…`, `NPM_AUTH=…` and `?key=…` passed in clear: `pw`, `key` and
// `auth` were no credential names. `pw` is one now; `key` and `auth` name sort keys and
// ids as often, so their value is taken only when it looks machine-made. Values are generated.
const rng = createPrng(20261220);
const value = `${rng.chars(BASE62, 13)}4k`;

describe('short and weak credential names', () => {
  it.each([
    ['PW=', `PW=${value}`],
    ['an exported DB_PW', `export DB_PW="${value}"`],
    ['camelCase dbPw', `dbPw: ${value}`],
    ['STRIPE_KEY=', `STRIPE_KEY=${value}`],
    ['camelCase stripeKey', `const stripeKey = '${value}';`],
    ['NPM_AUTH=', `NPM_AUTH=${value}`],
    ['_auth=', `_auth=${value}`],
    ['a URL key parameter', `https://maps.example.com/x?key=${value}`],
    ['a URL key parameter between others', `https://maps.example.com/x?q=1&key=${value}&z=2`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    'SORT_KEY=name',
    'PRIMARY_KEY=id',
    'CACHE_KEY=user:42',
    'FOREIGN_KEY=fk_orders_2',
    'PARTITION_KEY=ORDER_ID_20240101',
    'cacheKey: UserProfile2024',
    'Idempotency-Key: 550e8400-e29b-41d4-a716-446655440000',
    `CACHE_KEY=key-${'3f9a2c1b'.repeat(4)}`,
    `NPM_AUTH=${Buffer.from('just some words here').toString('base64')}`,
    'The primary key: order_id_2024 is used for every row.',
    'Press any key: 12345678 to go on, or the auth: sso step.',
    'PW=short',
    'const KEY = /key-[0-9a-fA-F]{32}(?![A-Za-z0-9_-])/y;',
    'SORT_KEY=(created_at2,id)',
  ])('not %j', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('a name that only ends in key or auth letters (monkey, OAUTH) is no such name', () => {
    for (const name of ['monkey', 'OAUTH', 'hotkey']) {
      expect(spans(`${name}=${value}`), name).toEqual([]);
    }
  });

  it('redactValue replaces a pw member whole and keeps a sort key', () => {
    const { value: out } = createRedactor().redactValue({ pw: 'raspberry', sort_key: 'name' });
    expect(out).toEqual({ pw: expect.not.stringContaining('raspberry'), sort_key: 'name' });
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => 'A_KEY='.repeat(n / 6), detectSecrets, 1_000_000);
    expectLinearTime((n) => `STRIPE_KEY=${'aB1'.repeat(n / 3)}`, detectSecrets, 1_000_000);
  });
});
