import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// The full-width colon (U+FF1A) that Chinese and Japanese input methods type after a
// name: `password：…` passed in clear, as only `:` and `=` were read. Values are generated.
const rng = createPrng(20261209);
const value = `${rng.chars(BASE62, 12)}3k`;

describe('a credential after a full-width colon', () => {
  it.each([
    `password：${value}`,
    `数据库 db_password：${value} です`,
    `API_KEY： ${value}\n`,
    `用户 bob，password：${value} 谢谢`,
  ])('%j', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text.includes(value)).toBe(false);
  });

  it.each([`说明：${value}`, 'password：请联系管理员', `password：\${DB_PASSWORD}`])(
    'leaves %j alone',
    (text) => {
      expect(detectSecrets(text)).toEqual([]);
    },
  );

  it('is linear on repeated names and colons', () => {
    expectLinearTime((n) => 'password：'.repeat(n / 9), detectSecrets, 1_000_000);
    expectLinearTime((n) => `password${'：'.repeat(n)}`, detectSecrets, 1_000_000);
  });
});
