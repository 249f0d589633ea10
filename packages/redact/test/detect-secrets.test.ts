import { describe, expect, it } from 'vitest';
import { BASE62, BASE64, BASE64URL, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { PLACEHOLDER_SECRETS } from './corpus/fixtures.js';

const rng = createPrng(20260101);
const b62 = (n: number) => rng.chars(BASE62, n);

/** Each case: text with one planted secret, its kind, and the exact value expected. */
function planted(): Array<[string, string, string]> {
  const gh = `ghp_${b62(36)}`;
  const oa = `sk-proj-${rng.chars(BASE64URL, 48)}`;
  const an = `sk-ant-api03-${rng.chars(BASE64URL, 93)}AA`;
  const akid = `AKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
  const aksk = rng.chars(BASE64, 40);
  const sl = `xoxb-${rng.digits(12)}-${rng.digits(13)}-${b62(24)}`;
  const hook = `services/T${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${b62(24)}`;
  const st = `sk_live_${b62(99)}`;
  const go = `AIza${rng.chars(BASE64URL, 35)}`;
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const payload = Buffer.from('{"sub":"42","name":"A"}').toString('base64url');
  const jwt = `${header}.${payload}.${rng.chars(BASE64URL, 43)}`;
  // A stateless GitHub App installation token: `ghs_`, the app id, `_`, a JWT.
  const ghStateless = `ghs_${rng.digits(7)}_${header}.${payload}.${rng.chars(BASE64URL, 342)}`;
  const pem = `-----BEGIN PRIVATE KEY-----\n${rng.chars(BASE64, 64)}\n${rng.chars(BASE64, 20)}=\n-----END PRIVATE KEY-----`;
  const bearer = rng.chars(BASE64URL, 32);
  const basic = Buffer.from(`svc:${b62(12)}`).toString('base64');
  const pg = b62(16);
  const pgAt = `${b62(8)}@${b62(8)}`;
  const pw = `${b62(10)}!9`;
  const npm = `npm_${b62(36)}`;
  const azure = `${rng.chars(BASE64, 86)}==`;
  const hex = (n: number) => rng.chars('0123456789abcdef', n);
  const drfToken = hex(40);
  const bareKey = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const databricks = `dapi${hex(32)}`;
  const grafana = `glc_${rng.chars(BASE64, 64)}`;
  const grafanaSa = `glsa_${b62(32)}_${hex(8)}`;
  const onePassword = `ops_eyJ${rng.chars(BASE64URL, 300)}`;
  const curlPassword = `${b62(12)}!`;
  const curlToken = b62(24);
  const wrapped = `{${b62(12)}7}`;
  return [
    [`export GITHUB_TOKEN=${gh}`, 'github', gh],
    [`OPENAI_API_KEY="${oa}"`, 'openai', oa],
    [`client = Anthropic(api_key='${an}')`, 'anthropic', an],
    [`[default]\naws_access_key_id = ${akid}\n`, 'aws', akid],
    [`aws_secret_access_key = ${aksk}\n`, 'aws', aksk],
    [`SLACK_BOT=${sl}`, 'slack', sl],
    [`post to https://hooks.slack.com/${hook} now`, 'slack', hook],
    [`Stripe.apiKey = "${st}";`, 'stripe', st],
    [`maps?key=${go}&q=x`, 'google', go],
    [`token ${jwt} expired`, 'jwt', jwt],
    [`GH_TOKEN=${ghStateless}`, 'github', ghStateless],
    [`key:\n${pem}\n`, 'private_key', pem],
    [`curl -H "Authorization: Bearer ${bearer}" https://api`, 'bearer', bearer],
    [`Authorization: Basic ${basic}`, 'basic_auth', basic],
    [`DATABASE_URL=postgres://app:${pg}@db.internal:5432/shop`, 'connection_string', pg],
    // An unencoded `@` in the password: the last `@` of the authority ends it (WHATWG URL).
    [`MONGO_URL=mongodb+srv://app:${pgAt}@cluster0.example.net/db`, 'connection_string', pgAt],
    [`{"password": "${pw}"}`, 'generic', pw],
    [`//registry.npmjs.org/:_authToken=${npm}`, 'generic', npm],
    [
      `AZ=DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${azure};`,
      'connection_string',
      azure,
    ],
    [`curl -H "Authorization: Token ${drfToken}" https://api`, 'generic', drfToken],
    [`Authorization: ${bareKey}`, 'generic', bareKey],
    [`use ${databricks} for the workspace`, 'generic', databricks],
    [`grafana: ${grafana}`, 'generic', grafana],
    [`GRAFANA_SA=${grafanaSa}`, 'generic', grafanaSa],
    [`export OP_SERVICE_ACCOUNT_TOKEN=${onePassword}`, 'generic', onePassword],
    // curl -u forms: empty user, a token as the user, a word the shell joins from quotes.
    [`curl -u ":${curlPassword}" https://api`, 'basic_auth', `:${curlPassword}`],
    [`curl -u "${curlToken}:" https://api`, 'basic_auth', `${curlToken}:`],
    [`curl --user "svc":"${curlPassword}" https://api`, 'basic_auth', `"svc":"${curlPassword}"`],
    [`curl -u kevin:'${curlPassword}' https://api`, 'basic_auth', `kevin:'${curlPassword}'`],
    // A value wrapped in braces is still a value; `{PASS}` (a bare name) is a template.
    [`curl -u "api:${wrapped}" https://api`, 'basic_auth', `api:${wrapped}`],
  ];
}

describe('detectSecrets', () => {
  it.each(planted())('finds %s as its kind, exactly the value', (text, kind, value) => {
    const findings = detectSecrets(text);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ type: 'secret', kind });
    expect(text.slice(f!.start, f!.end)).toBe(value);
    expect(typeof f!.detector).toBe('string');
  });

  it('returns positions, type, kind and detector only, never the value', () => {
    const text = `token=ghp_${b62(36)}`;
    const [f] = detectSecrets(text);
    expect(Object.keys(f!).sort()).toEqual(['detector', 'end', 'kind', 'start', 'type']);
    expect(JSON.stringify(f)).not.toContain('ghp_');
  });

  it.each([
    ...PLACEHOLDER_SECRETS,
    'password: {{ vault_password }}',
    'const token = response.data.token;',
    'password = getPassword()',
    'Reset your password: click the link below.',
    'the bearer instrument is payable',
    'git sha 3f2a9c0d4b1e8f7a6c5d4e3f2a1b0c9d8e7f6a5b',
    '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
    // `-u` of other commands: user and group ids, a branch, a user without a token.
    'docker run -u 1000:1000 image',
    'git push -u origin main',
    // `ghs_<digits>_` followed by dotted words that are not a JWT.
    'see ghs_12_notes.v1.final for the plan',
    'curl -u user: https://api.example.com',
    // Placeholders in credential slots: templates, shell arguments, usage lines.
    'mysql://admin:REPLACE_WITH_PASSWORD@db.example.com/app',
    'https://{USER}:{PASS}@api.example.com/v1',
    'neo4j://neo4j:[PASSWORD]@localhost:7687',
    'curl -u test:test https://api.example.com',
    'curl -u "$1:$2" https://api.example.com',
    'curl -u <user:password> https://api.example.com',
    // An Authorization header named in code or prose, or holding a placeholder.
    'Authorization: required for all endpoints',
    'headers.Authorization = computeHmacSha256Signature(secret)',
    'authorization: process.env.API_TOKEN_V2',
    '"authorization": "Token <your-token-here>"',
    // Complete PEM blocks whose body is too short to hold any private key: documentation.
    '-----BEGIN PRIVATE KEY-----\nxxx\n-----END PRIVATE KEY-----',
    '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
    '{"private_key": "-----BEGIN PRIVATE KEY-----\\nYOUR_PRIVATE_KEY_HERE\\n-----END PRIVATE KEY-----\\n"}',
  ])('ignores placeholder or non-secret %j', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('finds assignments in JSON nested inside a JSON string (as in ledger records)', () => {
    const pw = `${b62(12)}!7`;
    const text = `{"body":"{\\"password\\": \\"${pw}\\", \\"n\\": 1}"}`;
    const [f] = detectSecrets(text);
    expect(f).toMatchObject({ kind: 'generic' });
    expect(text.slice(f!.start, f!.end)).toBe(pw);
  });

  it('takes the smallest real private key (Ed25519, 64 characters) and a truncated block', () => {
    const ed25519 = `-----BEGIN PRIVATE KEY-----\n${rng.chars(BASE64, 64)}\n-----END PRIVATE KEY-----`;
    expect(detectSecrets(ed25519)).toMatchObject([{ kind: 'private_key', start: 0 }]);
    const truncated = '-----BEGIN PRIVATE KEY-----\nMC4CAQAw';
    expect(detectSecrets(truncated)).toMatchObject([{ kind: 'private_key', start: 0 }]);
  });

  describe('a truncated key in a JSON string ends before the closing quote of its string', () => {
    // The body walk took any backslash, so in JSON inside a JSON string it swallowed the
    // `\` of the inner closing `\"` and the redacted record was no longer JSON.
    const redact = (text: string) => createRedactor().redactText(text).text;
    const lines = Array.from({ length: 4 }, () => rng.chars(BASE64, 64));
    /** `levels` times JSON-encoded `{"model":"x","prompt":<key>,"n":1}`, and the key. */
    function encoded(levels: number, eol = '\n', trail = '', slash = false) {
      const key = `-----BEGIN PRIVATE KEY-----${eol}${lines.join(eol)}${trail}`; // no footer
      // PHP's json_encode writes `/` as `\/` (`\\\/` one level down).
      const encode = (v: unknown) => {
        const json = JSON.stringify(v);
        return slash ? json.replaceAll('/', '\\/') : json;
      };
      let text = encode({ model: 'x', prompt: key, n: 1 });
      for (let i = 1; i < levels; i++) text = encode({ kind: 'request', body: text });
      return { text, key };
    }
    /** The prompt of the innermost object. */
    function prompt(text: string, levels: number): unknown {
      let v = JSON.parse(text);
      for (let i = 1; i < levels; i++) v = JSON.parse(v.body);
      return v.prompt;
    }

    it("the reviewer's record: JSON stays JSON, the key is masked", () => {
      const { text } = encoded(2);
      const out = redact(text);
      expect(out).toBe(
        '{"kind":"request","body":"{\\"model\\":\\"x\\",\\"prompt\\":\\"[SECRET_1]\\",\\"n\\":1}"}',
      );
      expect(prompt(out, 2)).toBe('[SECRET_1]');
    });

    it.each([
      [1, '\n', ''],
      [2, '\n', ''],
      [3, '\n', ''],
      [2, '\r\n', ''],
      [2, '\n', '\n'],
      [3, '\r\n', '=\r\n'],
    ])('%i level(s), line breaks %j, ending %j', (levels, eol, trail) => {
      const { text, key } = encoded(levels, eol, trail);
      expect(prompt(text, levels)).toBe(key);
      const out = redact(text);
      expect(prompt(out, levels)).toBe('[SECRET_1]');
      for (const line of lines) expect(out).not.toContain(line.slice(0, 16));
      const found = detectSecrets(text);
      expect(found).toMatchObject([{ kind: 'private_key' }]);
    });

    it('with `/` written as `\\/` (PHP), at 1 to 3 levels', () => {
      for (const levels of [1, 2, 3]) {
        const { text, key } = encoded(levels, '\n', '', true);
        expect(text).toContain(`${'\\'.repeat(2 ** levels - 1)}/`);
        expect(prompt(text, levels)).toBe(key);
        const out = redact(text);
        expect(prompt(out, levels)).toBe('[SECRET_1]');
      }
    });

    it('an escape that is not a line break or `/` ends the body (`\\t`, `\\u0041`)', () => {
      const body = rng.chars(BASE64, 64);
      const head = '-----BEGIN PRIVATE KEY-----\\n';
      for (const after of ['\\tnext', '\\u0041BC', '\\\\\\"x']) {
        const text = `"${head}${body}${after}"`;
        const [f] = detectSecrets(text);
        expect(text.slice(f!.start, f!.end)).toBe(`${head}${body}`);
      }
    });
  });

  describe('the Bearer scheme in any letter case (RFC 7235: schemes are case-insensitive)', () => {
    // Only `Bearer` and `bearer` were read, and the Authorization detector leaves every
    // case of `bearer` to the bearer one: `Authorization: BEARER <token>` went in clear.
    const token = rng.chars(BASE64URL, 40);
    const random = `${b62(30)}7Q`; // machine-made: taken outside a header too
    const redact = (text: string) => createRedactor().redactText(text).text;
    it.each(['BEARER', 'bearer', 'Bearer', 'BeArEr', 'bEARER'])('%s', (scheme) => {
      for (const [text, value] of [
        [`Authorization: ${scheme} ${token}`, token],
        [`curl -H "authorization: ${scheme} ${token}" https://api`, token],
        [`{"headers":{"Authorization":"${scheme} ${token}"}}`, token],
        [`{"body":"{\\"Authorization\\":\\"${scheme} ${token}\\"}"}`, token],
        [`sent ${scheme} ${random} to the api`, random],
        [`${scheme}\t${random}`, random],
      ] as const) {
        const found = detectSecrets(text);
        expect(found).toMatchObject([{ kind: 'bearer', detector: 'bearer-token' }]);
        expect(text.slice(found[0]!.start, found[0]!.end)).toBe(value);
        const out = redact(text);
        expect(out).not.toContain(value);
        expect(out).toContain(`${scheme}`);
        if (text.startsWith('{')) expect(() => JSON.parse(out)).not.toThrow();
      }
    });

    it('a token past 4,096 characters, the prose and placeholders as before', () => {
      const long = rng.chars(BASE64URL, 5000);
      const text = `Authorization: BEARER ${long}`;
      const [f] = detectSecrets(text);
      expect(text.slice(f!.start, f!.end)).toBe(long);
      for (const text of [
        'THE BEARER INSTRUMENT IS PAYABLE',
        'Authorization: BEARER <your-token-here>',
        'AUTHORIZATION: BEARER YOUR_API_TOKEN_HERE',
        'Authorization: BEARER xxxxxxxxxxxx',
        'a cupBEARER 0123456789abcdef0123',
      ]) {
        expect(detectSecrets(text)).toEqual([]);
      }
    });
  });

  it('prefers the specific kind over the generic assignment around it', () => {
    const key = `ghp_${b62(36)}`;
    const [f] = detectSecrets(`"token": "${key}"`);
    expect(f?.kind).toBe('github');
  });

  it('returns findings sorted by start and non-overlapping', () => {
    const text = planted()
      .map(([t]) => t)
      .join('\n');
    const findings = detectSecrets(text);
    expect(findings.length).toBe(planted().length);
    for (let i = 1; i < findings.length; i++) {
      expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    }
  });

  it('returns nothing for empty or secret-free text', () => {
    expect(detectSecrets('')).toEqual([]);
    expect(detectSecrets('The quick brown fox jumps over the lazy dog.')).toEqual([]);
  });
});
