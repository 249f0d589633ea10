import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// Pre-signed URLs are built at run time (random signatures), so no credential-shaped
// literal sits in the repository (`npm run scan:secrets`). Their signature is the
// credential: whoever holds the URL reads (or writes) the object until it expires. All
// passed through redaction in clear.
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const b64 = (bytes: number) => randomBytes(bytes).toString('base64');
const b64url = (bytes: number) => randomBytes(bytes).toString('base64url');

const SIG = 'sig';
const AMZ = 'X-Amz-Signature';

const urls: Array<[string, (signature: string) => string, () => string]> = [
  [
    'Azure blob SAS',
    (s) =>
      `https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&ss=b&srt=o&sp=rwd&se=2027-01-01T00:00:00Z&spr=https&${SIG}=${s}`,
    () => encodeURIComponent(b64(32)),
  ],
  [
    'Azure SAS, sig first and raw base64',
    (s) => `https://acct.blob.core.windows.net/c?${SIG}=${s}&se=2027-01-01&sp=r`,
    () => b64(32),
  ],
  [
    'Azure Service Bus SAS token',
    (s) =>
      `Authorization: SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2Fq&${SIG}=${s}&se=1767225600&skn=RootManageSharedAccessKey`,
    () => encodeURIComponent(b64(32)),
  ],
  [
    'AWS SigV4 (S3)',
    (s) =>
      `https://bucket.s3.amazonaws.com/k.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261206T000000Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&${AMZ}=${s}`,
    () => hex(32),
  ],
  [
    'AWS SigV4 in lower case',
    (s) => `https://bucket.s3.amazonaws.com/k?x-amz-expires=3600&${AMZ.toLowerCase()}=${s}`,
    () => hex(32),
  ],
  [
    'GCS V4',
    (s) =>
      `https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=900&X-Goog-Signature=${s}`,
    () => hex(256),
  ],
  [
    'AWS SigV2 / GCS V2',
    (s) => `https://bucket.s3.amazonaws.com/k?Expires=1767225600&Signature=${s}`,
    () => encodeURIComponent(b64(20)),
  ],
  [
    'CloudFront',
    (s) =>
      `https://d111111abcdef8.cloudfront.net/v.mp4?Expires=1767225600&Signature=${s}&Key-Pair-Id=K2JCJMDEHXQW5F`,
    () => b64url(128).replace(/_/g, '~'),
  ],
  [
    'HTML-escaped query',
    (s) => `<a href="https://acct.blob.core.windows.net/c/f?sp=r&amp;${SIG}=${s}">`,
    () => encodeURIComponent(b64(32)),
  ],
  [
    'Go JSON escaping & as \\u0026',
    (s) => `{"url":"https://bucket.s3.amazonaws.com/k?X-Amz-Expires=60\\u0026${AMZ}=${s}"}`,
    () => hex(32),
  ],
];

describe('the signature of a pre-signed URL is a secret', () => {
  it.each(urls)('%s: only the signature is masked', (_name, url, signature) => {
    const s = signature();
    const text = url(s);
    const out = createRedactor().redactText(text);
    expect(out.text).not.toContain(s);
    expect(out.text).toBe(text.replace(s, '[SECRET_1]'));
    expect(out.counts).toEqual({ secret: 1 });
    const found = detectSecrets(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(s);
    expect(found[0]).toMatchObject({ kind: 'generic', detector: 'presigned-url-signature' });
  });

  it('a JSON record with a pre-signed URL stays JSON', () => {
    const s = hex(32);
    const text = JSON.stringify({ url: `https://b.s3.amazonaws.com/k?${AMZ}=${s}`, n: 1 });
    const out = createRedactor().redactText(text);
    expect(JSON.parse(out.text)).toEqual({
      url: 'https://b.s3.amazonaws.com/k?X-Amz-Signature=[SECRET_1]',
      n: 1,
    });
  });

  it('a signature longer than the pattern bound is taken whole', () => {
    const s = hex(2048);
    const text = `https://storage.googleapis.com/b/o?X-Goog-Signature=${s} next`;
    expect(createRedactor().redactText(text).text).toBe(
      'https://storage.googleapis.com/b/o?X-Goog-Signature=[SECRET_1] next',
    );
  });

  it('leaves placeholders, short values and parameters that only end in sig alone', () => {
    for (const text of [
      `https://acct.blob.core.windows.net/c?sp=r&${SIG}=<signature>`,
      `https://acct.blob.core.windows.net/c?sp=r&${SIG}=${'X'.repeat(44)}`,
      `https://b.s3.amazonaws.com/k?${AMZ}={{signature}}`,
      `https://example.com/?${SIG}=abc123`,
      `https://example.com/?config=${hex(32)}`,
      `const ${SIG} = computeSignature(body);`,
      `git log --show-signature=${hex(20)}`,
      'multisig=3f9a2c7e1b8d4f6a0c5e9b3d',
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('stays linear on adversarial input', () => {
    for (const unit of [
      '&sig=',
      '&sig=a',
      '?X-Amz-Signature=',
      'Signature=',
      `&${SIG}=${'a1'.repeat(600)}`,
    ]) {
      expectLinearTime(
        (n) => unit.repeat(Math.ceil(n / unit.length)),
        detectSecrets,
        1_000_000,
        unit.slice(0, 20),
      );
    }
  });
});
