import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ArtifactCheck } from '../src/artifact-check.js';
import { type ArtifactItem, checkArtifactFiles } from '../src/artifact-file-check.js';
import type { ArtifactHelper } from '../src/artifact-helper.js';
import { ChainChecker } from '../src/chain-checker.js';
import { sha256Hex } from '../src/hash-chain.js';
import { openLedger } from '../src/index.js';
import { ledgerFile } from '../src/ledger-files.js';
import type { LedgerProblem } from '../src/ledger-problem.js';
import { RecentSet } from '../src/recent-set.js';
import { checkLines } from '../src/verify-lines.js';
import { makeCanaries } from './helpers/canaries.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const CHECKS = { secrets: true, artifacts: true };

describe('RecentSet', () => {
  it('never holds more than its capacity and remembers at least the last half', () => {
    const set = new RecentSet(4);
    for (let i = 0; i < 100; i++) {
      set.add(`v${i}`);
      expect(set.size).toBeLessThanOrEqual(4);
      expect(set.has(`v${i}`)).toBe(true);
      if (i > 0) expect(set.has(`v${i - 1}`)).toBe(true);
    }
    expect(set.has('v0')).toBe(false);
  });
});

/**
 * A run of 4,000 responses (several read chunks) naming 20 artifacts in turn, where the
 * artifact record 2 names first is changed on disk, the one record 4 names first is
 * deleted, and a file no record names holds a secret.
 */
async function runWithDamagedArtifacts(): Promise<string> {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
  const refs: string[] = [];
  for (let i = 0; i < 20; i++) refs.push(await ledger.putArtifact(`output ${i}`));
  ledger.append(r.runStart());
  for (let i = 1; i <= 4000; i++) ledger.append(r.response(i, refs[(i - 1) % 20]!));
  await ledger.close();
  const runDir = join(dir, 'run-1');
  const store = join(runDir, 'artifacts', 'sha256');
  writeFileSync(join(store, sha256Hex('output 1')), 'changed');
  rmSync(join(store, sha256Hex('output 3')));
  const orphan = `left behind ${makeCanaries()[0]!.text}`;
  writeFileSync(join(store, sha256Hex(orphan)), orphan);
  return runDir;
}

async function checkArtifacts(
  runDir: string,
  remembered?: number,
  onHelper?: (helper: ArtifactHelper) => void,
): Promise<LedgerProblem[]> {
  const artifacts = ArtifactCheck.start(runDir, true, {
    remembered,
    helperFrom: onHelper ? 0 : null,
  });
  const helper = artifacts.helperThread;
  if (onHelper !== undefined) {
    // Started before the lines are read, so it takes its share (nobody waits for it otherwise).
    expect(await helper?.started).toBe(true);
    onHelper(helper!);
  }
  const lineProblems: LedgerProblem[] = [];
  await checkLines(ledgerFile(runDir), new ChainChecker(null), lineProblems, CHECKS, {
    helpers: null,
    checkpointSize: null,
    artifacts,
  });
  await artifacts.checkUnnamed();
  expect(lineProblems).toEqual([]);
  return artifacts.problems;
}

describe('ArtifactCheck', () => {
  it('reports each damaged artifact once, at the first record naming it, however little it remembers', async () => {
    const runDir = await runWithDamagedArtifacts();
    const expected = [
      {
        kind: 'artifact_mismatch',
        seq: 2,
        line: 3,
        message: expect.stringMatching(/does not hash to its name/),
      },
      {
        kind: 'missing_artifact',
        seq: 4,
        line: 5,
        message: expect.stringMatching(/not in artifacts/),
      },
      {
        kind: 'secret_found',
        seq: null,
        line: null,
        message: expect.stringMatching(/holds a openai secret/),
      },
    ];
    expect(await checkArtifacts(runDir)).toEqual(expected);
    // Remembering two: every artifact is forgotten before it is named again, and the
    // walk of the store meets the ones checked as named again.
    expect(await checkArtifacts(runDir, 2)).toEqual(expected);
    // With a helper thread checking artifacts while the lines are read: the same problems
    // in the same order, also when the two threads check one artifact twice each.
    for (const remembered of [undefined, 2]) {
      let helper: ArtifactHelper | undefined;
      expect(await checkArtifacts(runDir, remembered, (h) => (helper = h))).toEqual(expected);
      expect(helper!.batchesAnswered).toBeGreaterThan(0);
    }
  }, 60_000);

  it('starts a helper thread at once when the store holds enough artifacts, else never', async () => {
    const runDir = await runWithDamagedArtifacts();
    // The store holds 20 files (one of the 20 named was deleted, and one more left behind).
    for (const [helperFrom, started] of [
      [20, true],
      [21, false],
    ] as const) {
      const artifacts = ArtifactCheck.start(runDir, true, { helperFrom });
      // Before the first line is read, so it is ready by the time artifacts are named.
      expect(artifacts.helperThread !== null).toBe(started);
      await checkLines(ledgerFile(runDir), new ChainChecker(null), [], CHECKS, {
        helpers: null,
        checkpointSize: null,
        artifacts,
      });
      expect(artifacts.helperThread !== null).toBe(started);
      await artifacts.checkUnnamed();
      expect(artifacts.helperThread).toBeNull();
    }
  }, 60_000);

  it('checks here what a helper thread held when it stopped', async () => {
    const runDir = await runWithDamagedArtifacts();
    const alone = await checkArtifacts(runDir, 2);
    let sent = 0;
    let helper: ArtifactHelper | undefined;
    const helped = await checkArtifacts(runDir, 2, (h) => {
      helper = h;
      // Its first batch reaches it behind a message it fails on (messages are taken in
      // order): it dies holding that batch.
      const { worker } = h as unknown as { worker: Worker };
      const send = h.send.bind(h);
      h.send = (batch) => {
        if (sent++ === 0) worker.postMessage(null);
        send(batch);
      };
    });
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(helper!.batchesAnswered).toBe(0);
    expect(helped).toEqual(alone);
  }, 60_000);
});

describe('checkArtifactFiles', () => {
  it('says of each artifact what checking it alone says, though their text is scanned at once', () => {
    const runDir = tempDir();
    const store = join(runDir, 'artifacts', 'sha256');
    mkdirSync(store, { recursive: true });
    const canaries = makeCanaries();
    const clean = Array.from({ length: 150 }, (_, i) => `output ${i}: ${'lorem ipsum '.repeat(i)}`);
    const contents: (string | Buffer)[] = [
      ...clean.slice(0, 70),
      // Text scanned together, a secret among them, and a name left waiting for a value.
      ...canaries.map((c) => `key=\n${c.text}`),
      'key=',
      `"jdbc:postgresql://db:5432/app?sslmode=disable&password=Pw${randomBytes(9).toString('hex')}&user=app"`,
      ...clean.slice(70),
      // Not UTF-8: scanned one byte per character, the key embedded in binary.
      Buffer.concat([Buffer.from([0xff, 0x00, 0xc3]), Buffer.from(canaries[0]!.text)]),
      // UTF-16 with its byte order mark.
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(canaries[3]!.text, 'utf16le')]),
    ];
    const items: ArtifactItem[] = contents.map((content, i) => {
      const hex = sha256Hex(content);
      writeFileSync(join(store, hex), content);
      return [i, hex, i, i + 1];
    });
    // One changed, one missing, one a folder.
    writeFileSync(join(store, items[5]![1]), 'changed');
    rmSync(join(store, items[6]![1]));
    rmSync(join(store, items[7]![1]));
    mkdirSync(join(store, items[7]![1]));
    const alone = items.flatMap((item) => checkArtifactFiles(runDir, [item], true));
    const kinds = alone.flatMap(([, , problems]) => problems.map((p) => p.kind));
    expect(kinds.filter((k) => k === 'secret_found')).toHaveLength(canaries.length + 3);
    expect(kinds.filter((k) => k !== 'secret_found').sort()).toEqual([
      'artifact_mismatch',
      'artifact_mismatch',
      'missing_artifact',
    ]);
    expect(checkArtifactFiles(runDir, items, true)).toEqual(alone);
    // The name and the DSN on their own: no other secret in their scan to set off a rescan.
    const dsnAt = canaries.length + 71;
    const pair = items.slice(dsnAt - 1, dsnAt + 1);
    expect(checkArtifactFiles(runDir, pair, true)).toEqual([alone.find(([tag]) => tag === dsnAt)]);
    expect(checkArtifactFiles(runDir, items, false)).toEqual(
      alone.filter(([, , problems]) => problems[0]!.kind !== 'secret_found'),
    );
  });
});
