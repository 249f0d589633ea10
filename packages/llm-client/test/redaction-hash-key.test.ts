import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLLMClient, SecretValue } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'pm-hash-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

describe('createLLMClient({ redaction: { hashKey } })', () => {
  it('takes the key as a SecretValue (typed), hashes with it, and records it nowhere', async () => {
    const raw = randomBytes(32).toString('hex'); // built at run time: no key literal in the repo
    const dir = join(root, 'hashed');
    const client = createLLMClient({
      ledger: { dir },
      // Before: a type error, though the redactor takes a SecretValue.
      redaction: { profile: 'hashed-retail', hashKey: new SecretValue(raw, 'vault') },
    });
    const run = await client.startRun({ runId: 'r' });
    const email = ['shopper', 'example.com'].join('@');
    const result = await run.generateText({
      model: 'gpt-5.2',
      input: `orders of ${email}`,
      maxOutputTokens: 10,
    });
    expect(result.envelope.redaction_profile).toMatch(/^hashed-retail@/);
    await run.end();
    for (const file of files(dir)) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(raw);
      expect(text).not.toContain(email);
    }
  });
});
