/**
 * The method, headers, body and signal of a `Request` handed to the guarded fetch, as a
 * `RequestInit`. After a redirect the guard sends a URL and its init, so a `Request`'s own
 * parts were lost: a 307 that must repeat a POST became a GET without body or headers. The
 * body is read once, here, so a 307/308 can send it again. A URL or string has no parts.
 */
export async function requestParts(input: Parameters<typeof fetch>[0]): Promise<RequestInit> {
  if (typeof input === 'string' || input instanceof URL) return {};
  const method = input.method.toUpperCase();
  const bodiless = method === 'GET' || method === 'HEAD' || input.body === null;
  return {
    method: input.method,
    headers: input.headers,
    signal: input.signal,
    ...(bodiless ? {} : { body: await input.arrayBuffer() }),
  };
}
