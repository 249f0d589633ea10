import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Behaviour,
  fakeApiKey,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';
import { runExample } from '../../../test/support/run-example.js';

const example = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'pm-assist-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI as a real child process, each run in its own folder. */
async function pmAssist(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(scratch, 'run-'));
  return { ...(await runExample(example, args, { cwd, env, timeoutMs: 30_000 })), cwd };
}

const ledgers = (cwd: string) =>
  existsSync(join(cwd, '.pm-ledger')) ? readdirSync(join(cwd, '.pm-ledger')) : [];

const answer =
  (text: string, usage?: Extract<Behaviour, { kind: 'complete' }>['usage']) => (): Behaviour => ({
    kind: 'complete',
    text,
    ...(usage ? { usage } : {}),
  });

describe.concurrent('examples/pm-assist-cli', () => {
  it('--help prints the usage and the exit codes (exit 0)', async () => {
    const result = await pmAssist(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('pm-assist report --narrative');
    expect(result.stdout).toContain('3 OPENAI_API_KEY missing');
  });

  it('usage errors exit 2 and point at --help', async () => {
    const [none, unknown, noGoal, noNarrative] = await Promise.all([
      pmAssist([]),
      pmAssist(['agent', '--goal', 'x', '--bogus']),
      pmAssist(['agent', '--offline']),
      pmAssist(['report', '--offline']),
    ]);
    for (const result of [none, unknown, noGoal, noNarrative]) {
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain('pm-assist --help');
    }
    expect(noGoal.stderr).toContain('--goal');
  });

  it('without OPENAI_API_KEY refuses (exit 3), shows the export line and --offline, writes nothing', async () => {
    const result = await pmAssist(['agent', '--goal', 'Why are invoices slow?']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('export OPENAI_API_KEY="..."');
    expect(result.stderr).toContain('--offline');
    expect(result.stdout).toBe('');
    expect(ledgers(result.cwd)).toEqual([]);
  });

  it('agent --offline: the goal and a command needing confirmation, as JSON, progress on stderr', async () => {
    const result = await pmAssist([
      'agent',
      '--goal',
      'Why are invoices slow?',
      '--offline',
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('[1/3] Summarising the event log');
    expect(result.stderr).toContain('[3/3] Recommending the next command');
    const output = JSON.parse(result.stdout);
    expect(output.interpretation.analysis).toBe('performance');
    expect(output.next).toMatchObject({ requiresConfirmation: true, modifiesData: false });
    expect(output.next.commandLine).toMatch(/^pm-assist \w+/);
    expect(output.ledger).toMatchObject({ requests: 2, errors: 0, costUsd: 0 });
    expect(ledgers(result.cwd)).toHaveLength(1);
  });

  it('report --narrative --offline drafts each section from aggregates and prints the ledger', async () => {
    const result = await pmAssist([
      'report',
      '--narrative',
      '--offline',
      '--section',
      'Overview',
      '--section',
      'Throughput',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('## Overview');
    expect(result.stdout).toContain('## Throughput');
    expect(result.stdout).toContain('4603 events across 800 cases');
    expect(result.stdout).toMatch(/Ledger: .*\.pm-ledger[/\\][0-9a-f-]{36}/);
    expect(result.stdout).toContain('2 request(s)');
  });

  it('--dry-run prints the estimate, needs no key and sends nothing', async () => {
    const server = await startOpenAICompatibleServer();
    const result = await pmAssist([
      'agent',
      '--goal',
      'x',
      '--dry-run',
      '--base-url',
      server.baseURL,
    ]);
    await server.close();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/interpret goal: \d+ input tokens \+ up to 600 output/);
    expect(result.stdout).toMatch(/Total worst case: \$\d+\.\d{6} \(run cap \$0\.50\)/);
    expect(result.stderr).toContain('OPENAI_API_KEY is not set');
    expect(server.connections()).toBe(0);
  });

  it('with a key, calls the provider (a loopback server here) through the real SDK', async () => {
    const server = await startOpenAICompatibleServer(answer('Invoices wait longest for approval.'));
    const result = await pmAssist(['report', '--narrative', '--base-url', server.baseURL], {
      OPENAI_API_KEY: fakeApiKey('cli'),
    });
    await server.close();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Invoices wait longest for approval.');
    expect(result.stdout).toContain('1 request(s), 42 tokens in / 7 out');
    expect(server.requests).toHaveLength(1);
  });

  it('refusals exit 4: a model outside the policy, a run cap the worst case does not fit', async () => {
    const server = await startOpenAICompatibleServer();
    const [model, budget] = await Promise.all([
      pmAssist(['report', '--narrative', '--offline', '--model', 'gpt-4o']),
      pmAssist(['report', '--narrative', '--base-url', server.baseURL, '--max-cost', '0.001'], {
        OPENAI_API_KEY: fakeApiKey('cli'),
      }),
    ]);
    await server.close();
    expect(model.status, model.stderr).toBe(4);
    expect(model.stderr).toContain('POLICY_DENIED');
    expect(budget.status, budget.stderr).toBe(4);
    expect(budget.stderr).toContain('BUDGET_EXCEEDED');
    expect(budget.stderr).toContain('the refusal is recorded there');
    expect(server.connections()).toBe(0);
  });

  it('a provider that keeps failing exits 5, and the key never appears in the output', async () => {
    const key = fakeApiKey('cli');
    const server = await startOpenAICompatibleServer(() => ({
      kind: 'status',
      status: 503,
      retryAfter: '0',
    }));
    const result = await pmAssist(['report', '--narrative', '--base-url', server.baseURL], {
      OPENAI_API_KEY: key,
    });
    await server.close();
    expect(result.status, result.stderr).toBe(5);
    expect(result.stderr).toContain('PROVIDER_UNAVAILABLE');
    expect(server.requests).toHaveLength(3);
    expect(result.stdout + result.stderr).not.toContain(key);
  });
});
