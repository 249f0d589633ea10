import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the loopback server does with one request. */
export type Behaviour =
  | {
      kind: 'complete';
      text?: string;
      usage?: Partial<UsageShape> | null;
      model?: string;
      finishReason?: string;
    }
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'truncated' }
  | { kind: 'malformed' }
  | { kind: 'wrong-content-type' }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'echo-headers' };

interface UsageShape {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
}

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
}

/** A running OpenAI-compatible server on 127.0.0.1 with a random port. */
export interface OpenAICompatibleServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `http://127.0.0.1:<port>/v1`, the `baseURL` to give the SDK. */
  baseURL: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** TCP connections accepted (a refused request must not add one). */
  connections(): number;
  /** TCP connections still open (an aborted request's is closed by the client). */
  openConnections(): number;
  close(): Promise<void>;
}

const DEFAULT_USAGE: UsageShape = {
  input_tokens: 42,
  cached_input_tokens: 0,
  output_tokens: 7,
  reasoning_tokens: 0,
};

function usageFor(api: 'chat' | 'responses', usage: UsageShape) {
  return api === 'chat'
    ? {
        prompt_tokens: usage.input_tokens,
        completion_tokens: usage.output_tokens,
        total_tokens: usage.input_tokens + usage.output_tokens,
        prompt_tokens_details: { cached_tokens: usage.cached_input_tokens },
        completion_tokens_details: { reasoning_tokens: usage.reasoning_tokens },
      }
    : {
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        total_tokens: usage.input_tokens + usage.output_tokens,
        input_tokens_details: { cached_tokens: usage.cached_input_tokens },
        output_tokens_details: { reasoning_tokens: usage.reasoning_tokens },
      };
}

function completionBody(
  api: 'chat' | 'responses',
  model: string,
  b: Extract<Behaviour, { kind: 'complete' }>,
) {
  const text = b.text ?? 'ok';
  const usage = b.usage === null ? undefined : usageFor(api, { ...DEFAULT_USAGE, ...b.usage });
  if (api === 'chat') {
    return {
      id: 'chatcmpl-loopback',
      object: 'chat.completion',
      created: 1_763_800_000,
      model: b.model ?? model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          finish_reason: b.finishReason ?? 'stop',
          logprobs: null,
        },
      ],
      ...(usage ? { usage } : {}),
    };
  }
  return {
    id: 'resp_loopback',
    object: 'response',
    created_at: 1_763_800_000,
    status: 'completed',
    model: b.model ?? model,
    output: [
      {
        type: 'message',
        id: 'msg_loopback',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    ...(usage ? { usage } : {}),
  };
}

/**
 * Starts an OpenAI-compatible server on 127.0.0.1 for examples and tests:
 * `/v1/chat/completions` and `/v1/responses`.
 * `script(request, index)` picks the behaviour for each request (index counts from 0).
 */
export async function startOpenAICompatibleServer(
  script: (request: RecordedRequest, index: number) => Behaviour = () => ({ kind: 'complete' }),
): Promise<OpenAICompatibleServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    let body: Record<string, unknown> | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
    requests.push(recorded);
    const api = recorded.path.endsWith('/responses') ? 'responses' : 'chat';
    const model = typeof body?.model === 'string' ? body.model : 'unknown';
    const behaviour = script(recorded, requests.length - 1);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(value));
    switch (behaviour.kind) {
      case 'complete':
        return json(200, completionBody(api, model, behaviour));
      case 'status':
        return json(
          behaviour.status,
          behaviour.body ?? {
            error: { message: `loopback status ${behaviour.status}`, type: 'server_error' },
          },
          behaviour.retryAfter === undefined ? {} : { 'retry-after': behaviour.retryAfter },
        );
      case 'reset':
        return req.socket.destroy();
      case 'hang':
        return; // never answers; the client's timeout must fire
      case 'truncated': {
        const full = JSON.stringify(completionBody(api, model, { kind: 'complete' }));
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(full.length),
        });
        res.write(full.slice(0, full.length >> 1));
        return setTimeout(() => req.socket.destroy(), 5);
      }
      case 'malformed':
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"id": "x", "choices": [');
      case 'wrong-content-type':
        return res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html>gateway error</html>');
      case 'redirect':
        return res.writeHead(behaviour.status ?? 307, { location: behaviour.location }).end();
      case 'echo-headers':
        return json(401, {
          error: {
            message: `bad key: ${String(req.headers.authorization)}`,
            type: 'invalid_request_error',
          },
        });
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseURL: `${origin}/v1`,
    requests,
    connections: () => connections,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
