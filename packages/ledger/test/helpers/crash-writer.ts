// Child process of the crash test: appends forever until SIGKILLed. After each append
// returns it prints the record's seq, so the parent knows what `append` had resolved.
import { openLedger } from '../../src/index.js';
import { request, response } from './records.js';

const [dir, runId, durability] = process.argv.slice(2) as [string, string, 'strict' | 'batch'];
const ledger = openLedger({ dir, runId, durability });
process.stdout.write(`ready ${ledger.records}\n`);
for (let n = 1; ; n++) {
  if (n % 4 === 0) {
    // An artifact (temp file, fsync, rename) and then the record naming it.
    const ref = await ledger.putArtifact(`output ${n} ${'x'.repeat(n % 700)}`, {
      mediaType: 'text/plain',
    });
    process.stdout.write(`${ledger.append(response(n, ref)).seq}\n`);
  } else {
    process.stdout.write(`${ledger.append(request(runId, n)).seq}\n`);
  }
}
