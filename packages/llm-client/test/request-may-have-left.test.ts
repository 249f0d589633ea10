import { describe, expect, it } from 'vitest';
import { requestMayHaveLeft } from '../src/openai/request-may-have-left.js';

/** An error shaped as the OpenAI SDK throws it: its error, fetch's TypeError, then `cause`. */
function sdkError(cause: object): Error {
  return new Error('Connection error.', {
    cause: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), cause) }),
  });
}

// The socket-level cases with real sockets are in openai-provider.test.ts (a refused port,
// a server that drops the connection once it has the request). These are the ones a
// loopback server cannot produce on demand: DNS, certificates, a socket closed before it
// wrote, and causes nobody recognises.
describe('requestMayHaveLeft', () => {
  it.each([
    ['a refused connection', { code: 'ECONNREFUSED', syscall: 'connect' }],
    ['a name that does not resolve', { code: 'ENOTFOUND', syscall: 'getaddrinfo' }],
    ['a connect timeout', { code: 'UND_ERR_CONNECT_TIMEOUT' }],
    ['a certificate for another host', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }],
    ['a self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }],
    ['an expired certificate', { code: 'CERT_HAS_EXPIRED' }],
    ['a socket closed before it wrote', { code: 'UND_ERR_SOCKET', socket: { bytesWritten: 0 } }],
  ])('says no for %s', (_name, cause) => {
    expect(requestMayHaveLeft(sdkError(cause))).toBe(false);
  });

  it.each([
    ['a socket closed after it wrote', { code: 'UND_ERR_SOCKET', socket: { bytesWritten: 548 } }],
    ['a reset while reading the answer', { code: 'ECONNRESET', syscall: 'read' }],
    ['a broken pipe while writing', { code: 'EPIPE', syscall: 'write' }],
    ['a TLS failure mid-stream', { code: 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC' }],
    ['a cause without a code', {}],
  ])('says yes for %s (fail closed)', (_name, cause) => {
    expect(requestMayHaveLeft(sdkError(cause))).toBe(true);
  });

  it('stops following causes that loop', () => {
    const looped = new Error('a') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(requestMayHaveLeft(looped)).toBe(true);
  });
});
