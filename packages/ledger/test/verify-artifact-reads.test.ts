import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hash-chain.js';
import { verifyLedger } from '../src/index.js';
import { makeCanaries } from './helpers/canaries.js';
import { craftChain } from './helpers/craft.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

/** Bytes an artifact check reads into its reused buffer at once (artifact-file-check.ts). */
const READ_BUFFER = 64 * 1024;

/**
 * A run whose records name one artifact each, stored as the files `contents` (written
 * around the ledger API, so nothing is scrubbed). Returns the run and each artifact's path.
 */
function runNaming(contents: (string | Buffer)[]) {
  const runDir = join(tempDir(), 'run-1');
  const store = join(runDir, 'artifacts', 'sha256');
  mkdirSync(store, { recursive: true });
  const paths = contents.map((content) => {
    const path = join(store, sha256Hex(Buffer.from(content)));
    writeFileSync(path, content);
    return path;
  });
  const records = paths.map((path, i) =>
    r.response(i, `artifact://sha256:${path.slice(store.length + 1)}`),
  );
  writeFileSync(join(runDir, 'ledger.jsonl'), craftChain('run-1', records).join(''));
  return { runDir, paths };
}

const problemsOf = async (runDir: string) =>
  (await verifyLedger(runDir, { workers: 0 })).problems.map((p) => [p.kind, p.seq, p.message]);

describe('verification reads each artifact whole, whatever its size', () => {
  // Sizes around the read buffer, in an order where a small artifact follows a large one.
  const sizes = [READ_BUFFER * 3 + 5, 10, READ_BUFFER, READ_BUFFER - 1, 1, READ_BUFFER + 1, 0];
  const contents = sizes.map((size, i) => Buffer.alloc(size, 97 + i));

  it('artifacts smaller than, as large as and larger than the buffer verify', async () => {
    const { runDir } = runNaming(contents);
    expect(await problemsOf(runDir)).toEqual([]);
  });

  it('a byte changed anywhere in a large artifact is found, at the record naming it', async () => {
    for (const at of [0, READ_BUFFER - 1, READ_BUFFER, sizes[0]! - 1]) {
      const { runDir, paths } = runNaming(contents);
      const changed = Buffer.from(contents[0]!);
      changed[at] = 0x30;
      writeFileSync(paths[0]!, changed);
      expect(await problemsOf(runDir), `byte ${at}`).toEqual([
        ['artifact_mismatch', 0, expect.stringMatching(/does not hash to its name/)],
      ]);
    }
  });

  it('an artifact cut at the buffer size, or grown past it, is found', async () => {
    const { runDir, paths } = runNaming(contents);
    writeFileSync(paths[0]!, contents[0]!.subarray(0, READ_BUFFER));
    writeFileSync(paths[3]!, Buffer.concat([contents[3]!, Buffer.from('ab')]));
    expect((await problemsOf(runDir)).map(([kind, seq]) => [kind, seq])).toEqual([
      ['artifact_mismatch', 0],
      ['artifact_mismatch', 3],
    ]);
  });

  it('a secret past the first buffer of a large text artifact is found', async () => {
    const canary = makeCanaries().find((c) => c.kind === 'github')!;
    const text = `${'lorem ipsum '.repeat(READ_BUFFER / 6)}token ${canary.text}\n`;
    const { runDir } = runNaming(['a small one', text]);
    const problems = await problemsOf(runDir);
    expect(problems).toEqual([
      ['secret_found', 1, expect.stringMatching(/holds a github secret$/)],
    ]);
    expect(JSON.stringify(problems)).not.toContain(canary.secret);
  });
});

describe('what is not a regular file at a named artifact address is reported, never read', () => {
  it('a folder', async () => {
    const { runDir, paths } = runNaming(['the prompt', 'the output']);
    rmSync(paths[1]!);
    mkdirSync(paths[1]!);
    const hex = paths[1]!.slice(-64);
    expect(await problemsOf(runDir)).toEqual([
      ['artifact_mismatch', 1, `artifact sha256:${hex} is a folder, not a regular file`],
    ]);
  });

  it.runIf(hasMkfifo)('a FIFO, even one a writer fills with the right bytes', async () => {
    const { runDir, paths } = runNaming(['the prompt', 'the output']);
    rmSync(paths[1]!);
    spawnSync('mkfifo', [paths[1]!]);
    // Opened read-write, a FIFO opens at once (Linux), and this process is its writer.
    const writer = openSync(paths[1]!, 'r+');
    try {
      writeSync(writer, 'the output');
      const hex = paths[1]!.slice(-64);
      expect(await problemsOf(runDir)).toEqual([
        ['artifact_mismatch', 1, `artifact sha256:${hex} is a FIFO, not a regular file`],
      ]);
    } finally {
      closeSync(writer);
    }
  });

  it('a symbolic link, even to a file holding the right bytes', async () => {
    const { runDir, paths } = runNaming(['the prompt', 'the output']);
    const elsewhere = join(tempDir(), 'the-output');
    writeFileSync(elsewhere, 'the output');
    rmSync(paths[1]!);
    symlinkSync(elsewhere, paths[1]!);
    const hex = paths[1]!.slice(-64);
    expect(await problemsOf(runDir)).toEqual([
      ['artifact_mismatch', 1, `artifact sha256:${hex} is a symbolic link, not a regular file`],
    ]);
  });
});
