import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidLedgerArgumentError, openLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** The error `f` throws (fails the test when it throws nothing). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('arguments of the wrong type get InvalidLedgerArgumentError, not a TypeError', () => {
  it('append: a stage that is not a string; nothing is written', () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    for (const stage of [5, {}, true]) {
      const error = thrown(() => ledger.append({ ...r.alert(), stage: stage as never }));
      expect(error).toBeInstanceOf(InvalidLedgerArgumentError);
      expect((error as Error).message).toMatch(/stage must be a string/);
    }
    expect(ledger.records).toBe(0);
    expect(readFileSync(join(dir, 'run-1', 'ledger.jsonl'), 'utf8')).toBe('');
  });

  it.each([null, 5, true])('openLedger: durability %s; nothing is created', (durability) => {
    const dir = tempDir();
    const error = thrown(() =>
      openLedger({ dir, runId: 'run-1', durability: durability as never }),
    );
    expect(error).toBeInstanceOf(InvalidLedgerArgumentError);
    expect((error as Error).message).toMatch(/durability must be 'strict', 'batch', 'none'/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('openLedger: an unknown durability is named when it is a word, never when it may be a key', () => {
    const dir = tempDir();
    const misspelt = thrown(() => openLedger({ dir, runId: 'run-1', durability: 'fast' as never }));
    expect((misspelt as Error).message).toMatch(/^Unknown durability "fast": use 'strict'/);
    // A key pasted into the wrong option (built at run time: no key-shaped literal here).
    const key = ['sk', 'proj', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4'].join('-');
    for (const durability of [key, { mode: key }]) {
      const error = thrown(() =>
        openLedger({ dir, runId: 'run-1', durability: durability as never }),
      );
      expect(error).toBeInstanceOf(InvalidLedgerArgumentError);
      expect((error as Error).message).toContain(`(a string of ${key.length} characters)`);
      expect((error as Error).message).not.toContain(key.slice(8));
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('openLedger: a signer that is not an object, never echoing it; nothing is created', () => {
    const dir = tempDir();
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    for (const signer of [null, 'x', pem, 7]) {
      const error = thrown(() => openLedger({ dir, runId: 'run-1', signer: signer as never }));
      expect(error).toBeInstanceOf(InvalidLedgerArgumentError);
      expect((error as Error).message).toMatch(/signer must be an object/);
      expect((error as Error).message).not.toContain('PRIVATE KEY');
    }
    for (const privateKey of [null, 5]) {
      const error = thrown(() =>
        openLedger({ dir, runId: 'run-1', signer: { privateKey } as never }),
      );
      expect(error).toBeInstanceOf(InvalidLedgerArgumentError);
      expect((error as Error).message).toMatch(/signer.privateKey must be/);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
