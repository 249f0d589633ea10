import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';

// Tokens are built at run time (random bodies after each provider's documented prefix),
// so no credential-shaped literal sits in the repository.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}_-`;
function random(n: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** LLM providers first: their keys are what a host of this SDK most often holds. */
const tokens: Array<[string, () => string]> = [
  ['groq-api-key', () => `gsk_${random(52)}`],
  ['xai-api-key', () => `xai-${random(80, `${ALNUM}_`)}`],
  ['replicate-api-token', () => `r8_${random(37, URLSAFE)}`],
  ['perplexity-api-key', () => `pplx-${random(48)}`],
  ['pypi-token', () => `pypi-AgEIcHlwaS5vcmc${random(150, URLSAFE)}`],
  ['linear-api-key', () => `lin_api_${random(40)}`],
  ['notion-token', () => `ntn_${random(11, '0123456789')}${random(35)}`],
];

describe('prefixed tokens of LLM and developer-tool providers', () => {
  for (const [detector, make] of tokens) {
    it(`${detector}: found whole, as secret/generic, and replaced`, () => {
      const token = make();
      const text = `export KEY=${token}\ncurl -H "x-token: ${token}" https://api.example.com`;
      const hits = detectSecrets(`use ${token} now`);
      expect(hits).toEqual([
        { type: 'secret', kind: 'generic', start: 4, end: 4 + token.length, detector },
      ]);
      const out = createRedactor().redactText(text).text;
      expect(out).not.toContain(token.slice(-12));
    });
  }

  it('placeholders, model names and prefixes inside words are not tokens', () => {
    for (const text of [
      `gsk_${'x'.repeat(52)}`,
      'GROQ_API_KEY=gsk_...',
      `xai-${'X'.repeat(80)}`,
      'model: pplx-70b-online',
      'PERPLEXITY_API_KEY=pplx-***',
      'pypi-AgEIcHlwaS5vcmc...',
      `tr8_${random(37)}`,
      `foo-xai-${random(80)}`,
      'lin_api_your_linear_api_key_here_0000000',
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });
});
