import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { openLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function show(...argv: string[]) {
  let out = '';
  const code = await runCli(['show', ...argv], { out: (t) => (out += t), err: () => {} });
  return { code, out };
}

async function runWith(config: Record<string, unknown>, message: string) {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
  ledger.append(r.runStart(config));
  ledger.append(r.error(1, message));
  await ledger.close();
  return join(dir, 'run-1');
}

describe('pm-ledger show prints record data safely to a terminal', () => {
  it('escapes C1 controls, bidi overrides and line separators in the excerpt', async () => {
    // Short: the excerpt keeps the first 100 characters of the data.
    const runDir = await runWith({ provider: 'offline' }, '\u202Eab\u202C\u009B1\u2028\u2067');
    const { code, out } = await show(runDir, '--type', 'error');
    expect(code).toBe(0);
    expect(out).not.toMatch(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
    expect(out).toContain('"message":"\\u202eab\\u202c\\u009b1\\u2028\\u2067"');
    // --json is for programs: the record as JSON.stringify writes it.
    const json = await show(runDir, '--type', 'error', '--json');
    expect(JSON.parse(json.out).data.message).toBe('\u202Eab\u202C\u009B1\u2028\u2067');
  });

  it('never cuts an excerpt between the halves of a surrogate pair', async () => {
    // Emoji from the excerpt's cut on both parities: one of the two lands on a pair.
    for (const lead of ['a', 'ab']) {
      const runDir = await runWith({ provider: 'offline', n: lead + '\u{1F600}'.repeat(60) }, 'x');
      const { out } = await show(runDir, '--type', 'run_start');
      const line = out.split('\n')[0]!;
      expect(line.endsWith('…')).toBe(true);
      expect(line).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
  });
});
