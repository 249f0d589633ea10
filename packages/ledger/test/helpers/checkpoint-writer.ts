// Child process of the checkpoint tests: signs one checkpoint of run `runId` under `dir`
// and prints "signed". Run apart because a blocking open (of a FIFO) cannot be
// interrupted in-process: the parent kills this process if it hangs.
import { generateKeyPairSync } from 'node:crypto';
import { openLedger } from '../../src/index.js';
import { alert } from './records.js';

const [dir, runId] = process.argv.slice(2) as [string, string];
const { privateKey } = generateKeyPairSync('ed25519');
const ledger = openLedger({ dir, runId, durability: 'none', signer: { privateKey } });
ledger.append(alert());
ledger.checkpoint();
await ledger.close();
process.stdout.write('signed\n');
