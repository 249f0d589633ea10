import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

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

describe('long URL authorities without an @ keep the scan linear', () => {
  // A `://` whose authority runs past the pattern's bound and holds a `:` is checked for
  // an overlong userinfo: its last `@` was looked for with `lastIndexOf`, which has no
  // lower bound and, with no `@` at all, read back to the start of the text once per
  // `://` (400 KB: 174 ms, 1.6 MB: 2.7 s). The look stays inside the authority now.
  const unit = `https://host:${'a'.repeat(260)} `;
  const many = (n: number, u = unit) => u.repeat(n);

  it('finds what it found before: nothing without an @, the long password with one', () => {
    expect(r.scan(many(50))).toEqual([]);
    expect(detectSecrets(many(50))).toEqual([]);
    // An @ before the `://` or before the authority's `:` ends no userinfo.
    expect(r.scan(`bob@ ${many(3)}`)).toEqual([]);
    expect(r.scan(many(3, `https://u@h:${'a'.repeat(260)} `))).toEqual([]);
    // An @ that no host follows ends none either.
    expect(r.scan(many(3, `https://host:${'a'.repeat(260)}@/x `))).toEqual([]);
    const pw = b62(300);
    const dsn = `postgres://app:${pw}@db.example.com:5432/shop`;
    const web = `https://svc:${pw}@api.example.com/v1`;
    const text = `${many(20)}${dsn} ${many(20)}${web} ${many(20)}`;
    const found = r.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
    expect(found).toEqual([
      ['secret', pw],
      ['url_credentials', `svc:${pw}`],
    ]);
    // detectSecrets reports the web URL's userinfo too, as a basic_auth secret.
    expect(detectSecrets(text).map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ['connection_string', pw],
      ['basic_auth', `svc:${pw}`],
    ]);
  });

  /**
   * Characters the string searches (`indexOf`, `lastIndexOf`, `includes`, `startsWith`
   * aside: it reads one place) read while `fn` runs. A search with no lower bound, run
   * once per candidate, shows up here as quadratic growth, whatever the machine's speed.
   */
  function searched(fn: () => void): number {
    const proto = String.prototype;
    const { indexOf, lastIndexOf, includes } = proto;
    let total = 0;
    proto.indexOf = function (this: string, s: string, from?: number) {
      const start = Math.max(0, Math.min(this.length, Math.trunc(from ?? 0)));
      const at = indexOf.call(this, s, start);
      total += (at < 0 ? this.length : at + s.length) - start;
      return at;
    };
    proto.includes = function (this: string, s: string, from?: number) {
      return proto.indexOf.call(this, s, from) >= 0;
    };
    proto.lastIndexOf = function (this: string, s: string, from?: number) {
      const last = Math.max(0, this.length - s.length);
      const start = from === undefined ? last : Math.max(0, Math.min(last, Math.trunc(from)));
      const at = lastIndexOf.call(this, s, start);
      total += start + s.length - (at < 0 ? 0 : at);
      return at;
    };
    try {
      fn();
    } finally {
      proto.indexOf = indexOf;
      proto.lastIndexOf = lastIndexOf;
      proto.includes = includes;
    }
    return total;
  }

  it('the characters searched grow with the text, not with its square', () => {
    const n = 500;
    for (const scan of [(t: string) => r.scan(t), (t: string) => detectSecrets(t)]) {
      const small = searched(() => scan(many(n)));
      const large = searched(() => scan(many(4 * n)));
      // Linear: 4x (an exact count, no timing). The unbounded search made it 14.5x.
      expect(large).toBeLessThanOrEqual(4.5 * small);
    }
  });

  it('4 MB of them in linear time (~0.3 s here; the unbounded search took over a minute)', () => {
    const make = (size: number) => many(Math.ceil(size / unit.length));
    expect(r.scan(make(4_000_000))).toEqual([]);
    expectLinearTime(make, (text) => r.scan(text), 4_000_000);
  });
});
