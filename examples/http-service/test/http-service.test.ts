import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Behaviour,
  fakeApiKey,
  startOpenAICompatibleServer,
} from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';
import { createService, type ServiceOptions } from '../src/service.js';

const example = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'pm-http-service-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The service's answers, loosely typed: a success body or an error body. */
interface Answer {
  text: string;
  offline: boolean;
  costUsd: number;
  runId: string;
  budget: { dayLimitUsd: number | null };
  error: { code: string; message: string; runId?: string };
}

async function started(options: ServiceOptions) {
  const ledgerDir = mkdtempSync(join(scratch, 'ledgers-'));
  const logged: string[] = [];
  const service = await createService({ ledgerDir, log: (l) => logged.push(l), ...options });
  const url = await service.listen(0);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Answer };
  };
  return { service, url, post, ledgerDir, logged };
}

// What the loopback "OpenAI" bills per call: 1,500 tokens in, 800 out = $0.013825 at gpt-5.2.
const billed: Behaviour = {
  kind: 'complete',
  text: 'Most invoices are paid within four days.',
  usage: { input_tokens: 1_500, output_tokens: 800 },
};

describe('examples/http-service', () => {
  it('offline by default: drafts a narrative from the aggregates; bad requests get JSON errors', async () => {
    const { service, post, url, ledgerDir } = await started({ env: {} });
    try {
      expect(service.offline).toBe(true);
      const ok = await post('/tenants/acme/narrative', { section: 'Throughput' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ tenant: 'acme', section: 'Throughput', offline: true });
      expect(ok.body.text).toContain('4603 events across 800 cases');
      expect(readdirSync(join(ledgerDir, 'acme'))).toEqual([ok.body.runId]);

      expect((await post('/tenants/nobody/narrative', { section: 'x' })).body.error.code).toBe(
        'UNKNOWN_TENANT',
      );
      const bad = await post('/tenants/acme/narrative', '{not json');
      expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_ARGUMENT']);
      expect((await post('/tenants/acme/narrative', { section: '' })).status).toBe(400);
      expect((await post('/tenants/acme/narrative', 'x'.repeat(20_000))).status).toBe(413);
      expect((await fetch(`${url}/tenants/acme/narrative`)).status).toBe(405);
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({
        ok: true,
        offline: true,
        endpoints: [],
      });
    } finally {
      await service.close();
    }
  });

  it("one tenant's daily cap refuses (429, BUDGET_EXCEEDED) while the other tenant still works", async () => {
    const openai = await startOpenAICompatibleServer(() => billed);
    const { service, post } = await started({
      env: { OPENAI_API_KEY: fakeApiKey('service'), OPENAI_BASE_URL: openai.baseURL },
      tenants: { small: { usdPerDay: 0.02 }, large: { usdPerDay: 1 } },
    });
    try {
      expect(service.offline).toBe(false);
      const first = await post('/tenants/small/narrative', { section: 'Overview' });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.text).toBe('Most invoices are paid within four days.');
      expect(first.body.costUsd).toBeCloseTo(0.013825, 6);
      expect(first.body.budget.dayLimitUsd).toBe(0.02);

      // $0.013825 spent: the next worst case (~$0.015) no longer fits the $0.02 day cap.
      const refused = await post('/tenants/small/narrative', { section: 'Overview' });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('BUDGET_EXCEEDED');
      expect(refused.body.error.runId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

      const other = await post('/tenants/large/narrative', { section: 'Overview' });
      expect(other.status).toBe(200);
      // The refusal sent nothing: two calls reached the provider, not three.
      expect(openai.requests).toHaveLength(2);
    } finally {
      await service.close();
      await openai.close();
    }
  });

  it('provider failures map to 503 and 502, and the key never appears in the answer', async () => {
    const key = fakeApiKey('service');
    const openai = await startOpenAICompatibleServer((request) =>
      String(request.body?.messages && JSON.stringify(request.body.messages)).includes('Overloaded')
        ? { kind: 'status', status: 503, retryAfter: '0' }
        : { kind: 'echo-headers' },
    );
    const { service, post, logged } = await started({
      env: { OPENAI_API_KEY: key, OPENAI_BASE_URL: openai.baseURL },
    });
    try {
      const unavailable = await post('/tenants/acme/narrative', { section: 'Overloaded' });
      expect([unavailable.status, unavailable.body.error.code]).toEqual([
        503,
        'PROVIDER_UNAVAILABLE',
      ]);
      // A 401 that echoes the Authorization header back: not retryable, and scrubbed.
      const rejected = await post('/tenants/acme/narrative', { section: 'Echo' });
      expect([rejected.status, rejected.body.error.code]).toEqual([502, 'PROVIDER_UNAVAILABLE']);
      expect(JSON.stringify([unavailable.body, rejected.body, logged])).not.toContain(key);
    } finally {
      await service.close();
      await openai.close();
    }
  });

  it('a client that hangs up cancels its call: the request to the model is aborted and the run records why', async () => {
    const openai = await startOpenAICompatibleServer(() => ({ kind: 'hang' }));
    const { service, url, ledgerDir, logged } = await started({
      env: { OPENAI_API_KEY: fakeApiKey('service'), OPENAI_BASE_URL: openai.baseURL },
    });
    try {
      const client = new AbortController();
      const answered = fetch(`${url}/tenants/acme/narrative`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ section: 'Throughput' }),
        signal: client.signal,
      }).catch((error: unknown) => error);
      while (openai.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      client.abort();
      await answered;
      // The service's request to the model is aborted rather than left hanging.
      while (openai.openConnections() > 0) await new Promise((r) => setTimeout(r, 5));
      while (!logged.some((line) => line.includes('CALL_CANCELLED'))) {
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(logged.find((line) => line.includes('CALL_CANCELLED'))).toMatch(/status=499/);
      const [runId] = readdirSync(join(ledgerDir, 'acme'));
      const types = readFileSync(join(ledgerDir, 'acme', runId!, 'ledger.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; data: { code?: string } });
      expect(types.map((r) => r.type)).toEqual(['run_start', 'request', 'error', 'run_end']);
      expect(types[2]?.data.code).toBe('CALL_CANCELLED');
    } finally {
      await service.close();
      await openai.close();
    }
  });

  it('a client that hangs up while sending its body is logged as a 499, not as an internal error', async () => {
    const { service, url, ledgerDir, logged } = await started({ env: {} });
    try {
      const { port } = new URL(url);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        'POST /tenants/acme/narrative HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"sect',
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      socket.destroy();
      while (logged.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(logged).toEqual([expect.stringMatching(/^status=499 CLIENT_CLOSED_REQUEST/)]);
      // No run was started for a request that never arrived whole.
      expect(readdirSync(ledgerDir)).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it('`npm start` runs it as a process that answers requests', async () => {
    const child = spawn(process.execPath, ['--import', tsx, join(example, 'src/main.ts')], {
      cwd: mkdtempSync(join(scratch, 'process-')),
      env: {
        ...process.env,
        OPENAI_API_KEY: '',
        PORT: '0',
        TSX_TSCONFIG_PATH: join(example, 'tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code} before listening`)));
      });
      const res = await fetch(`${url}/tenants/globex/narrative`, {
        method: 'POST',
        body: JSON.stringify({ section: 'Variants' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { offline: boolean }).offline).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
