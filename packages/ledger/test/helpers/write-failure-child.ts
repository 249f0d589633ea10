// Child process of the write-failure test, run where writes fail (a folder it may not
// write, a file-size limit): does one ledger step and prints how it failed, as JSON.
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { isPmError } from '@pm/envelope-schemas';
import { openLedger } from '../../src/index.js';
import { runStart } from './records.js';

const [dir, runId, step] = process.argv.slice(2) as [
  string,
  string,
  'open' | 'putArtifact' | 'checkpoint' | 'append',
];
try {
  const { privateKey } = generateKeyPairSync('ed25519');
  const ledger = openLedger({ dir, runId, durability: 'none', signer: { privateKey } });
  // Records until the ledger outgrows the file-size limit the parent sets.
  if (step === 'append') for (;;) ledger.append(runStart({ note: 'x'.repeat(4096) }));
  if (step === 'checkpoint') {
    // The run directory becomes read-only under the open ledger (its owner is this child).
    chmodSync(ledger.runDir, 0o555);
    ledger.checkpoint();
  }
  // Larger than the file-size limit the parent sets for this step.
  if (step === 'putArtifact') {
    try {
      await ledger.putArtifact('x'.repeat(256 * 1024));
    } catch (error) {
      // A failed store changes nothing: the ledger still takes records.
      ledger.append(runStart());
      await ledger.detach();
      throw error;
    }
  }
  await ledger.detach();
  process.stdout.write(`${JSON.stringify({ failed: false })}\n`);
} catch (error) {
  const e = error as Error & { code?: string; details?: { errno?: string } };
  process.stdout.write(
    `${JSON.stringify({ failed: true, pm: isPmError(e), code: e.code, errno: e.details?.errno, message: e.message })}\n`,
  );
}
