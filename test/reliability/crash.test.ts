import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLedger, readArtifact, verifyLedger } from '@pm/ledger';
import { startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFromSources } from '../support/source-bundle.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
/** Children alive at once, each with a run of its own. */
const CHILDREN_AT_ONCE = 2;
const root = mkdtempSync(join(tmpdir(), 'pm-crash-'));
const child = await bundleFromSources(
  fileURLToPath(new URL('./fixtures/governed-calls-child.ts', import.meta.url)),
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runAndKill(runId: string, baseURL: string, killAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, root, runId, baseURL], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d) => {
      stderr += String(d);
    });
    proc.stdout.on('data', (d) => {
      if (String(d).includes('ready')) setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    });
    proc.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve()
        : reject(new Error(`child exited on its own: ${stderr.slice(0, 500)}`)),
    );
  });
}

describe('crashes: governed calls killed with SIGKILL at random moments', () => {
  it(`${KILLS} kills: the ledger reopens and verifies; no call reached the provider without a durable request record`, async () => {
    const nonces = (text: string) => [...text.matchAll(/nonce ([\w/-]+)/g)].map((m) => m[1]!);
    const received: string[] = [];
    const server = await startOpenAICompatibleServer((request) => {
      received.push(...nonces(JSON.stringify(request.body?.messages ?? '')));
      return { kind: 'complete', text: 'ok' };
    });
    let requestsRecorded = 0;
    let recovered = 0;
    let unrecorded: string[] = [];
    /** Kills child `k` at a random moment, then reopens, verifies and accounts its run. */
    const killAndCheck = async (k: number) => {
      const runId = `crash-${k}`;
      await runAndKill(runId, server.baseURL, 5 + Math.floor(Math.random() * 120));
      // Reopening recovers a torn last line; the ledger must then verify.
      const reopened = openLedger({ dir: root, runId, durability: 'strict' });
      await reopened.close();
      const runDir = join(root, runId);
      const verified = await verifyLedger(runDir);
      expect(verified.ok, JSON.stringify(verified.problems.slice(0, 2))).toBe(true);
      const lines = readFileSync(join(runDir, 'ledger.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      recovered += lines.filter((r) => r.type === 'recovered').length;
      const recorded = new Set<string>();
      for (const record of lines.filter((r) => r.type === 'request')) {
        requestsRecorded++;
        const prompt = (
          await readArtifact(runDir, record.data.envelope.input_artifacts[0])
        ).toString('utf8');
        for (const nonce of nonces(prompt)) recorded.add(nonce);
      }
      // Every nonce names its run: the calls of this child, whatever the other sent.
      const sent = received.filter((n) => n.startsWith(`${runId}/`));
      unrecorded = unrecorded.concat(sent.filter((n) => !recorded.has(n)));
    };
    try {
      // Children at a time: each spends ~0.8 s starting (loading and a first call), and
      // the kills are independent (a run each), so two overlap their starts.
      for (let k = 0; k < KILLS; k += CHILDREN_AT_ONCE) {
        const batch = Array.from(
          { length: Math.min(CHILDREN_AT_ONCE, KILLS - k) },
          (_, i) => k + i,
        );
        await Promise.all(batch.map(killAndCheck));
      }
    } finally {
      await server.close();
    }
    console.log(
      `crash: ${KILLS} SIGKILLs, ${received.length} calls reached the provider, ${requestsRecorded} request records, ` +
        `${recovered} torn tails recovered, calls without a durable request record: ${unrecorded.length}`,
    );
    expect(received.length).toBeGreaterThan(KILLS * 2);
    expect(recovered + requestsRecorded).toBeGreaterThan(0);
    expect(unrecorded).toEqual([]);
    // A bound, not a target: 50 child processes took 31 s alone on a 2-CPU VM, bundled and
    // two at a time. Under tsx they took 75 s two at a time and 133 s one at a time, and
    // one at a time went past 300 s there beside another test file and a benchmark.
  }, 600_000);
});
