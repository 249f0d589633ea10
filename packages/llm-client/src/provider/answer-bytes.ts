/** Room for what an answer holds besides its text: ids, usage, the Responses API's echo of the request (its response schema). */
const ENVELOPE_BYTES = 1024 * 1024;

/**
 * Bytes per output token an answer may take. A token is about 4 bytes of text; JSON escapes
 * (`\u0000`, 6 bytes per character) and the longest tokens (runs of spaces or dashes) take
 * more, so 64 is far above any real answer while a body of megabytes on a short call is not.
 */
const BYTES_PER_TOKEN = 64;

/**
 * The default bound on the bytes read from one answer: 1 MiB plus 64 bytes per output token
 * the call allows (1.06 MB at `maxOutputTokens: 1000`, 9.2 MB at 128,000). `openaiProvider`
 * reads no more of a body by default, and the pipeline takes no longer answer text (in UTF-8)
 * from any provider (decision 0038).
 */
export function defaultAnswerBytes(maxOutputTokens: number): number {
  return ENVELOPE_BYTES + BYTES_PER_TOKEN * maxOutputTokens;
}
