/** A media type as a message may show it: `type/subtype` only (a server's text otherwise). */
const MEDIA_TYPE = /^[\w.+-]{1,40}\/[\w.+-]{1,80}$/;

/**
 * Why a 2xx body came back as text (`contentType` `null`: the response had none), or
 * `undefined` when its content-type says JSON (then a string is the JSON the server sent). The SDK parses a body as JSON only when its
 * content-type says so (`application/json`, `...+json`) and hands back any other as a string:
 * said as the content-type it had, a gateway answering a chat completion as `text/plain` (or
 * with none) is told apart from one answering an HTML page, where "the body is a string"
 * left the host looking at what reads as a valid answer.
 */
export function textBodyProblem(contentType: string | null | undefined): string | undefined {
  if (contentType === undefined) return undefined; // not known: the body's shape says it
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (media.includes('application/json') || media.endsWith('+json')) return undefined;
  const had =
    media === ''
      ? 'it has no content-type'
      : MEDIA_TYPE.test(media)
        ? `its content-type is ${media}`
        : 'its content-type is not one';
  return `the body is text, not JSON: ${had}, and an OpenAI-compatible API answers application/json`;
}
