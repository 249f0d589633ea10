import { describe, expect, it } from 'vitest';
import { BASE62, BASE64URL, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';

const rng = createPrng(20261205);

/** Short marks a random key spells by chance (about 1 in 3,000 keys of 150 characters). */
const CHANCE_MARKS = ['FAKE', 'fake', 'FaKe', 'xXxX', 'XXXX', 'Your', 'YOUR', 'dummy', 'Insert'];

/** `body` with `mark` written over it at a random place. */
function spell(body: string, mark: string): string {
  const at = rng.int(0, body.length - mark.length);
  return body.slice(0, at) + mark + body.slice(at + mark.length);
}

/** Keys of each kind whose random part is given: [kind, key]. */
const KEYS: Array<[string, (mark: string) => string]> = [
  ['openai', (m) => `sk-proj-${spell(rng.chars(BASE64URL, 156), m)}`],
  ['anthropic', (m) => `sk-ant-api03-${spell(rng.chars(BASE64URL, 93), m)}AA`],
  ['github', (m) => `ghp_${spell(rng.chars(BASE62, 36), m)}`],
  ['stripe', (m) => `sk_live_${spell(rng.chars(BASE62, 24), m)}`],
  ['google', (m) => `AIza${spell(rng.chars(BASE64URL, 35), m)}`],
  ['slack', (m) => `xoxb-${rng.digits(12)}-${rng.digits(13)}-${spell(rng.chars(BASE62, 24), m)}`],
];

describe('placeholder marks a random key spells by chance', () => {
  it.each(KEYS)('still reports a key of kind %s whose random part spells one', (kind, make) => {
    for (const mark of CHANCE_MARKS) {
      for (let i = 0; i < 5; i++) {
        const key = make(mark);
        const text = `KEY=${key}`;
        const found = detectSecrets(text);
        expect(found, `${kind} key with ${mark}`).toMatchObject([{ kind, start: 4 }]);
        expect(found[0]!.end).toBe(text.length);
      }
    }
  });

  it.each([
    'OPENAI_API_KEY=sk-proj-fake-key-for-the-tests',
    'ANTHROPIC_API_KEY=sk-ant-api03-your-key-goes-here-AA',
    'STRIPE_KEY=sk_live_dummy_key_for_local_dev',
    'GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    'GOOGLE_API_KEY=AIzaFAKE_KEY_FOR_LOCAL_DEV_ONLY_1234567',
    'password = "fakesecret"',
    'api_key: "dummy-api-key-1"',
    'token: "InsertYourTokenHere"',
  ])('ignores the placeholder %j, built from the same marks', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
