import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { SYNTHETIC_GITHUB_TOKEN } from './corpus/fixtures.js';

// Every character any detector found must be redacted: a finding inside a weaker one
// once dropped the weaker one whole and left the rest of it in clear.
describe('overlapping findings', () => {
  const r = createRedactor();
  const at = '@';

  it('a password ending in an e-mail address is redacted whole, as a secret', () => {
    const pw = `S3cr3t#Pass!admin${at}db.local`;
    const text = `DB_PASSWORD=${pw}`;
    const result = r.redactText(text);
    expect(result.text).toMatch(/^DB_PASSWORD=\[SECRET_\d+\]$/);
    expect(result.findings).toEqual([
      expect.objectContaining({ type: 'secret', kind: 'generic', start: 12, end: text.length }),
    ]);
  });

  it('a password ending in an IP address is redacted whole, as a secret', () => {
    const text = `password=Zx9!k#${'10.20.30.40'}`;
    expect(r.redactText(text).text).toMatch(/^password=\[SECRET_\d+\]$/);
    expect(r.scan(text)).toEqual([
      expect.objectContaining({ type: 'secret', start: 9, end: text.length }),
    ]);
  });

  it('a specific key inside a longer assignment value keeps its kind and takes the whole value', () => {
    const text = `password=ab:${SYNTHETIC_GITHUB_TOKEN}`;
    const found = detectSecrets(text);
    expect(found).toEqual([
      expect.objectContaining({ kind: 'github', start: 9, end: text.length }),
    ]);
    expect(r.redactText(text).text).toMatch(/^password=\[SECRET_\d+\]$/);
  });

  it('keeps findings sorted and non-overlapping when groups chain', () => {
    const text = `token=Zx9!k#${'10.20.30.40'} and mail bob${at}example.com, pass=Qw3rty!x${at}ex.org`;
    const found = r.scan(text);
    for (let i = 1; i < found.length; i++) {
      expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    }
    expect(found.map((f) => f.type)).toEqual(['secret', 'email', 'secret']);
    const out = r.redactText(text).text;
    expect(out).not.toContain('Zx9');
    expect(out).not.toContain('Qw3rty');
  });
});
