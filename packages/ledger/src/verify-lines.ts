import type { ArtifactCheck } from './artifact-check.js';
import type { ChainChecker } from './chain-checker.js';
import type { LedgerProblem } from './ledger-problem.js';
import {
  batchLine,
  endsLineInside,
  LineBatchBuilder,
  type LinePosition,
  SharedBufferPool,
  unpackLines,
} from './line-batch.js';
import { forEachChunk, LineSplitter, type LineTail } from './line-reader.js';
import { type BatchChecks, type BatchResult, BatchVerifier } from './verify-batch.js';
import type { VerifyHelpers } from './verify-helpers.js';

/** Batches read ahead of the oldest one not yet linked (bounds memory: ~1 MB each). */
const MAX_QUEUED_BATCHES = 8;

/**
 * Line problems kept, the first in file order; the rest are counted. A ledger damaged on
 * every line (converted to CRLF, say) had one problem per line in memory: 300,000 lines
 * took 560 MB. 10,000 problems take a few MB.
 */
export const MAX_LINE_PROBLEMS = 10_000;

/** What checking every line found, besides the problems pushed. */
export interface LinesChecked {
  /** Where the complete lines end, and the unterminated bytes after them. */
  tail: LineTail;
  /** Number of the last complete line (0 for none). */
  lastLine: number;
  /** The record ending exactly at `checkpointSize`, when one does. */
  atCheckpoint: { seq: number; hash: string } | null;
  /** Line problems found beyond the first {@link MAX_LINE_PROBLEMS}: counted, not kept. */
  problemsOmitted: number;
}

/**
 * Checks every line of `file` and links them with `checker`, pushing problems in file
 * order. Lines go in batches (a chunk's lines each) to a {@link BatchVerifier} on this
 * thread, or to `helpers` with room while this thread checks other batches; verdicts are
 * linked in order as they come in.
 */
export async function checkLines(
  file: string,
  checker: ChainChecker,
  problems: LedgerProblem[],
  checks: BatchChecks,
  options: {
    helpers: VerifyHelpers | null;
    checkpointSize: number | null;
    /** Gets the artifacts records name, in file order, and checks them as they come. */
    artifacts: ArtifactCheck | null;
  },
): Promise<LinesChecked> {
  const { helpers } = options;
  const local = new BatchVerifier(checks);
  const splitter = new LineSplitter();
  const out: LinesChecked = {
    tail: { offset: 0, bytes: 0 },
    lastLine: 0,
    atCheckpoint: null,
    problemsOmitted: 0,
  };
  const queue: QueuedBatch[] = [];
  // Memory of the batches sent to helpers, reused once their results are in.
  const pool = new SharedBufferPool();

  const link = ({ position, result }: QueuedBatch) => {
    const { verdicts } = result!;
    if (!Array.isArray(verdicts)) {
      // A helper's linked run: never a batch holding the checkpoint's end (see below).
      checker.linkRun(verdicts, (i) => position(i).number, problems);
      out.lastLine = position(verdicts.count - 1).number;
    } else {
      verdicts.forEach((verdict, i) => {
        const line = position(i);
        out.lastLine = line.number;
        checker.link(verdict, problems);
        if (line.offset + line.bytes + 1 === options.checkpointSize) {
          out.atCheckpoint =
            verdict.kind === 'record' ? { seq: verdict.seq, hash: verdict.hash } : null;
        }
      });
    }
    problems.push(...result!.secretProblems);
    for (const [hex, seq, line] of result!.artifactRefs) options.artifacts?.name(hex, seq, line);
    // Every later problem is on a later line: the first MAX_LINE_PROBLEMS kept are final.
    if (problems.length > 2 * MAX_LINE_PROBLEMS) {
      out.problemsOmitted += keepFirstLineProblems(problems);
    }
  };
  const linkFinished = () => {
    while (queue.length > 0 && queue[0]!.result !== null) link(queue.shift()!);
  };
  /** Packs a chunk's lines and hands them to a helper (checked here if it fails). */
  const sendToHelper = (chunk: Buffer, to: VerifyHelpers): QueuedBatch | null => {
    const builder = new LineBatchBuilder(chunk.length, pool);
    splitter.pushRaw(chunk, (source, start, end, number, offset) =>
      builder.add(source, start, end, number, offset),
    );
    if (builder.lines === 0) return null;
    const batch = builder.build();
    // The record the checkpoint ends at is read from its verdict: a helper sends none for
    // a linked run, so the batch holding it is checked here.
    if (endsLineInside(batch, options.checkpointSize)) {
      const lines = unpackLines(batch);
      pool.give(batch);
      return { position: (i) => lines[i]!, result: local.verify(lines), pending: null };
    }
    const queued: QueuedBatch = {
      position: (i) => batchLine(batch, i),
      result: null,
      pending: null,
    };
    queued.pending = to
      .run(batch)
      .then(
        (result) => {
          queued.result = result;
        },
        () => {
          queued.result = local.verify(unpackLines(batch));
        },
      )
      .finally(() => pool.give(batch));
    return queued;
  };
  /** Checks a chunk's lines here, each as it is decoded (while it is in the cache). */
  const checkHere = (chunk: Buffer): QueuedBatch | null => {
    const positions: number[] = [];
    splitter.push(chunk, (line) => {
      positions.push(line.number, line.offset, line.bytes);
      local.add(line);
    });
    if (positions.length === 0) return null;
    const position = (i: number) => ({
      number: positions[3 * i]!,
      offset: positions[3 * i + 1]!,
      bytes: positions[3 * i + 2]!,
    });
    return { position, result: local.take(), pending: null };
  };
  const onChunk = async (chunk: Buffer) => {
    const queued = helpers?.hasRoom() ? sendToHelper(chunk, helpers) : checkHere(chunk);
    if (queued === null) return;
    queue.push(queued);
    linkFinished();
    while (queue.length > MAX_QUEUED_BATCHES) {
      await queue[0]!.pending;
      linkFinished();
    }
    // While helpers check the batches sent them.
    await options.artifacts?.drain();
  };
  out.tail = await forEachChunk(file, onChunk, splitter);
  for (const queued of queue) await queued.pending;
  linkFinished();
  await options.artifacts?.drain();
  // A batch's secret problems are pushed after its lines are linked: back in file order.
  out.problemsOmitted += keepFirstLineProblems(problems);
  return out;
}

/**
 * Sorts `problems` into file order and keeps the first {@link MAX_LINE_PROBLEMS} that have
 * a line, and every one without (checkpoint problems found before the lines); returns how
 * many it dropped.
 */
function keepFirstLineProblems(problems: LedgerProblem[]): number {
  problems.sort(inFileOrder);
  let withLine = 0;
  while (withLine < problems.length && problems[withLine]!.line !== null) withLine++;
  const dropped = Math.max(0, withLine - MAX_LINE_PROBLEMS);
  problems.splice(MAX_LINE_PROBLEMS, dropped);
  return dropped;
}

/** A batch of lines and, once checked, what they are. */
interface QueuedBatch {
  /** Where line `i` of the batch is in the file. */
  position: (i: number) => LinePosition;
  result: BatchResult | null;
  /** Settles once a helper's result (or this thread's, if the helper failed) is in. */
  pending: Promise<void> | null;
}

/** By line; problems without a line (artifacts, checkpoint) keep their place at the end. */
function inFileOrder(a: LedgerProblem, b: LedgerProblem): number {
  return (a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY);
}
