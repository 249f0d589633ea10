import type { Detector } from '../../detector.js';
import type { Finding } from '../../finding.js';
import { longValueAfter } from '../long-value.js';
import { looksRandom } from './placeholder.js';

/** Characters of a signature in a URL query: base64 (raw or percent-encoded), base64url, hex. */
const VALUE = 'A-Za-z0-9%+/=_.~-';

/**
 * The parameter must start the query parameter: after `?`, `&`, `;` (of `&amp;`) or
 * `\u0026` (how Go's and .NET's JSON encoders write `&`), with AWS's or Google's
 * `X-Amz-`/`X-Goog-` prefix or none. A lookbehind of bounded length: linear.
 */
const PARAMETER_START = String.raw`(?<=(?:^|[?&;]|\\u0026)(?:x-(?:amz|goog)-)?)`;

/** Longest signature the pattern reads; a longer one is measured by a linear run. */
const BOUND = 1024;

const SIGNATURE = new RegExp(
  `${PARAMETER_START}(?:sig|signature)=([${VALUE}]{16,${BOUND}})(?![${VALUE}])`,
  'iyd',
);
/** A signature longer than the pattern's bound, measured by a linear run. */
const longSignature = longValueAfter(
  new RegExp(`${PARAMETER_START}(?:sig|signature)=`, 'iy'),
  new RegExp(`[${VALUE}]*`, 'y'),
  BOUND,
);

/** Where `sig` or `signature` (any case) would start if it ends right before `eq`, or -1. */
function nameStart(eq: number, text: string): number {
  const c = text.charCodeAt(eq - 1) | 32;
  if (c === 103) return eq - 3; // g of sig
  if (c === 101) return eq - 9; // e of signature
  return -1;
}

/** The signature of the parameter named at `at`, when it is one. */
function signatureAt(text: string, at: number): readonly [number, number] | undefined {
  SIGNATURE.lastIndex = at;
  const m = SIGNATURE.exec(text);
  // A value past the bound (a 4096-bit RSA signature in hex) is taken whole, not missed.
  const span = m?.indices?.[1] ?? longSignature(text, at);
  if (span === undefined) return undefined;
  const [start, end] = span;
  // Machine-made: 16 characters or more, two character classes, no placeholder
  // (`sig=<signature>`, `X-Amz-Signature=XXXX…`).
  return looksRandom(text.slice(start, end), 16) ? [start, end] : undefined;
}

/**
 * The signature of a pre-signed URL: Azure's shared access signature (`sig=` of a SAS URL,
 * or of a Service Bus `SharedAccessSignature sr=…&sig=…`), AWS SigV4's
 * `X-Amz-Signature=`, Google Cloud Storage's `X-Goog-Signature=`, and the `Signature=`
 * of AWS SigV2, CloudFront and GCS V2 signed URLs. Whoever holds such a URL may read, or
 * write and delete, as it allows until it expires (days; years for an Azure account
 * SAS): the signature is the credential, and it passed through redaction in clear, since
 * no credential name (`password`, `token`, …) names it. Only the signature is reported:
 * the resource, permissions and expiry stay readable, as for Slack's webhooks.
 * Found from each `=` with one look at the character before it: as anchors, `sig=` and
 * `signature=` cost two searches for `=` (~0.9 ms per MB of TypeScript), this ~0.15.
 */
export const presignedUrlSignature: Detector = {
  id: 'presigned-url-signature',
  type: 'secret',
  kind: 'generic',
  priority: 100,
  // For the short-text gate only: `scan` finds them from their `=`.
  anchors: ['sig=', 'signature='],
  anchorsIgnoreCase: true,
  scan(text: string, out: Finding[]): void {
    let eq = text.indexOf('=');
    while (eq >= 0) {
      let next = eq + 1;
      const at = nameStart(eq, text);
      const span = at >= 0 ? signatureAt(text, at) : undefined;
      if (span !== undefined) {
        out.push({
          type: 'secret',
          kind: 'generic',
          start: span[0],
          end: span[1],
          detector: 'presigned-url-signature',
        });
        next = span[1];
      }
      eq = text.indexOf('=', next);
    }
  },
};
