import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeApiKey, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';
import { runExample } from '../../../test/support/run-example.js';

const example = fileURLToPath(new URL('..', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'pm-openai-example-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string>) =>
  runExample(example, args, { cwd, env });

describe('examples/openai', () => {
  it('refuses without OPENAI_API_KEY, showing the export line and the offline alternative', async () => {
    const result = await run([], {});
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('export OPENAI_API_KEY="..."');
    expect(result.stderr).toContain('offline');
  });

  it('--dry-run prints the estimate and sends nothing', async () => {
    const server = await startOpenAICompatibleServer();
    const result = await run(['--dry-run', '--base-url', server.baseURL], {});
    await server.close();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/interpret goal: \d+ input tokens \+ up to 600 output/);
    expect(result.stdout).toMatch(/Total worst case: \$\d+\.\d{6}/);
    expect(server.connections()).toBe(0);
  });

  it('with a key, runs the three moves through the real SDK (against a loopback server here)', async () => {
    const server = await startOpenAICompatibleServer((request) =>
      String(JSON.stringify(request.body?.response_format ?? '')).includes('goal-interpretation')
        ? {
            kind: 'complete',
            text: '{"restated_goal":"Explain slow invoices","analysis":"performance","needed_columns":["timestamp"],"questions":[]}',
          }
        : request.body?.response_format
          ? {
              kind: 'complete',
              text: '{"command":"pm-assist performance","args":["--top","10"],"rationale":"slow cases","modifies_data":false,"requires_confirmation":true}',
            }
          : { kind: 'complete', text: 'Most invoices are paid within four days.' },
    );
    const result = await run(['--base-url', server.baseURL], {
      OPENAI_API_KEY: fakeApiKey('example'),
    });
    await server.close();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Next command (needs your confirmation): pm-assist performance --top 10',
    );
    expect(result.stdout).toContain('Most invoices are paid within four days.');
    expect(server.requests).toHaveLength(3);
  });
});
