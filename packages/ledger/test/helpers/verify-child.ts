// Verifies a run directory in a process of its own (started with a heap limit by the
// test) and prints what verifyLedger found as one JSON line.
import { verifyLedger } from '../../src/index.js';

const [runDir = ''] = process.argv.slice(2);
const result = await verifyLedger(runDir, { workers: 0 });
const kinds = [...new Set(result.problems.map((p) => p.kind))];
console.log(
  JSON.stringify({ problems: result.problems.length, omitted: result.problemsOmitted, kinds }),
);
