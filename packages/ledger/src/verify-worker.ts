// A verification helper thread (see verify-helpers.ts): checks the batches of lines it is
// sent, in order, and sends back each batch's result. Its checks come as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { type LineBatch, unpackLines } from './line-batch.js';
import type { LineVerdict } from './line-inspector.js';
import { linkedRunOf } from './linked-run.js';
import { type BatchChecks, BatchVerifier } from './verify-batch.js';

const port = parentPort;
if (port !== null) {
  const verifier = new BatchVerifier(workerData as BatchChecks);
  port.on('message', (batch: LineBatch) => {
    const result = verifier.verify(unpackLines(batch));
    // Most batches are one linked run: one object to send instead of one per line.
    const run = linkedRunOf(result.verdicts as LineVerdict[]);
    port.postMessage(run === null ? result : { ...result, verdicts: run });
  });
  port.postMessage('ready');
}
