import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import { openLedger, verifyLedger } from '../src/index.js';
import { recordTypes } from './helpers/signed-run.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const child = await bundleFromSources(
  fileURLToPath(new URL('./helpers/async-close-child.ts', import.meta.url)),
);

describe.runIf(process.platform === 'linux')(
  'a writer SIGKILLed while close() awaits its signature',
  () => {
    it('leaves the run unended, verifiable and reopenable: no run_end, the last checkpoint kept, the lock taken over', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const dir = tempDir();
      const writer = spawn(process.execPath, [child, dir, 'run-1', pem], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        writer.stdout.setEncoding('utf8').on('data', (text: string) => {
          out += text;
          if (out.includes('closing\n')) resolve();
        });
        writer.on('exit', (code) => reject(new Error(`writer exited ${code} before closing`)));
      });
      const exited = new Promise((resolve) =>
        writer.on('exit', (_code, signal) => resolve(signal)),
      );
      writer.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const runDir = join(dir, 'run-1');
      // The lock of the dead writer is still there; nothing else of its is.
      expect(readdirSync(runDir).sort()).toEqual([
        'artifacts',
        'checkpoint.json',
        'ledger.jsonl',
        'ledger.lock',
      ]);
      expect(await recordTypes(runDir)).toEqual(['run_start', 'request', 'request']);
      const before = await verifyLedger(runDir, { publicKey });
      expect(before.problems).toEqual([]);
      expect(before.checkpoint).toMatchObject({ seq: 1, signed: true });
      expect(JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')).seq).toBe(1);

      const again = openLedger({ dir, runId: 'run-1', signer: { privateKey } });
      expect(again.records).toBe(3);
      const closed = await again.close();
      expect(closed.checkpoint).toMatchObject({ seq: 3 });
      expect(await recordTypes(runDir)).toEqual(['run_start', 'request', 'request', 'run_end']);
      const after = await verifyLedger(runDir, { publicKey });
      expect(after.problems).toEqual([]);
      expect(after.checkpoint).toMatchObject({ seq: 3, signed: true });
    }, 30_000);
  },
);
