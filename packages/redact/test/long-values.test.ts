import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// Patterns bound their repetitions ({1,256}, {8,4096}, {2,8192}); a value past the bound
// was cut short (tail in clear) or missed whole. It is now taken whole, by a linear run.
const rng = createPrng(4242);
const b62 = (n: number) => rng.chars(BASE62, n);
const r = createRedactor();

/** The one finding's text, checked to cover the whole value. */
function onlySpan(text: string): string {
  const found = detectSecrets(text);
  expect(found).toHaveLength(1);
  return text.slice(found[0]!.start, found[0]!.end);
}

describe('secrets longer than a pattern bound are redacted whole', () => {
  it('generic bare value of 400 characters', () => {
    const token = b62(400);
    expect(onlySpan(`aws_session_token = ${token}\n`)).toBe(token);
    expect(r.redactText(`aws_session_token = ${token}\n`).text).toBe(
      'aws_session_token = [SECRET_1]\n',
    );
  });

  it('generic quoted values of 400 characters (double, single, back quotes, escaped JSON)', () => {
    const token = b62(400);
    expect(onlySpan(`aws_session_token = "${token}"`)).toBe(token);
    expect(onlySpan(`token: '${token}'`)).toBe(token);
    expect(onlySpan(`secret = \`${token}\``)).toBe(token);
    expect(onlySpan(`{\\"api_key\\": \\"${token}\\"}`)).toBe(token);
  });

  it('an unterminated quoted value is still no value (as before)', () => {
    expect(detectSecrets(`password = "${b62(400)}`)).toEqual([]);
  });

  it('a bare value with & outside a URL query, past 256 characters', () => {
    const value = `${b62(300)}&${b62(300)}`;
    expect(onlySpan(`PASSWORD=${value}`)).toBe(value);
  });

  it('a password in a connection string past 256 characters', () => {
    const pw = b62(300);
    expect(onlySpan(`Server=db;User Id=app;Password=${pw};`)).toBe(pw);
  });

  it('Authorization: Bearer with a 5,000-character token', () => {
    const token = b62(5000);
    expect(onlySpan(`Authorization: Bearer ${token}`)).toBe(token);
  });

  it('Authorization with the Token scheme and Basic past 4,096 characters', () => {
    const token = b62(5000);
    expect(onlySpan(`Authorization: Token ${token}`)).toBe(token);
    const basic = Buffer.from(`svc:${b62(4000)}`).toString('base64');
    expect(onlySpan(`Authorization: Basic ${basic}`)).toBe(basic);
  });

  it('a JWT whose payload is over 8,192 characters', () => {
    const h = Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url');
    const groups = Array.from({ length: 400 }, (_, i) => `grp-${i}-${b62(10)}`);
    const p = Buffer.from(JSON.stringify({ sub: 'u1', groups })).toString('base64url');
    expect(p.length).toBeGreaterThan(8192);
    const jwt = `${h}.${p}.${b62(342)}`;
    expect(onlySpan(`id_token ${jwt} end`)).toBe(jwt);
    const found = detectSecrets(`Authorization: Bearer ${jwt}`);
    expect(found).toEqual([expect.objectContaining({ kind: 'jwt' })]);
  });

  it('URL userinfo with a password over 256 characters, an @ inside it included', () => {
    const pw = `${b62(20)}@${b62(300)}`;
    const text = `postgres://app:${pw}@db.example.com:5432/shop`;
    expect(onlySpan(text)).toBe(pw);
    const web = `https://svc:${pw}@api.example.com/v1`;
    const found = r.scan(web);
    expect(found).toHaveLength(1);
    expect(web.slice(found[0]!.start, found[0]!.end)).toBe(`svc:${pw}`);
  });
});
