import { describe, expect, it } from 'vitest';
import { createPrng, type Prng } from '../../../test/support/prng.js';
import { ChainChecker } from '../src/chain-checker.js';
import { GENESIS_PREV } from '../src/hash-chain.js';
import type { LedgerProblem } from '../src/ledger-problem.js';
import type { LineVerdict } from '../src/line-inspector.js';
import { linkedRunOf } from '../src/linked-run.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');

/**
 * Verdicts of `count` lines: mostly a clean chain of run-1, with random damage of every
 * kind the checker links (a changed record, a gap, a broken link, another run, a run_end
 * mid-file, unreadable and invalid lines).
 */
function verdicts(prng: Prng, count: number, damage: number): LineVerdict[] {
  const out: LineVerdict[] = [];
  let seq = 0;
  let prev = GENESIS_PREV;
  for (let line = 1; line <= count; line++) {
    const roll = prng.next() < damage ? prng.int(0, 6) : -1;
    if (roll === 0) {
      out.push({
        kind: 'bad_json',
        line,
        bytes: 10,
        oversized: false,
        notUtf8: false,
        startsWithBom: false,
      });
      seq++;
      continue;
    }
    if (roll === 1) {
      out.push({ kind: 'schema_invalid', line, seq, claimed: hash(1e6 + line), detail: 'x' });
      seq++;
      continue;
    }
    if (roll === 2) seq += prng.int(1, 3);
    const own = hash(line);
    out.push({
      kind: 'record',
      line,
      seq,
      prev: roll === 3 ? hash(2e6 + line) : prev,
      hash: own,
      runId: roll === 4 ? 'run-2' : 'run-1',
      type: roll === 5 || (line === count && prng.next() < 0.3) ? 'run_end' : 'response',
      hashMatches: roll !== 6,
      endsInCr: false,
    });
    prev = own;
    seq++;
  }
  return out;
}

function state(checker: ChainChecker) {
  const { nextSeq, head, lastHash, count, runId, endedAt } = checker;
  return { nextSeq, head, lastHash, count, runId, endedAt };
}

/** A checker given the run (or not), and already past a run_end (or not). */
function startChecker(prng: Prng): ChainChecker {
  const checker = new ChainChecker(prng.pick([null, 'run-1', 'run-0']), 'the run directory');
  if (prng.next() < 0.2) checker.endedAt = 0;
  return checker;
}

describe('linked runs (what helper threads send for undamaged batches)', () => {
  it('link like their lines linked one by one, whatever came before them', () => {
    const prng = createPrng(0x5eed);
    let runsLinked = 0;
    for (let round = 0; round < 2000; round++) {
      const lines = verdicts(prng, prng.int(1, 40), prng.pick([0, 0.02, 0.1, 0.5]));
      const seed = prng.int(0, 2 ** 31);
      const one = startChecker(createPrng(seed));
      const batched = startChecker(createPrng(seed));
      const alone: LedgerProblem[] = [];
      const together: LedgerProblem[] = [];
      for (const verdict of lines) one.link(verdict, alone);
      // The same lines cut into batches, each linked as a run when it is one.
      for (let from = 0; from < lines.length; ) {
        const batch = lines.slice(from, from + prng.int(1, 12));
        const run = linkedRunOf(batch);
        if (run === null) for (const verdict of batch) batched.link(verdict, together);
        else {
          batched.linkRun(run, (i) => batch[i]!.line, together);
          runsLinked++;
        }
        from += batch.length;
      }
      expect(together).toEqual(alone);
      expect(state(batched)).toEqual(state(one));
    }
    expect(runsLinked).toBeGreaterThan(1000);
  });

  it('are only made of records that hash right and link to each other', () => {
    const prng = createPrng(7);
    const clean = verdicts(prng, 5, 0);
    expect(linkedRunOf(clean)).toMatchObject({ count: 5, lastHash: hash(5) });
    expect(linkedRunOf([])).toBeNull();
    const broken = (change: Partial<Extract<LineVerdict, { kind: 'record' }>>, at = 2) =>
      linkedRunOf(clean.map((v, i) => (i === at ? ({ ...v, ...change } as LineVerdict) : v)));
    expect(broken({ hashMatches: false })).toBeNull();
    expect(broken({ hashMatches: false }, 0)).toBeNull();
    expect(broken({ seq: 7 })).toBeNull();
    expect(broken({ prev: hash(99) })).toBeNull();
    expect(broken({ runId: 'run-2' })).toBeNull();
    // A run_end may end a run, never sit inside one.
    expect(broken({ type: 'run_end' })).toBeNull();
    expect(broken({ type: 'run_end' }, 4)).toMatchObject({ lastType: 'run_end' });
  });
});
