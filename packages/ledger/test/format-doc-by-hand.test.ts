import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { ledgerLines } from './helpers/files.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const formatDoc = readFileSync(
  new URL('../../../docs/audit-log-format.md', import.meta.url),
  'utf8',
);

/** The doc's `sh` blocks from the heading `from` on, as a reader copies them. */
function shellBlocks(from: string): string[] {
  const rest = formatDoc.slice(formatDoc.indexOf(from));
  return [...rest.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const [oneRecord, wholeChain, checkpointBlock] = shellBlocks('### Verify by hand');
const tools = ['bash', 'sed', 'sha256sum', 'jq', 'openssl', 'base64'];
const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);

function sh(script: string, cwd: string): string {
  const run = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout;
}

/**
 * A signed run whose lines hold what could trip a by-hand check: a `data` member named
 * `hash`, `,"hash":"` inside a string, backslashes and `%`, non-ASCII text, a secret
 * scrubbed (so `scrubbed` follows `hash`), a key id that is not ASCII; and a torn tail.
 */
async function awkwardRun(): Promise<string> {
  const dir = tempDir();
  const keys = generateKeyPairSync('ed25519');
  const ledger = openLedger({
    dir,
    runId: 'run-1',
    signer: { privateKey: keys.privateKey, keyId: 'clé/ü 😀' },
  });
  const secret = `sk-proj-${'Ab3'.repeat(16)}7qZ`;
  ledger.append(
    r.runStart({
      provider: 'offline',
      hash: 'a'.repeat(64),
      nested: { quoted: `,"hash":"${'b'.repeat(64)}"`, path: 'C:\\temp\\', secret },
    }),
  );
  ledger.append(r.error(1, 'Ünïcödé %s %% \\n \u2028 ✓'));
  await ledger.close();
  const runDir = join(dir, 'run-1');
  writeFileSync(
    join(runDir, 'signer.pub.pem'),
    keys.publicKey.export({ type: 'spki', format: 'pem' }),
  );
  appendFileSync(join(runDir, 'ledger.jsonl'), '{"data":{"torn');
  return runDir;
}

describe.skipIf(missing.length > 0)(
  `docs/audit-log-format.md: verify by hand, run as written${missing.length > 0 ? ` (skipped: no ${missing.join(', ')})` : ''}`,
  () => {
    it('has the three shell blocks', () => {
      expect(oneRecord).toContain('sha256sum');
      expect(wholeChain).toContain('records checked');
      expect(checkpointBlock).toContain('openssl pkeyutl');
    });

    it('one record: the digest printed is the record hash', async () => {
      const runDir = await awkwardRun();
      for (const line of [1, 2, 3]) {
        const [computed, carried] = sh(
          oneRecord!.replaceAll('sed -n 3p', `sed -n ${line}p`),
          runDir,
        )
          .trim()
          .split('\n');
        expect(computed).toBe(`${carried}  -`);
      }
    });

    it('the whole chain: checks every record, skips the torn tail, finds an edit', async () => {
      const runDir = await awkwardRun();
      expect(sh(wholeChain!, runDir)).toBe('3 records checked\n');
      const file = join(runDir, 'ledger.jsonl');
      const lines = ledgerLines(runDir);
      lines[1] = lines[1]!.replace('"attempts":3', '"attempts":4');
      writeFileSync(
        file,
        lines
          .slice(0, 3)
          .map((l) => `${l}\n`)
          .join(''),
      );
      // Named once, at the edited line: the next one links to the hash it carries.
      expect(sh(wholeChain!, runDir)).toBe(
        'line 2: hash mismatch (this record was edited)\n3 records checked\n',
      );
      writeFileSync(file, [lines[0], lines[2]].map((l) => `${l}\n`).join(''));
      expect(sh(wholeChain!, runDir)).toBe(
        'line 2: prev mismatch (a record before it was deleted, inserted, moved or re-hashed)\n2 records checked\n',
      );
    });

    it('the checkpoint: the signature verifies and the head is the record at its size', async () => {
      const runDir = await awkwardRun();
      const out = sh(checkpointBlock!, runDir).split('\n');
      expect(out[0]).toBe('Signature Verified Successfully');
      const checkpoint = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8'));
      expect(out[1]).toBe(checkpoint.head);
    });
  },
);
