// Child process of the async-close crash test: signs a checkpoint with an asynchronous
// signer, then calls close() with a signer that never answers, says "closing" and waits
// (close() holds run_end while it awaits the signature) until the parent SIGKILLs it.
import { createPrivateKey, sign } from 'node:crypto';
import { openLedger } from '../../src/index.js';
import * as r from './records.js';

const [dir, runId, privatePem] = process.argv.slice(2) as [string, string, string];
const privateKey = createPrivateKey(privatePem);
let calls = 0;
const ledger = openLedger({
  dir,
  runId,
  signer: {
    // The first signature (checkpointAsync) is answered; close()'s never is.
    sign: (message) =>
      ++calls === 1 ? Promise.resolve(sign(null, message, privateKey)) : new Promise(() => {}),
    timeoutMs: 600_000,
  },
});
ledger.append(r.runStart());
ledger.append(r.request(runId, 1));
await ledger.checkpointAsync();
ledger.append(r.request(runId, 2));
void ledger.close();
process.stdout.write('closing\n');
setInterval(() => {}, 1_000);
