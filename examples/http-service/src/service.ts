import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { type BudgetStore, memoryStore } from '@pm/budget';
import { isPmError, type LLMProvider, resolveApiKey } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import { buildDisclosure } from '@pm/redact';
import { EVENT_LOG_ROLES, readEventLog } from '@pm-examples/sample-data';
import { type HttpError, httpError, httpErrorFor } from './http-error.js';
import { readJsonBody } from './read-json-body.js';
import { createTenantClients, type TenantConfig } from './tenant-clients.js';

export type { TenantConfig } from './tenant-clients.js';

/** Options of `createService`; every one has a default. */
export interface ServiceOptions {
  /** The tenants and their daily USD caps; default `acme` $0.50 and `globex` $0.02. */
  tenants?: Readonly<Record<string, TenantConfig>>;
  /**
   * Configuration source: `OPENAI_API_KEY` turns OpenAI on (read per request, never kept
   * here), `OPENAI_BASE_URL` points it at a gateway, `PM_LLM_OFFLINE=1` forces offline.
   * Default `process.env`.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default `gpt-5.2`. */
  model?: string;
  /** Ledgers go to `<ledgerDir>/<tenant>/<run id>/`; default `./.pm-ledger`. */
  ledgerDir?: string;
  /** A tenant's budget counters; default a memory store each (one process). */
  storeFor?: (tenant: string) => BudgetStore;
  /** Where failures are logged (code and run id only); default `console.error`. */
  log?: (line: string) => void;
}

/** The service: a `node:http` server, not yet listening. */
export interface Service {
  server: Server;
  /** Whether calls stay in the process (no key, or the kill switch). */
  offline: boolean;
  /** Starts listening; port 0 picks a free one. Resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const SECTION_MAX_CHARS = 200;
const BODY_LIMIT_BYTES = 16 * 1024;
const NARRATIVE_ROUTE = /^\/tenants\/([^/]+)\/narrative$/;

/**
 * Builds the service: the event log's disclosure is computed once here (aggregates only,
 * level 4), a client per tenant, and a governed run per request.
 *
 * `POST /tenants/:tenant/narrative` `{ "section": "..." }` → `{ text, costUsd, runId, budget, ... }`
 * `GET /healthz` → `{ ok, offline, endpoints }`
 */
export async function createService(options: ServiceOptions = {}): Promise<Service> {
  const env = options.env ?? process.env;
  const model = options.model ?? 'gpt-5.2';
  const log = options.log ?? ((line: string) => console.error(line));
  const provider: LLMProvider | undefined = env.OPENAI_API_KEY
    ? openaiProvider({
        // Resolved on every request from the same source, wrapped so it prints [REDACTED].
        apiKey: () => resolveApiKey({ env }),
        ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
      })
    : undefined;
  const clients = createTenantClients(
    options.tenants ?? { acme: { usdPerDay: 0.5 }, globex: { usdPerDay: 0.02 } },
    {
      provider,
      model,
      ledgerDir: resolve(options.ledgerDir ?? '.pm-ledger'),
      storeFor: options.storeFor ?? (() => memoryStore()),
      env,
    },
  );
  const disclosure = await buildDisclosure(readEventLog(), {
    level: 4,
    roles: EVENT_LOG_ROLES,
    profile: 'homebrew',
  });
  const description = [...clients.values()][0]?.describe();

  async function draftNarrative(
    tenant: string,
    req: IncomingMessage,
    signal: AbortSignal,
  ): Promise<Answer> {
    const client = clients.get(tenant);
    if (!client) return httpError(404, 'UNKNOWN_TENANT', `No tenant "${tenant}".`);
    const body = await readJsonBody(req, BODY_LIMIT_BYTES);
    if (!body.ok) return body.error;
    const section = body.value.section;
    if (typeof section !== 'string' || !section.trim() || section.length > SECTION_MAX_CHARS) {
      return httpError(
        400,
        'INVALID_ARGUMENT',
        `"section" must be a non-empty string of at most ${SECTION_MAX_CHARS} characters.`,
      );
    }
    const run = await client.startRun({ stage: 'narrative' });
    try {
      // A client that hangs up cancels the call: nothing more is sent or billed for it.
      const drafted = await run.draftNarrative({ model, section, disclosure, signal });
      const day = (await run.usage()).scopes.find((s) => s.scope === 'day');
      return {
        status: 200,
        body: {
          tenant,
          section,
          text: drafted.output,
          offline: drafted.offline,
          costUsd: drafted.costUsd,
          runId: run.runId,
          budget: {
            dayLimitUsd: day?.limits.usd ?? null,
            daySpentUsd: day?.spent.usd ?? 0,
            dayRemainingUsd: day?.remaining.usd ?? null,
          },
        },
      };
    } catch (error) {
      const answer = httpErrorFor(error, run.runId);
      log(`tenant=${tenant} run=${run.runId} status=${answer.status} ${answer.body.error.code}`);
      return answer;
    } finally {
      await run.end();
    }
  }

  async function route(req: IncomingMessage, signal: AbortSignal): Promise<Answer> {
    const { pathname } = new URL(req.url ?? '/', 'http://service.invalid');
    if (pathname === '/healthz' && req.method === 'GET') {
      return {
        status: 200,
        body: {
          ok: true,
          offline: description?.offline ?? true,
          endpoints: description?.endpoints,
        },
      };
    }
    const match = NARRATIVE_ROUTE.exec(pathname);
    if (!match) return httpError(404, 'NOT_FOUND', `No route ${pathname}.`);
    if (req.method !== 'POST') {
      return { ...httpError(405, 'METHOD_NOT_ALLOWED', 'Use POST.'), headers: { allow: 'POST' } };
    }
    return draftNarrative(match[1]!, req, signal);
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Aborts when the connection closes before the answer is written (the client hung up).
    const hungUp = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) hungUp.abort();
    });
    route(req, hungUp.signal)
      .catch((error: unknown) => {
        // A client that hung up while sending its body fails the read: it left, the service
        // did not fail (a PmError, e.g. CALL_CANCELLED, says more and keeps its own answer).
        const answer =
          hungUp.signal.aborted && !isPmError(error)
            ? httpError(499, 'CLIENT_CLOSED_REQUEST', 'The client closed the connection.')
            : httpErrorFor(error);
        // The name only: an arbitrary error's message may quote anything, secrets included.
        log(`status=${answer.status} ${answer.body.error.code} ${(error as Error)?.name}`);
        return answer;
      })
      .then((answer) => {
        res
          .writeHead(answer.status, {
            'content-type': 'application/json; charset=utf-8',
            ...('headers' in answer ? answer.headers : {}),
          })
          .end(JSON.stringify(answer.body));
      });
  });

  return {
    server,
    offline: description?.offline ?? true,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolveUrl, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: bound } = server.address() as AddressInfo;
          resolveUrl(`http://${host}:${bound}`);
        });
      }),
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

type Answer = HttpError | { status: number; body: unknown; headers?: Record<string, string> };
