import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// Under `*_KEY` names only base64-like values with letters and digits were taken, so hex
// keys (`DB_KEY=a3f9…`, `RAILS_MASTER_KEY=…`) and typed passwords with symbols
// (`SERVICE_KEY=p@55!w0rd#x`) passed in clear. Both are taken now, unless the word before
// `key` names an id or a public key (decision 0025). Values are generated.
const rng = createPrng(20261224);
const HEX = '0123456789abcdef';
const hex = (n: number) => {
  for (;;) {
    const h = rng.chars(HEX, n);
    if (/\d/.test(h) && /[a-f]/.test(h)) return h;
  }
};
const key32 = hex(32);
const password = `p@5${rng.digits(1)}!w0rd#x`;

describe('hex and symbol values under *_KEY names', () => {
  it.each([
    ['hex of 16 under DB_KEY', (v: string) => `DB_KEY=${v}`, hex(16)],
    ['hex of 32 under RAILS_MASTER_KEY', (v: string) => `RAILS_MASTER_KEY=${v}`, key32],
    ['upper-case hex', (v: string) => `DB_KEY=${v}`, key32.toUpperCase()],
    ['quoted hex in code', (v: string) => `const encryptionKey = "${v}";`, hex(64)],
    ['0x hex in YAML', (v: string) => `signingKey: 0x${v}`, hex(64)],
    ['a symbol password', (v: string) => `SERVICE_KEY=${v}`, password],
    ['a symbol password in JSON', (v: string) => `{"key": "${v}"}`, password],
    ['a symbol password under auth', (v: string) => `NPM_AUTH='${v}'`, password],
  ])('%s', (_, make, value) => {
    const text = make(value);
    const found = spans(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(value);
  });

  it.each([
    'KEY=value',
    'SORT_KEY=created_at',
    `CACHE_KEY=${key32}`,
    `cacheKey = "${key32}"`,
    `dedup_key=${key32}`,
    `{"key":"${key32}","hits":3}`,
    `<li key="${key32}">`,
    `ENV GPG_KEY ${hex(40).toUpperCase()}`,
    `GPG_KEY=${hex(40).toUpperCase()}`,
    `PUBLIC_KEY=${hex(64)}`,
    'DB_KEY=deadbeefcafebabe',
    'DB_KEY=1234567890123456',
    `DB_KEY=${hex(15)}`,
    'sortKey: "USER#123"',
    'KEY=ORDER#2024-01-05#x1',
    'partitionKey: "tenant#42!"',
    'NOTIFY_KEY=bob2@example.com',
    'DEPLOY_KEY=deploy@ci01',
    'COLOR_KEY=#ff00aa11',
    'MY_KEY=$'.concat('{SECRET_1234}'),
    'key=$HOME1234',
    'DB_KEY=*.example1.com',
    'APP_KEY=p@5!w0r',
  ])('not %j', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => `DB_KEY=${'a1'.repeat(n / 2)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => `DB_KEY=${'a1!@'.repeat(n / 4)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'x_KEY=a1!@ '.repeat(n / 11), detectSecrets, 1_000_000);
  });
});
