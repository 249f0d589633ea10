// A verification helper thread (see verify-helpers.ts): checks the batches of lines it is
// sent, in order, and sends back each batch's result. Its checks come as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import { type LineBatch, unpackLines } from './line-batch.js';
import { type BatchChecks, BatchVerifier } from './verify-batch.js';

const port = parentPort;
if (port !== null) {
  const verifier = new BatchVerifier(workerData as BatchChecks);
  port.on('message', (batch: LineBatch) => port.postMessage(verifier.verify(unpackLines(batch))));
  port.postMessage('ready');
}
