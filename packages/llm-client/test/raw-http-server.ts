import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach } from 'vitest';

/** What a raw test server saw of one request. */
export interface SeenRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback HTTP server with a hand-written handler, for answers no real API gives. */
export interface RawServer {
  origin: string;
  baseURL: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1; `handler` gets each request after its body has arrived. */
export async function startRawServer(
  handler: (req: IncomingMessage, res: ServerResponse, index: number) => void,
): Promise<RawServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      handler(req, res, seen.length - 1);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseURL: `${origin}/v1`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled responses never end on their own.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A chat completion body as the API sends it. */
export function chatCompletion(
  content: string | null,
  extra: {
    refusal?: string;
    /** Its total is added; other fields (token details) are kept as given. */
    usage?: { prompt_tokens: number; completion_tokens: number } & Record<string, unknown>;
    finishReason?: string;
    /** The model the server says answered; default `gpt-5.2`. */
    model?: string;
  } = {},
): string {
  const usage = extra.usage ?? { prompt_tokens: 30, completion_tokens: 10 };
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: extra.model ?? 'gpt-5.2',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: extra.refusal ?? null },
        finish_reason: extra.finishReason ?? 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

/** A Responses API body as the API sends it: one message with `text`, `completed` unless told. */
export function responsesAnswer(
  text: string,
  extra: {
    status?: 'completed' | 'incomplete';
    model?: string;
    usage?: Record<string, unknown>;
  } = {},
): string {
  const status = extra.status ?? 'completed';
  return JSON.stringify({
    id: 'resp-1',
    object: 'response',
    created_at: 1,
    model: extra.model ?? 'gpt-5.2',
    status,
    ...(status === 'incomplete' ? { incomplete_details: { reason: 'max_output_tokens' } } : {}),
    output: [
      {
        type: 'message',
        id: 'msg-1',
        role: 'assistant',
        status,
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: extra.usage ?? { input_tokens: 5, output_tokens: 1, total_tokens: 6 },
  });
}

/** Answers every request with 200 and `body`, JSON. */
export function answerWith(body: string) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };
}

/**
 * Closes, after each test, every server the returned `serve` started. `serve` takes a body to
 * answer with (200, JSON) or a handler.
 */
export function useRawServers() {
  const servers: RawServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async function serve(
    answer: string | Parameters<typeof startRawServer>[0],
  ): Promise<RawServer> {
    const server = await startRawServer(typeof answer === 'string' ? answerWith(answer) : answer);
    servers.push(server);
    return server;
  };
}
