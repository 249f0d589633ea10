import { readFileSync } from 'node:fs';
import { isCheckpointShape } from '../checkpoint.js';
import { verifyLedger } from '../verify-ledger.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';

/** `pm-ledger verify <runDir> [--public-key F] [--checkpoint F] [--workers N] [--json]`. */
export async function verifyCommand(
  runDir: string,
  flags: { publicKey?: string; checkpoint?: string; workers?: number; json: boolean },
  io: CliIo,
): Promise<number> {
  let checkpoint: unknown;
  if (flags.checkpoint !== undefined) {
    checkpoint = JSON.parse(readFileSync(flags.checkpoint, 'utf8'));
    if (!isCheckpointShape(checkpoint)) {
      io.err(`pm-ledger: ${flags.checkpoint} is not a ledger checkpoint (v1)\n`);
      return EXIT.unreadable;
    }
  }
  const result = await verifyLedger(runDir, {
    ...(flags.publicKey === undefined ? {} : { publicKey: flags.publicKey }),
    ...(isCheckpointShape(checkpoint) ? { checkpoint } : {}),
    ...(flags.workers === undefined ? {} : { workers: flags.workers }),
  });
  if (flags.json) {
    io.out(
      `${JSON.stringify({
        ok: result.ok,
        run_dir: runDir,
        records: result.records,
        head: result.head,
        size: result.size,
        checkpoint: result.checkpoint,
        problems: result.problems,
      })}\n`,
    );
  } else {
    const cp = result.checkpoint
      ? `, checkpoint at seq ${result.checkpoint.seq}${result.checkpoint.signed ? ' (signature valid)' : ' (unsigned check: pass --public-key)'}`
      : '';
    if (result.ok) {
      io.out(`ok: ${result.records} records, head ${result.head.slice(0, 16)}${cp}\n`);
    } else {
      const n = result.problems.length;
      io.out(`FAILED: ${n} problem${n === 1 ? '' : 's'} in ${result.records} records${cp}\n`);
      for (const p of result.problems.slice(0, 50)) {
        const where = p.line === null ? '' : `line ${p.line}: `;
        io.out(`  ${p.kind.padEnd(19)} ${where}${p.message}\n`);
      }
      if (n > 50) io.out(`  … and ${n - 50} more (use --json for all)\n`);
      if (result.problems.some((p) => p.kind === 'torn_tail')) {
        io.out('  hint: a torn tail is a crash mid-write; openLedger() on the run cuts it off.\n');
      }
    }
  }
  return result.ok ? EXIT.ok : EXIT.problems;
}
