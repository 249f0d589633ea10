import type { IncomingMessage } from 'node:http';
import { type HttpError, httpError } from './http-error.js';

/** A JSON object body, or why there is none (a 400 or 413). */
export type JsonBody =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; error: HttpError };

/** Reads a JSON object body of at most `limit` bytes. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Stop reading at the limit: the body is never buffered whole when it is too big.
    if (size > limit) {
      const tooLarge = httpError(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${limit} bytes.`);
      return { ok: false, error: { ...tooLarge, headers: { connection: 'close' } } };
    }
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { ok: false, error: httpError(400, 'INVALID_ARGUMENT', 'The body is not valid JSON.') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      error: httpError(400, 'INVALID_ARGUMENT', 'The body must be a JSON object.'),
    };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
