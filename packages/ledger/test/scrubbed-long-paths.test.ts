import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../src/index.js';
import { makeCanaries } from './helpers/canaries.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('a scrubbed path longer than the schema allows', () => {
  // `$.data.config["` is 15 characters: 1007 more put the first emoji's high surrogate
  // at index 1022, the last one the 1024-character cut (1023 + "…") keeps.
  it.each([1006, 1007, 1008])(
    'is cut whole characters at a time (member name of %i letters, then emoji)',
    async (letters) => {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
      const secret = makeCanaries()[0]!.secret;
      const name = `${'a'.repeat(letters)}😀😀`;
      const record = ledger.append(r.runStart({ provider: 'offline', [name]: secret }));
      const path = record.scrubbed?.[0]?.path ?? '';
      expect(path.length).toBeLessThanOrEqual(1024);
      expect((path as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
      expect(path.endsWith('…')).toBe(true);
      await ledger.close();
      expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
    },
  );
});
