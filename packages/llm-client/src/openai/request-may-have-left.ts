/** Failures while connecting: nothing of the request was written to the server. */
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Certificate checks fail during the TLS handshake, before undici writes the request. Other
 * TLS errors (`ERR_SSL_*`) can come mid-stream, after it: those are not listed.
 */
const CERTIFICATE_CODE =
  /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERR_TLS_CERT_ALTNAME_INVALID$)/;

/** How deep to follow `cause` (the SDK wraps fetch's TypeError, which wraps undici's). */
const MAX_CAUSES = 8;

interface ErrorFacts {
  code?: unknown;
  syscall?: unknown;
  /** undici's `SocketError` says how many bytes its socket wrote. */
  socket?: { bytesWritten?: unknown } | null;
  cause?: unknown;
}

/**
 * Whether a failed connection may have carried the request to the provider, which may
 * then bill it. Only a failure that proves the request never left says no: one while
 * connecting (refused, DNS, unreachable, connect timeout, a certificate refused) or a
 * socket that wrote nothing. A reset or close after the request was written, and any cause
 * not recognised, may have reached the provider: the caller books it (fail closed).
 */
export function requestMayHaveLeft(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < MAX_CAUSES; depth++) {
    const { code, syscall, socket, cause } = e as ErrorFacts;
    if (typeof socket?.bytesWritten === 'number') return socket.bytesWritten > 0;
    if (
      typeof code === 'string' &&
      (CONNECT_PHASE_CODES.has(code) || CERTIFICATE_CODE.test(code))
    ) {
      return false;
    }
    if (syscall === 'connect' || syscall === 'getaddrinfo') return false;
    e = cause;
  }
  return true;
}
