import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

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
  extra: { refusal?: string; usage?: { prompt_tokens: number; completion_tokens: number } } = {},
): string {
  const usage = extra.usage ?? { prompt_tokens: 30, completion_tokens: 10 };
  return JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-5.2',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: extra.refusal ?? null },
        finish_reason: 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}
