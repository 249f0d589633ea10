import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const example = fileURLToPath(new URL('..', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'pm-quickstart-'));
// `--import tsx` resolves from the working directory, which here is a fresh temp folder.
const tsx = pathToFileURL(join(example, '../../node_modules/tsx/dist/loader.mjs')).href;
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('examples/quickstart (what `npm start` runs)', () => {
  it('runs offline, prints the three moves, the level, the ledger summary and a verified ledger', () => {
    const output = execFileSync(process.execPath, ['--import', tsx, join(example, 'src/main.ts')], {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(example, 'tsconfig.json'),
        OPENAI_API_KEY: '',
      },
    });
    console.log(output);
    expect(output).toContain('offline provider, nothing leaves the process');
    expect(output).toContain('disclosure level 4 of 5');
    expect(output).toContain('analysis: performance');
    expect(output).toMatch(/pm-assist \w+/);
    expect(output).toContain('4603 events across 800 cases');
    expect(output).toMatch(/requests 3, errors 0/);
    expect(output).toMatch(/ok: \d+ records, hash chain intact/);
    expect(readdirSync(join(cwd, '.pm-ledger'))).toHaveLength(1);
  });
});
