import { isPmError } from '@pm/envelope-schemas';
import { httpStatus } from './http-status.js';

/** Network failures worth another attempt (the request may never have reached the server). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

/** HTTP status of an error from common clients (openai SDK, fetch wrappers), if any; `'503'` as 503. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  return httpStatus(e.status ?? e.statusCode ?? e.response?.status);
}

/**
 * True for failures a retry can fix: HTTP 408, 409, 429 and 5xx, and network errors
 * (connection reset/refused/timeouts, the openai SDK's APIConnectionError). Everything else
 * (400, 401, 403, 404, 422, aborts, and our own PmErrors whatever their cause) fails at
 * once. A `cause` chain is followed 16 levels deep at most, so a cyclic chain cannot
 * recurse forever.
 */
export function isRetryable(error: unknown): boolean {
  return retryableAt(error, 0);
}

/** How deep a `cause` chain is followed; a cyclic or absurdly long chain stops here. */
const MAX_CAUSE_DEPTH = 16;

function retryableAt(error: unknown, depth: number): boolean {
  // Our own errors are decisions (a refusal, a closed store, a deadline), never transient
  // failures; BudgetStoreUnavailableError keeps the Redis client's error, which may carry a
  // socket code, as its cause, and must still fail closed at once.
  if (isPmError(error)) return false;
  const status = statusOf(error);
  if (status !== undefined)
    return status === 408 || status === 409 || status === 429 || status >= 500;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; name?: unknown; cause?: unknown };
  if (e.name === 'AbortError' || e.name === 'APIUserAbortError') return false;
  if (e.name === 'APIConnectionError' || e.name === 'APIConnectionTimeoutError') return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  // fetch() wraps the socket error: TypeError('fetch failed', { cause })
  if (e.cause !== undefined && e.cause !== error && depth < MAX_CAUSE_DEPTH)
    return retryableAt(e.cause, depth + 1);
  return false;
}

/**
 * A header's value as text, or undefined when absent or blank. `name` is lower case. A plain
 * object's keys are matched in any case (`Retry-After`, as hand-built errors and some
 * clients spell it), and a number value (a client that parsed it) is read as its text:
 * missed, a server's wait would be ignored and the call retried at once.
 */
function header(error: unknown, name: string): string | undefined {
  const headers =
    (error as { headers?: unknown; response?: { headers?: unknown } } | null)?.headers ??
    (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (headers === undefined || headers === null || typeof headers !== 'object') return undefined;
  let v: unknown;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    v = (headers as { get(n: string): unknown }).get(name);
  } else {
    const record = headers as Record<string, unknown>;
    v = record[name];
    if (v === undefined) {
      for (const key of Object.keys(record)) {
        if (key.length === name.length && key.toLowerCase() === name) {
          v = record[key];
          break;
        }
      }
    }
  }
  if (Array.isArray(v)) v = v[0];
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

/**
 * The server's requested wait, in ms, from `retry-after-ms` (OpenAI) or `Retry-After`
 * (seconds or an HTTP date), or undefined when absent or unreadable.
 */
export function retryAfterMs(error: unknown, nowMs: number = Date.now()): number | undefined {
  const ms = header(error, 'retry-after-ms');
  if (ms !== undefined) {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const value = header(error, 'retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
