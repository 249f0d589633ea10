// The floor under verification, in a fresh process like verify-child.mjs: what one thread
// takes only to read the ledger a MiB at a time, check each chunk is UTF-8, decode each
// line, `JSON.parse` it and SHA-256 its body (the claimed hash cut off), with no schema,
// chain, secret or artifact check. With `artifacts`, it then also opens, reads, closes and
// SHA-256s each stored artifact, as a verification must. No verification of that ledger
// on one thread can beat this figure, so the bench prints it beside the verify rows.
// argv: runDir, "artifacts" or "". Prints one JSON line: the seconds taken.
//
// Lines are decoded one by one out of the read buffer, as the verifier decodes them: a
// whole MiB decoded into one string lands in V8's large-object space, fresh memory each
// time, and on a VM whose page faults are dear that alone took 0.1 s per 30 MB, twice the
// time of the rest of the read (decision 0008): a floor that pays it is no floor.
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

const [runDir = '', withArtifacts = ''] = process.argv.slice(2);
const HASH_MEMBER = ',"hash":"';
/** `,"hash":"` with 64 hex digits and the closing quote. */
const HASH_MEMBER_LENGTH = HASH_MEMBER.length + 65;
const TAG = 'pm-ledger/record/v1\n';
const NEWLINE = 0x0a;

/** Records whose body hashes to the hash they claim. */
function hashedLines(fd) {
  let buffer = Buffer.allocUnsafe(1 << 20);
  let records = 0;
  // Bytes of an unfinished line carried to the front of the buffer.
  let kept = 0;
  for (;;) {
    if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    const got = readSync(fd, buffer, kept, buffer.length - kept, null);
    if (got === 0) return records;
    const end = kept + got;
    if (!isUtf8(buffer.subarray(0, end))) throw new Error('the ledger is not UTF-8');
    let from = 0;
    for (
      let at = buffer.indexOf(NEWLINE, kept);
      at !== -1 && at < end;
      at = buffer.indexOf(NEWLINE, from)
    ) {
      const line = buffer.toString('utf8', from, at);
      from = at + 1;
      const record = JSON.parse(line);
      const cut = line.lastIndexOf(HASH_MEMBER);
      const body = line.slice(0, cut) + line.slice(cut + HASH_MEMBER_LENGTH);
      if (hash('sha256', TAG + body) === record.hash) records++;
    }
    kept = end - from;
    buffer.copy(buffer, 0, from, end);
  }
}

const start = process.hrtime.bigint();
const fd = openSync(join(runDir, 'ledger.jsonl'), 'r');
let records = hashedLines(fd);
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
