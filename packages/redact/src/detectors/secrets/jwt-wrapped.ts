import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { runEnd } from '../long-value.js';
import { hasJwtHeader } from './jwt.js';

/** The characters of a JWT on one line: base64url and the segments' dots. */
const PIECE = /[A-Za-z0-9_.-]*/y;
/** A base64url character: a token's neighbour may not be one (`notAfter`). */
const BASE64URL_CHAR = /[A-Za-z0-9_-]/;
/** Bounds on the header, the payload and the signature read over lines. */
const MAX_HEADER = 1024;
const MAX_PAYLOAD = 8192;
/** Most lines a token is read over, and the indentation read before each. */
const MAX_LINES = 64;
const MAX_INDENT = 64;

/**
 * The length of a signature in base64url by the header's `alg`: HMAC and EdDSA digests,
 * ECDSA's two integers, RSA's modulus of 2048, 3072 and 4096 bits.
 */
const SIGNATURE_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  HS256: [43],
  HS384: [64],
  HS512: [86],
  ES256: [86],
  ES256K: [86],
  ES384: [128],
  ES512: [176],
  EdDSA: [86],
  Ed25519: [86],
  RS256: [342, 512, 683],
  RS384: [342, 512, 683],
  RS512: [342, 512, 683],
  PS256: [342, 512, 683],
  PS384: [342, 512, 683],
  PS512: [342, 512, 683],
};

/** Offset of the next line's first character after the line break at `i` (indentation skipped), or -1. */
function nextLine(text: string, i: number): number {
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) !== 10) return -1;
  const from = ++i;
  while (i - from < MAX_INDENT && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** Base64url `segment` decoded as JSON text of an object, or undefined. */
function decodedObject(segment: string): unknown {
  try {
    const json = Buffer.from(segment, 'base64url').toString('utf8');
    return json.startsWith('{') ? JSON.parse(json) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The wrapped JWT starting at `at`: its span, or undefined. The header must decode to
 * JSON with an `alg` or `typ` and the payload to a JSON object, each checked as soon as
 * its `.` is read, so a look-alike stops early; a signature is joined over a break only
 * to the length its `alg` gives, so the next line's word is not taken.
 */
function wrappedJwt(
  text: string,
  at: number,
  firstEnd: number,
): readonly [number, number] | undefined {
  let token = '';
  let inSegment = false;
  let pos = at;
  let lines = 0;
  let headerEnd = -1;
  let payloadEnd = -1;
  const ends: number[] = [];
  for (;;) {
    const end = pos === at ? firstEnd : runEnd(PIECE, text, pos);
    const piece = text.slice(pos, end);
    if (piece === '') break;
    if (token !== '' && !token.endsWith('.') && !piece.startsWith('.')) inSegment = true;
    token += piece;
    ends.push(end);
    if (headerEnd < 0) {
      headerEnd = token.indexOf('.');
      if (headerEnd < 0 && token.length > MAX_HEADER) return undefined;
      if (headerEnd >= 0 && !hasJwtHeader(token)) return undefined;
    }
    if (headerEnd >= 0 && payloadEnd < 0) {
      payloadEnd = token.indexOf('.', headerEnd + 1);
      if (payloadEnd < 0 && token.length - headerEnd > MAX_PAYLOAD) return undefined;
      if (payloadEnd >= 0) {
        const payload = token.slice(headerEnd + 1, payloadEnd);
        if (!payload.startsWith('eyJ') || decodedObject(payload) === undefined) return undefined;
      }
    }
    if (payloadEnd >= 0) break;
    const next = nextLine(text, end);
    if (next < 0 || ++lines >= MAX_LINES) break;
    pos = next;
  }
  if (payloadEnd < 0) return undefined;
  // The signature so far ends at the last piece's end; it may run on over breaks.
  let signature = token.slice(payloadEnd + 1);
  if (signature.includes('.')) return undefined;
  let last = ends[ends.length - 1]!;
  const header = decodedObject(token.slice(0, headerEnd)) as { alg?: unknown } | undefined;
  const lengths = typeof header?.alg === 'string' ? SIGNATURE_LENGTHS[header.alg] : undefined;
  if (lengths !== undefined && !lengths.includes(signature.length)) {
    let end = last;
    let joined = signature;
    for (let k = lines; k < MAX_LINES && joined.length < Math.max(...lengths); k++) {
      const next = nextLine(text, end);
      if (next < 0) break;
      end = runEnd(PIECE, text, next);
      const piece = text.slice(next, end);
      if (piece === '' || piece.includes('.')) break;
      joined += piece;
      if (lengths.includes(joined.length)) {
        signature = joined;
        last = end;
        break;
      }
    }
  }
  // A token whose only breaks follow a `.` is `jwtAcrossLines`'s, one on a line `jwtToken`'s.
  const signatureWrapped = last !== ends[ends.length - 1] && signature.length > 0;
  return inSegment || (signatureWrapped && !token.endsWith('.')) ? [at, last] : undefined;
}

/**
 * A JWT wrapped at a fixed width (a terminal, a log viewer, a YAML block, `fold -w`), broken
 * inside a segment, which `jwtToken` reads only to the first line's end and
 * `jwtAcrossLines` (breaks right after a `.`) not at all. Read from each `eyJ` that starts a
 * token and whose line ends right after it; each line after it is read only while the
 * previous one ran to its end, at most 64 lines and bounded lengths: linear.
 */
export const jwtWrapped: Detector = {
  id: 'jwt',
  type: 'secret',
  kind: 'jwt',
  priority: 100,
  anchors: ['eyJ'],
  scan(text: string, out: Finding[]): void {
    // `indexOf('J')`, then `ey` before it: `indexOf('eyJ')` crawls, as `e` is common.
    let j = text.indexOf('J', 2);
    // Where the run of token characters the last candidate started in ends: every `eyJ`
    // after a `.` in one run is a candidate, and each reading the run to its end made a
    // megabyte of `eyJhbGci.` take a minute.
    let runStop = -1;
    while (j >= 0) {
      const at = j - 2;
      let next = j + 1;
      if (
        text.charCodeAt(at) === 101 /* e */ &&
        text.charCodeAt(at + 1) === 121 /* y */ &&
        (at === 0 || !BASE64URL_CHAR.test(text[at - 1]!))
      ) {
        const lineEnd = at < runStop ? runStop : runEnd(PIECE, text, at);
        runStop = lineEnd;
        const c = text.charCodeAt(lineEnd);
        // Not at a line's end: no candidate of this run is, so none is looked at.
        if (c !== 10 && c !== 13) next = lineEnd;
        else {
          const span = wrappedJwt(text, at, lineEnd);
          if (span !== undefined) {
            out.push({
              type: 'secret',
              kind: 'jwt',
              start: span[0],
              end: span[1],
              detector: 'jwt',
            });
            next = span[1] + 2;
          }
        }
      }
      j = text.indexOf('J', next);
    }
  },
};
