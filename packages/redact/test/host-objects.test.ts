import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

// Values a host hands in are not always plain data: objects serialise through their own
// `toJSON`, getters and proxies run host code that may throw, arrays may have holes.
const email = `alice${'@'}example.com`;

describe('redactValue on host objects', () => {
  const r = createRedactor();

  it('an own toJSON is read, not copied: the copy once serialised the original address', () => {
    const out = r.redactValue({ a: { toJSON: () => `mail ${email}` } });
    expect(JSON.stringify(out.value)).not.toContain(email);
    expect(out.value).toEqual({ a: 'mail [EMAIL_1]' });
    expect(out.findings.map((f) => f.path)).toEqual(['$.a']);
  });

  it('a URL is scanned as the text it serialises to', () => {
    const out = r.redactValue({ link: new URL(`https://example.org/?to=${email}`) });
    expect(out.value).toEqual({ link: 'https://example.org/?to=[EMAIL_1]' });
  });

  it('a getter, a proxy or a toJSON that throws gives a marker, never the host error', () => {
    const revoked = Proxy.revocable({ a: email }, {});
    revoked.revoke();
    const value = {
      get bad() {
        throw new Error(`cannot read ${email}`);
      },
      ok: email,
      trap: new Proxy(
        {},
        {
          ownKeys() {
            throw new Error(email);
          },
        },
      ),
      revoked: revoked.proxy,
      json: {
        toJSON() {
          throw new Error(email);
        },
      },
    };
    const out = r.redactValue(value);
    expect(out.value).toEqual({
      bad: '[UNREADABLE]',
      ok: '[EMAIL_1]',
      trap: '[UNREADABLE]',
      revoked: '[UNREADABLE]',
      json: '[UNREADABLE]',
    });
  });

  it('a function is not handed back: its properties and source are data the copy would share', () => {
    const fn = Object.assign(() => email, { mail: email });
    const out = r.redactValue({ fn, list: [fn] });
    expect(out.value).toEqual({ fn: '[FUNCTION]', list: ['[FUNCTION]'] });
  });

  it('holes of a sparse array stay holes, and a huge sparse array is walked by its elements', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const out = r.redactValue([email, , 1]).value as unknown[];
    expect(out).toHaveLength(3);
    expect(1 in out).toBe(false);
    expect(out[0]).toBe('[EMAIL_1]');
    const huge: unknown[] = [];
    huge[2 ** 32 - 2] = email;
    // The indices looked at are counted, not timed (a time limit fails on a loaded
    // machine): walked by its length, the array would be asked for 4 billion of them.
    let looked = 0;
    const counted = new Proxy(huge, {
      has(target, key) {
        if (++looked > 1000) throw new Error('walked by length');
        return Reflect.has(target, key);
      },
      get(target, key, receiver) {
        if (typeof key === 'string' && ++looked > 1000) throw new Error('walked by length');
        return Reflect.get(target, key, receiver);
      },
    });
    const big = r.redactValue(counted).value as unknown[];
    expect(looked).toBeLessThan(10);
    expect(big[2 ** 32 - 2]).toBe('[EMAIL_1]');
    expect(Object.keys(big)).toHaveLength(1);
  });

  it('a SharedArrayBuffer is binary like an ArrayBuffer, not an empty object', () => {
    expect(r.redactValue({ s: new SharedArrayBuffer(8) }).value).toEqual({ s: '[BINARY 8 bytes]' });
  });

  it('-0, NaN and a Date survive the copy', () => {
    const out = r.redactValue({ z: -0, n: Number.NaN, d: new Date(0) }).value as Record<
      string,
      unknown
    >;
    expect(Object.is(out.z, -0)).toBe(true);
    expect(out.n).toBeNaN();
    expect(out.d).toEqual(new Date(0));
  });
});
