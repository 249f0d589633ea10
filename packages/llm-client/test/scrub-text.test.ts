import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../src/secrets/scrub-text.js';

describe('scrubSecrets', () => {
  it('removes the user-info of URLs, a token alone included (detectSecrets finds only passwords)', () => {
    const password = randomBytes(12).toString('hex'); // built at run time: no literal
    const token = randomBytes(16).toString('hex');
    const text = `upstream https://svc:${password}@internal.example/v1 failed; retry via https://${token}@mirror.example`;
    const out = scrubSecrets(text);
    // Before: both kept, and written to the error record and the call.failed event.
    expect(out).not.toContain(password);
    expect(out).not.toContain(token);
    expect(out).toBe(
      'upstream https://[REDACTED]@internal.example/v1 failed; retry via https://[REDACTED]@mirror.example',
    );
  });

  it('leaves URLs without user-info and e-mail addresses alone', () => {
    const text = 'see https://api.openai.com/v1/chat?x=1 or mail ops@example.com';
    expect(scrubSecrets(text)).toBe(text);
  });
});
