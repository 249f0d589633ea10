import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { openLedger, readLedger, summariseLedger, verifyLedger } from '../src/index.js';
import { cliScript } from './helpers/cli-script.js';
import { runStart } from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function run() {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1' });
  ledger.append(runStart());
  await ledger.close();
  return join(dir, 'run-1');
}

async function refusal(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    return (error as Error).message;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

describe('the readers refuse arguments of the wrong kind with INVALID_ARGUMENT, not a TypeError', () => {
  it.each([
    ['undefined', undefined, /runDir must be the path of a run directory .* got undefined/],
    ['a URL', 'url', /got a URL \(pass fileURLToPath\(url\)\)/],
    ['an empty string', '', /got an empty string/],
  ])('runDir as %s', async (_, given, message) => {
    const runDir = await run();
    const arg = (given === 'url' ? pathToFileURL(runDir) : given) as never;
    expect(await refusal(() => verifyLedger(arg))).toMatch(message);
    expect(await refusal(() => readLedger(arg, () => {}))).toMatch(message);
    expect(await refusal(() => summariseLedger(arg))).toMatch(message);
  });

  it('readLedger: an onRecord that is not a function, even for an empty ledger', async () => {
    const runDir = await run();
    expect(await refusal(() => readLedger(runDir, undefined as never))).toMatch(
      /onRecord must be a function/,
    );
  });

  it("readLedger: an onProblem other than 'throw' or 'skip'", async () => {
    const runDir = await run();
    expect(
      await refusal(() => readLedger(runDir, () => {}, { onProblem: 'ignore' as never })),
    ).toMatch(/onProblem must be 'throw' \(the default\) or 'skip'; got "ignore"/);
  });

  it('verifyLedger: secrets or artifacts that are not booleans', async () => {
    const runDir = await run();
    expect(await refusal(() => verifyLedger(runDir, { secrets: 'no' as never }))).toMatch(
      /secrets must be true or false/,
    );
    expect(await refusal(() => verifyLedger(runDir, { artifacts: 0 as never }))).toMatch(
      /artifacts must be true or false/,
    );
    expect((await verifyLedger(runDir, { secrets: false, artifacts: true })).ok).toBe(true);
  });

  it('pm-ledger with an empty run directory ("$RUN" unset) is a usage error (2)', () => {
    const result = spawnSync(process.execPath, [cliScript, 'verify', '', '--json'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).error).toEqual({
      code: 'USAGE',
      message: 'verify was given an empty run directory: pass its path',
    });
  });
});
