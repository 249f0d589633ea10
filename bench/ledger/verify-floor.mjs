// The floor under verification, in a fresh process like verify-child.mjs: what one thread
// takes only to read the ledger a MiB at a time, `JSON.parse` each line and SHA-256 its
// body (the claimed hash cut off), with no schema, chain, secret or artifact check. With
// `artifacts`, it then also opens, reads, closes and SHA-256s each stored artifact, as a
// verification must. No verification of that ledger on one thread can beat this figure,
// so the bench prints it beside the verify rows. argv: runDir, "artifacts" or "". Prints
// one JSON line: the seconds taken.
import { hash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

const [runDir = '', withArtifacts = ''] = process.argv.slice(2);
const HASH_MEMBER = ',"hash":"';
/** `,"hash":"` with 64 hex digits and the closing quote. */
const HASH_MEMBER_LENGTH = HASH_MEMBER.length + 65;
const TAG = 'pm-ledger/record/v1\n';

const start = process.hrtime.bigint();
const fd = openSync(join(runDir, 'ledger.jsonl'), 'r');
const chunk = Buffer.allocUnsafe(1 << 20);
let rest = '';
let records = 0;
for (let got = readSync(fd, chunk); got > 0; got = readSync(fd, chunk)) {
  const text = rest + chunk.toString('utf8', 0, got);
  let from = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
    const line = text.slice(from, end);
    from = end + 1;
    const record = JSON.parse(line);
    const at = line.lastIndexOf(HASH_MEMBER);
    const body = line.slice(0, at) + line.slice(at + HASH_MEMBER_LENGTH);
    if (hash('sha256', TAG + body) === record.hash) records++;
  }
  rest = text.slice(from);
}
closeSync(fd);
if (withArtifacts === 'artifacts') {
  const store = join(runDir, 'artifacts', 'sha256');
  for (const name of readdirSync(store)) {
    if (hash('sha256', readFileSync(join(store, name))) === name) records++;
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
// `records` is printed so neither loop's work can be optimised away.
console.log(JSON.stringify({ seconds: [seconds], counted: records }));
