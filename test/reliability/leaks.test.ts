import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLLMClient, type LLMEvent, resolveApiKey } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import { startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { afterAll, describe, expect, it } from 'vitest';
import { BIP39_ENGLISH_WORDS } from '../../packages/redact/src/detectors/secrets/bip39-english-words.js';

const root = mkdtempSync(join(tmpdir(), 'pm-leaks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Canaries are made at test time: realistic shapes, random bodies, nothing key-shaped committed.
const alnum = (n: number) =>
  Array.from(
    randomBytes(n),
    (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62],
  ).join('');
const upper = (n: number) =>
  Array.from(randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');
const pem = `-----BEGIN PRIVATE KEY-----\n${randomBytes(96)
  .toString('base64')
  .match(/.{1,64}/g)!
  .join('\n')}\n-----END PRIVATE KEY-----`;
const listWords = BIP39_ENGLISH_WORDS.split(' ');
/** Twelve random words of a wallet's list: a seed phrase (its checksum need not hold). */
const seedBytes = randomBytes(24);
const seedWords = Array.from(
  { length: 12 },
  (_, i) => listWords[seedBytes.readUInt16BE(2 * i) % 2048],
).join(' ');
const canaries: Record<string, string> = {
  apiKey: `sk-proj-${alnum(48)}`,
  anthropic: `sk-ant-api03-${alnum(93)}AA`,
  awsKeyId: `AKIA${upper(16)}`,
  awsSecret: `aws_secret_access_key = ${randomBytes(30).toString('base64').slice(0, 40)}`,
  github: `ghp_${alnum(36)}`,
  slack: `xoxb-${Math.floor(1e11 + Math.random() * 9e11)}-${Math.floor(1e11 + Math.random() * 9e11)}-${alnum(24)}`,
  stripe: `sk_live_${alnum(24)}`,
  bearer: `Authorization: Bearer ${alnum(40)}`,
  dsn: `postgres://admin:${alnum(16)}@db.internal:5432/sales`,
  pem,
  seedPhrase: `Recovery phrase: ${seedWords}`,
};
/** The secret part of each canary: what must appear nowhere. */
const secretParts = Object.entries(canaries).map(([name, value]) => {
  if (name === 'bearer') return value.slice('Authorization: Bearer '.length);
  if (name === 'dsn') return value.slice('postgres://admin:'.length, value.indexOf('@'));
  if (name === 'awsSecret') return value.slice('aws_secret_access_key = '.length);
  if (name === 'pem') return value.split('\n')[1]!;
  if (name === 'seedPhrase') return seedWords;
  return value;
});

function filesUnder(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) out += `${readFileSync(path, 'utf8')}\n`;
  }
  return out;
}

describe('leaks: canary secrets planted everywhere appear nowhere', () => {
  it('not in the ledger, artifacts, events, errors or logs; the API key nowhere', async () => {
    const planted = Object.values(canaries).join('\n');
    // The server echoes the request back inside its error messages and headers.
    const server = await startOpenAICompatibleServer((request, index) =>
      index % 2 === 0
        ? { kind: 'echo-headers' }
        : {
            kind: 'status',
            status: 400,
            body: {
              error: {
                message: `bad request: ${JSON.stringify(request.body).slice(0, 4000)} ${planted}`,
                type: 'invalid_request_error',
              },
            },
          },
    );
    const logs: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logs.push(String(chunk));
      return write(chunk as string, ...(rest as []));
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logs.push(String(chunk));
      return writeErr(chunk as string, ...(rest as []));
    }) as typeof process.stderr.write;

    const events: LLMEvent[] = [];
    const errors: unknown[] = [];
    try {
      const env = { OPENAI_API_KEY: canaries.apiKey!, DATABASE_URL: canaries.dsn! };
      const client = createLLMClient({
        provider: openaiProvider({ apiKey: () => resolveApiKey({ env }), baseURL: server.baseURL }),
        ledger: { dir: root, durability: 'strict' },
        retry: { attempts: 1 },
        onEvent: (event) => events.push(event),
        env,
      });
      const run = await client.startRun({ runId: 'leaks', stage: 'leak-check' });
      const calls = [
        { input: `Please summarise. ${planted}` },
        {
          input: 'Rows follow',
          context: {
            rows: [{ note: canaries.github, dsn: canaries.dsn, owner: canaries.bearer }],
            meta: { api_key: canaries.stripe, pem },
          },
        },
        {
          input: 'Template values',
          template: 'draft-narrative@1',
          context: { detail: planted },
          disclosureLevel: 4 as const,
        },
        {
          input: 'Plain',
          context: {
            headers: { authorization: `Bearer ${canaries.github}`, cookie: canaries.slack },
          },
        },
      ];
      for (const call of calls) {
        await run
          .generateText({ model: 'gpt-5.2', maxOutputTokens: 20, ...call })
          .catch((error: unknown) => errors.push(error));
      }
      await run.end();
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
      await server.close();
    }

    const thrown = errors
      .map((e) => {
        const error = e as Error & { cause?: unknown; details?: unknown };
        return [
          error.message,
          String(error.stack),
          String(error.cause),
          JSON.stringify(error.details ?? null),
          JSON.stringify(error),
        ].join('\n');
      })
      .join('\n');
    const surfaces: Record<string, string> = {
      'ledger directory': filesUnder(join(root, 'leaks')),
      events: JSON.stringify(events),
      'thrown errors': thrown,
      logs: logs.join(''),
    };
    const found: string[] = [];
    for (const [surface, text] of Object.entries(surfaces)) {
      for (const [i, secret] of secretParts.entries()) {
        if (text.includes(secret)) found.push(`${Object.keys(canaries)[i]} in ${surface}`);
      }
    }
    console.log(
      `leaks: ${secretParts.length} canaries x ${Object.keys(surfaces).length} surfaces checked ` +
        `(${surfaces['ledger directory']!.length} bytes of ledger files, ${events.length} events, ${errors.length} errors); found: ${found.length ? found.join(', ') : 'none'}`,
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(server.requests.length).toBe(4);
    // The provider received redacted prompts: no canary left the process except the key in its header.
    const sent = JSON.stringify(server.requests.map((r) => r.body));
    for (const secret of secretParts) expect(sent.includes(secret)).toBe(false);
    expect(found).toEqual([]);
  });
});
