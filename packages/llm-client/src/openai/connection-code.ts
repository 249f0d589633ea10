/** How deep to follow `cause` (the SDK wraps fetch's TypeError, which wraps undici's). */
const MAX_CAUSES = 8;

/** Error codes are short upper-case words (`ECONNREFUSED`, `UND_ERR_SOCKET`); nothing else is shown. */
const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/**
 * The system or undici code of a failed connection (`ECONNREFUSED`, `ENOTFOUND`,
 * `CERT_HAS_EXPIRED`), found along its `cause` chain, for the error's message: it says what
 * went wrong where "connection error" does not, and it never carries a value.
 */
export function connectionCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < MAX_CAUSES; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && CODE.test(code)) return code;
    e = cause;
  }
  return undefined;
}
