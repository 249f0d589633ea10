import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';

// Azure AI services (Speech, Translator, Vision, Language) and API Management take their
// key in `Ocp-Apim-Subscription-Key`: 32 hex characters with no prefix, so only the name
// says it is one. Built at run time: no credential-shaped literal in the repository.
function hexKey(): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += '0123456789abcdef'[randomInt(16)];
  return out;
}

describe('subscription keys (Azure AI services, API Management)', () => {
  it('are found in a header, a curl flag, JSON and env', () => {
    const key = hexKey();
    for (const text of [
      `Ocp-Apim-Subscription-Key: ${key}`,
      `curl -H "Ocp-Apim-Subscription-Key: ${key}" https://westeurope.api.cognitive.microsoft.com`,
      `{"Ocp-Apim-Subscription-Key":"${key}"}`,
      `AZURE_SPEECH_SUBSCRIPTION_KEY=${key}`,
      `subscriptionKey: '${key}'`,
    ]) {
      const hits = detectSecrets(text);
      expect(hits, text).toHaveLength(1);
      expect(text.slice(hits[0]!.start, hits[0]!.end), text).toBe(key);
    }
  });

  it('are replaced under such a key in objects', () => {
    const key = hexKey();
    const out = createRedactor().redactValue({ headers: { 'Ocp-Apim-Subscription-Key': key } });
    expect(JSON.stringify(out.value)).not.toContain(key);
  });

  it('a subscription named without a key is left alone', () => {
    expect(detectSecrets('subscription: premium-2024, subscription_id=4f9a1c2e')).toEqual([]);
  });
});
