import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectSecrets } from '@pm/redact';
import { describe, expect, it } from 'vitest';
// The labelled corpus @pm/redact's quality suite scores its detectors on.
import { loadCorpus } from '../../redact/test/corpus/corpus.js';
import { holdsSecret } from '../src/clean-string-cache.js';
import { openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/**
 * Texts that set up a context for whatever follows them: a name waiting for its value, a
 * header without its token, an open quote, a command waiting for its password.
 */
const LEADS = [
  'key=',
  'password:',
  'password =',
  'export PASSWORD=',
  'DB_PASSWORD=\\',
  '- name: DB_PASSWORD',
  'value:',
  'Authorization:',
  'Authorization: Bearer',
  'machine h login u',
  'mysql -u root -p',
  '--password',
  '{"a":"',
  '"',
  '<password>',
  '# example',
  'a\\',
];

describe('scans of many strings at once (records, artifacts)', () => {
  it('find every secret of the redact corpus, whatever text stands next to it', () => {
    const positives = loadCorpus()
      .map((c) => c.text)
      .filter((text) => detectSecrets(text).length > 0);
    expect(positives.length).toBeGreaterThan(2000);
    const missed: string[] = [];
    for (const text of positives) {
      for (const lead of LEADS) {
        if (!holdsSecret([lead, text, lead])) missed.push(`${lead} | ${text.slice(0, 60)}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('never let a string of a record hide the next one, nor mark it clean for later records', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    const password = `Pw${randomBytes(9).toString('hex')}`;
    const dsn = `"jdbc:postgresql://db:5432/app?sslmode=disable&password=${password}&user=app"`;
    // Members are walked in name order: `a` then `b`, so `key=` comes right before the DSN.
    ledger.append(r.runStart({ a: 'key=', b: dsn }));
    ledger.append(r.runStart({ b: dsn }));
    await ledger.close();
    const runDir = join(dir, 'run-1');
    // A boolean, so a failure does not print the password.
    expect(readFileSync(join(runDir, 'ledger.jsonl'), 'utf8').includes(password)).toBe(false);
    expect((await verifyLedger(runDir)).ok).toBe(true);
  });
});
