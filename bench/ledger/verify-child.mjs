// Verifies one run directory in a fresh process, as `pm-ledger verify` does: the first
// pass pays V8's warm-up, the second shows the warm rate. argv: runDir, workers ("" for
// the default), passes. Prints one JSON line: the seconds of each pass.
// Plain JavaScript run by bare `node`, like the CLI: under `--import tsx` the process and
// every helper thread it starts (they inherit execArgv) would load tsx's hooks first.
import { verifyLedger } from '../../packages/ledger/dist/index.js';

const [runDir = '', workers = '', passes = '2'] = process.argv.slice(2);
const seconds = [];
for (let pass = 0; pass < Number(passes); pass++) {
  const start = process.hrtime.bigint();
  const result = await verifyLedger(runDir, workers === '' ? {} : { workers: Number(workers) });
  seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  if (!result.ok) throw new Error(`${runDir} did not verify: ${result.problems[0]?.message}`);
}
console.log(JSON.stringify({ seconds }));
