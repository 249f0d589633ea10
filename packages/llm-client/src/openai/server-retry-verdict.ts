/**
 * What the server said about retrying this response, in the `x-should-retry` header that
 * OpenAI (and gateways in front of it) send and the official SDK obeys before any rule of
 * its own: `true` asks for a retry whatever the status, `false` forbids one. Undefined when
 * the header is absent or says anything else, so the status decides, as in the SDK.
 */
export function serverRetryVerdict(headers: Headers | undefined): boolean | undefined {
  const said = headers?.get('x-should-retry');
  if (said === 'true') return true;
  if (said === 'false') return false;
  return undefined;
}
