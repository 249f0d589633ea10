import { describe, expect, it } from 'vitest';
import { BASE62, createPrng, UPPER_ALNUM } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A value right after an escape written out in serialised text (`\n` in JSON, `%20` in a
// URL) sat after the escape's letter or digit, so every "starts a token" check failed
// and it passed in clear. Values are built at run time: no key-shaped literal in the repo.
const rng = createPrng(1604);
const b62 = (n: number) => rng.chars(BASE62, n);
const r = createRedactor();

const VALUES: Record<string, { value: string; type: string }> = {
  openai: { value: `sk-proj-${b62(64)}`, type: 'secret' },
  anthropic: { value: `sk-ant-api03-${b62(80)}`, type: 'secret' },
  github: { value: `ghp_${b62(36)}`, type: 'secret' },
  stripe: { value: `sk_live_${b62(40)}`, type: 'secret' },
  aws: { value: `AKIA${rng.chars(UPPER_ALNUM, 16)}`, type: 'secret' },
  google: { value: `AIza${b62(35)}`, type: 'secret' },
  slack: { value: `xoxb-1234567890-${b62(24)}`, type: 'secret' },
  npm: { value: `npm_${b62(36)}`, type: 'secret' },
  card: { value: '4111 1111 1111 1111', type: 'credit_card' },
  iban: { value: 'GB82WEST12345698765432', type: 'iban' },
  ipv4: { value: '203.0.113.42', type: 'ip' },
  phone: { value: '+44 20 7946 0958', type: 'phone' },
  nino: { value: 'AB123456C', type: 'uk_nino' },
  ssn: { value: '536-22-1234', type: 'ssn' },
};

/** Escapes as serialised text writes them, each right before the value. */
const ESCAPES = [
  '\\n',
  '\\t',
  '\\r',
  '\\/',
  '\\_',
  '\\u00a0',
  '\\\\n',
  '%20',
  '%0A',
  '%3D',
  '%2520',
  '%C3%A9',
];

describe('a value right after an escape is found, with exact offsets', () => {
  for (const [name, { value, type }] of Object.entries(VALUES)) {
    it.each(ESCAPES)(`${name} after %s`, (before) => {
      const text = `note:${before}${value} end`;
      const at = text.indexOf(value);
      const hit = r.scan(text).find((f) => f.type === type);
      expect(hit).toMatchObject({ start: at, end: at + value.length });
      expect(r.redactText(text).text).not.toContain(value);
    });
  }

  it('in a JSON document, each line of a value (the reviewer’s case)', () => {
    const keys = [VALUES.openai!.value, VALUES.github!.value, VALUES.stripe!.value];
    const text = JSON.stringify({
      content: `my keys:\n${keys.join('\n')}\n\tand ${VALUES.card!.value}`,
    });
    const out = r.redactText(text).text;
    for (const v of [...keys, VALUES.card!.value]) expect(out).not.toContain(v);
    expect(detectSecrets(text)).toHaveLength(3);
  });

  it('an e-mail address right after a backslash escape: masked from its first letter, the JSON still JSON', () => {
    const address = 'bob.smith@example.com';
    for (const before of [
      '\\n',
      '\\t',
      '\\r',
      '\\b',
      '\\f',
      '\\/',
      '\\u0009',
      '\\\\n',
      '\\\\u00e9',
    ]) {
      const text = `{"note":"to:${before}${address} (cc)"}`;
      const at = text.indexOf(address);
      expect(r.scan(text)).toEqual([
        expect.objectContaining({ type: 'email', start: at, end: at + address.length }),
      ]);
      const out = r.redactText(text).text;
      expect(out).toBe(`{"note":"to:${before}[EMAIL_1] (cc)"}`);
      expect(() => JSON.parse(out)).not.toThrow();
    }
    // Serialised by JSON.stringify itself, with a value in a nested string too.
    const doc = JSON.stringify({ a: `x\t${address}`, b: JSON.stringify({ c: `\n${address}` }) });
    const redacted = r.redactText(doc).text;
    expect(redacted).not.toContain(address);
    expect(JSON.parse(JSON.parse(redacted).b)).toEqual({ c: '\n[EMAIL_1]' });
    expect(JSON.parse(redacted).a).toBe('x\t[EMAIL_1]');
  });

  it('detectSecrets after %20, and JSON inside a JSON string', () => {
    const token = VALUES.github!.value;
    expect(detectSecrets(`q=my%20token%20${token}`)).toHaveLength(1);
    const nested = JSON.stringify({ body: JSON.stringify({ text: `key:\n${token}` }) });
    const found = detectSecrets(nested);
    expect(found).toHaveLength(1);
    expect(nested.slice(found[0]!.start, found[0]!.end)).toBe(token);
  });

  it('context read before a value: a key name or a URI scheme right after an escape', () => {
    const pass = `Zq9#${b62(12)}`;
    const text = `a\\npass=${pass}\\npostgres://app:${b62(16)}@db.internal:5432/x`;
    const kinds = detectSecrets(text).map((f) => f.kind);
    expect(kinds).toEqual(['generic', 'connection_string']);
    expect(r.redactText(text).text).not.toContain(pass);
  });

  it('a host detector’s own word boundary', () => {
    const host = createRedactor({
      detectors: [{ id: 'customer-number', type: 'customer_id', pattern: /\bCUST-[0-9]{6}\b/ }],
    });
    expect(host.redactText('{"note":"id:\\nCUST-123456"}').text).toBe(
      '{"note":"id:\\n[CUSTOMER_ID_1]"}',
    );
  });

  it('the allow-list is applied to the value as written', () => {
    const allowed = createRedactor({ allow: { values: [VALUES.card!.value] } });
    expect(allowed.scan(`x\\n${VALUES.card!.value}`)).toEqual([]);
  });

  it('escapes that glue nothing, and %XX that is no encoded byte, add nothing', () => {
    for (const text of [
      'DB_PASSWORD=%DB_PASSWORD%',
      'echo "50%" \\"quoted\\" C:\\\\Users\\\\me',
      '{"a":"\\"x\\"","b":"\\\\"}',
      'progress 100%0 done',
    ]) {
      expect(r.scan(text)).toEqual([]);
    }
  });
});

describe('escapes keep the scan linear', () => {
  const size = 1_000_000;
  const rep = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  it.each([
    ['backslash run', rep('\\')],
    ['\\n\\n…', rep('\\n')],
    ['\\\\n\\\\n…', rep('\\\\n')],
    ['%20%20…', rep('%20')],
    ['%25%25…', rep('%25')],
    ['%C3%A9…', rep('%C3%A9')],
    ['\\nsk-\\nsk-…', rep('\\nsk-')],
    ['%20ghp_%20ghp_…', rep('%20ghp_')],
  ])('%s (1 MB)', (_name, make) => {
    // ~10-90 ms here; a quadratic scan of 1 MB takes minutes.
    expectLinearTime(make, (text) => r.scan(text), size);
  });
});
