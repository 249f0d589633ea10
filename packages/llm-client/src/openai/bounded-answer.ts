/** What a bounded answer saw when it stopped reading. */
export interface OversizedAnswer {
  /** The bound, in bytes. */
  readonly limitBytes: number;
  /** The size the answer declared (`content-length`), when it declared one above the bound. */
  readonly declaredBytes?: number;
}

/**
 * `response` with a body that stops after `limitBytes`: once more has arrived (or the
 * `content-length` already says so) it calls `onOversized`, cancels the rest, which closes
 * the connection instead of downloading it, and makes the body error, so whatever reads it
 * (the SDK's `json()` or `text()`) fails at once rather than buffering all of it in memory.
 */
export function boundedResponse(
  response: Response,
  limitBytes: number,
  onOversized: (oversized: OversizedAnswer) => void,
): Response {
  const source = response.body;
  if (source === null) return response;
  const stop = (oversized: OversizedAnswer): Error => {
    onOversized(oversized);
    return new Error(`The answer is larger than ${limitBytes} bytes; reading it stopped.`);
  };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  let body: ReadableStream<Uint8Array>;
  if (Number.isFinite(declared) && declared > limitBytes) {
    source.cancel().catch(() => {});
    const error = stop({ limitBytes, declaredBytes: declared });
    body = new ReadableStream({ start: (controller) => controller.error(error) });
  } else {
    const reader = source.getReader();
    let read = 0;
    body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        read += value.byteLength;
        if (read > limitBytes) {
          reader.cancel().catch(() => {});
          controller.error(stop({ limitBytes }));
          return;
        }
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
  }
  const bounded = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // The SDK names the URL in what it logs; a new Response has none of its own.
  Object.defineProperty(bounded, 'url', { value: response.url });
  return bounded;
}
