import { isPmError, parseRedactionProfile } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, createRedactor } from '../src/index.js';
import { SYNTHETIC_GITHUB_TOKEN } from './corpus/fixtures.js';

const KEY = `${'k'.repeat(8)}0123456789abcdef`;
const TEXT =
  'Mail bob@example.com or BOB@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111, ' +
  `token=${SYNTHETIC_GITHUB_TOKEN} from 10.1.2.3.`;

describe('createRedactor().scan', () => {
  it('finds every type without changing the text, with UTF-16 offsets', () => {
    const r = createRedactor();
    const text = `😀 ${TEXT}`;
    const findings = r.scan(text);
    expect(findings.map((f) => f.type)).toEqual([
      'email',
      'email',
      'phone',
      'credit_card',
      'secret',
      'ip',
    ]);
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe('bob@example.com');
    expect(findings[4]).toMatchObject({ kind: 'github', detector: 'github-token' });
  });

  it('reads URL userinfo as the WHATWG URL parser does: the last @ of the authority ends it', () => {
    const r = createRedactor();
    const userinfo = (text: string) =>
      r.scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
    // Not split into a short password and an e-mail address made of its tail.
    expect(userinfo('https://svc:p4ss@w0rd@api.example.com/v1')).toEqual([
      ['url_credentials', 'svc:p4ss@w0rd'],
    ]);
    // An e-mail address as the user name: the password must not be left out.
    expect(userinfo('https://ann@example.com:s3cretPass@host.example/x')).toEqual([
      ['url_credentials', 'ann@example.com:s3cretPass'],
    ]);
    // A space ends the authority; an `@` in the path is not userinfo.
    expect(userinfo('https://u:pw@h ok@x')).toEqual([['url_credentials', 'u:pw']]);
    expect(userinfo('http://host:8080/path@x.example')).toEqual([]);
  });

  it('finds UK National Insurance numbers typed in lower or mixed case, with the same rules', () => {
    const r = createRedactor();
    const ninos = (text: string) =>
      r.scan(text).flatMap((f) => (f.type === 'uk_nino' ? [text.slice(f.start, f.end)] : []));
    expect(ninos('NI number: ab123456c')).toEqual(['ab123456c']);
    expect(ninos('NI number: Ce 12 34 56 d')).toEqual(['Ce 12 34 56 d']);
    // Unallocated prefixes and letters HMRC never uses stay out in any case.
    expect(ninos('ref gb123456a and qq123456a and ab123456e')).toEqual([]);
  });
});

describe('redactText', () => {
  it('masks with typed placeholders numbered stably within one redactor', () => {
    const r = createRedactor({ profile: 'homebrew' });
    const a = r.redactText(TEXT);
    expect(a.text).toBe(
      'Mail [EMAIL_1] or [EMAIL_1], call [PHONE_1], card [CREDIT_CARD_1], token=[SECRET_1] from [IP_1].',
    );
    expect(a.counts).toEqual({ email: 2, phone: 1, credit_card: 1, secret: 1, ip: 1 });
    expect(a.profile).toBe('homebrew@1');
    const b = r.redactText('again carol@example.org and bob@example.com');
    expect(b.text).toBe('again [EMAIL_2] and [EMAIL_1]');
  });

  it('never returns an original value anywhere in its result', () => {
    const r = createRedactor();
    const out = JSON.stringify(r.redactText(TEXT));
    for (const v of ['bob@example.com', '7946', '4111', 'ghp_', '10.1.2.3']) {
      expect(out).not.toContain(v);
    }
  });

  it('hashed-retail hashes emails and phones with the key, deterministically, and masks secrets', () => {
    const r1 = createRedactor({ profile: 'hashed-retail', hashKey: KEY });
    const r2 = createRedactor({ profile: 'hashed-retail', hashKey: KEY });
    const other = createRedactor({ profile: 'hashed-retail', hashKey: `${KEY}x` });
    const a = r1.redactText(TEXT);
    expect(a.profile).toBe('hashed-retail@1');
    expect(a.text).toMatch(
      /^Mail EMAIL_[0-9a-f]{16} or EMAIL_[0-9a-f]{16}, call PHONE_[0-9a-f]{16}/,
    );
    expect(a.text).toContain('token=[SECRET_1]');
    expect(a.text).toContain('[CREDIT_CARD_1]');
    // Same key: same tokens (joins work); case-normalised emails join too.
    expect(r2.redactText(TEXT).text).toBe(a.text);
    const emails = a.text.match(/EMAIL_[0-9a-f]{16}/g)!;
    expect(emails[0]).toBe(emails[1]);
    expect(other.redactText(TEXT).text).not.toBe(a.text);
  });

  it('hashed-retail refuses to run without a key, and rejects short keys', () => {
    try {
      createRedactor({ profile: 'hashed-retail' });
      expect.unreachable();
    } catch (e) {
      expect(isPmError(e) && e.code).toBe('REDACTION_KEY_REQUIRED');
    }
    expect(() => createRedactor({ profile: 'hashed-retail', hashKey: 'short' })).toThrow(
      /at least 16/,
    );
  });

  it('drop removes the value; host profiles are validated data', () => {
    const profile = parseRedactionProfile({
      ...BUILTIN_PROFILES.homebrew,
      profile_id: 'host-drop',
      operators: { email: 'drop' },
    });
    const r = createRedactor({ profile });
    expect(r.redactText('to bob@example.com now').text).toBe('to  now');
    expect(r.profile).toBe('host-drop@1');
    expect(() => createRedactor({ profile: { ...profile, version: 0 } })).toThrow(/version/);
    expect(() => createRedactor({ profile: 'nope' as 'strict' })).toThrow(
      /Unknown redaction profile/,
    );
  });

  it('allow-lists values, patterns and types', () => {
    const r = createRedactor({
      allow: { values: ['support@example.com'], patterns: [/192\.0\.2\.\d+/], types: ['phone'] },
    });
    const res = r.redactText(
      'support@example.com, bob@example.com, 192.0.2.7, 10.0.0.1, +1 415 555 2671',
    );
    expect(res.text).toBe('support@example.com, [EMAIL_1], 192.0.2.7, [IP_1], +1 415 555 2671');
  });

  it('runs host detectors', () => {
    const r = createRedactor({
      detectors: [{ id: 'customer-number', type: 'customer_id', pattern: /\bCUST-[0-9]{6}\b/ }],
    });
    const res = r.redactText('customer CUST-004211 wrote');
    expect(res.text).toBe('customer [CUSTOMER_ID_1] wrote');
    expect(res.findings[0]).toMatchObject({ type: 'customer_id', detector: 'customer-number' });
  });
});

describe('redactValue', () => {
  const input = {
    user: { email: 'bob@example.com', name: 'Bob' },
    headers: { Authorization: 'Bearer abc', 'X-Api-Key': 12345, cookie: ['a=1'] },
    DB_PASSWORD: 'hunter2',
    notes: 'called from +44 20 7946 0958',
    list: ['10.0.0.1', 7, null, true],
    when: new Date('2024-01-01T00:00:00Z'),
    blob: Buffer.from('secret bytes'),
    map: new Map<string, unknown>([
      ['apiToken', 'xyz'],
      ['ip', '10.0.0.2'],
    ]),
    customer_id: 'C-991',
  };

  it('redacts deeply, replaces sensitive keys whole, never mutates the input', () => {
    const snapshot = JSON.stringify(input);
    const r = createRedactor();
    const { value, findings, counts } = r.redactValue(input);
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(value.user).toEqual({ email: '[EMAIL_1]', name: 'Bob' });
    expect(value.headers).toEqual({
      Authorization: '[SECRET_1]',
      'X-Api-Key': '[SECRET_2]',
      cookie: '[SECRET_3]',
    });
    expect(value.DB_PASSWORD).toBe('[SECRET_4]');
    expect(value.notes).toBe('called from [PHONE_1]');
    expect(value.list).toEqual(['[IP_1]', 7, null, true]);
    expect(value.when).toEqual(input.when);
    expect(value.when).not.toBe(input.when);
    expect(value.blob).toBe('[BINARY 12 bytes]');
    expect(value.map.get('apiToken')).toBe('[SECRET_5]');
    expect(value.map.get('ip')).toBe('[IP_2]');
    expect(value.customer_id).toBe('C-991');
    expect(counts).toMatchObject({ email: 1, secret: 5, phone: 1, ip: 2 });
    const paths = findings.map((f) => f.path);
    expect(paths).toContain('$.user.email');
    expect(paths).toContain('$.headers["X-Api-Key"]');
    expect(paths).toContain('$.list[0]');
    expect(JSON.stringify(findings)).not.toMatch(/hunter2|bob@|7946/);
  });

  it('hashed-retail hashes customer/order id fields; strict drops free-text fields', () => {
    const h = createRedactor({ profile: 'hashed-retail', hashKey: KEY, hashFields: ['loyaltyNo'] });
    const hv = h.redactValue({
      customer_id: 'C-991',
      order_id: 42,
      loyalty_no: 'L1',
      sku: 'A1',
    }).value;
    expect(hv.customer_id).toMatch(/^IDENTIFIER_[0-9a-f]{16}$/);
    expect(hv.order_id).toMatch(/^IDENTIFIER_[0-9a-f]{16}$/);
    expect(hv.loyalty_no).toMatch(/^IDENTIFIER_[0-9a-f]{16}$/);
    expect(hv.sku).toBe('A1');
    const s = createRedactor({ profile: 'strict', dropFields: ['Free Form'] });
    const res = s.redactValue({ id: 1, Notes: 'x', free_form: 'y', email: 'a@b.co' });
    expect(res.value).toEqual({ id: 1, email: '[EMAIL_1]' });
    expect(res.findings.filter((f) => f.detector === 'drop-field').map((f) => f.path)).toEqual([
      '$.Notes',
      '$.free_form',
    ]);
  });

  it('handles cycles, shared objects and very deep values', () => {
    const a: Record<string, unknown> = { email: 'bob@example.com' };
    a.self = a;
    const shared = { ip: '10.0.0.9' };
    const r = createRedactor({ maxDepth: 5 });
    const out = r.redactValue({ a, x: shared, y: shared }).value as Record<
      string,
      Record<string, unknown>
    >;
    expect(out.a?.self).toBe('[CIRCULAR]');
    expect(out.x).toEqual({ ip: '[IP_1]' });
    expect(out.y).toEqual({ ip: '[IP_1]' });
    let deep: Record<string, unknown> = { leaf: 'bob@example.com' };
    for (let i = 0; i < 10; i++) deep = { deep };
    expect(JSON.stringify(r.redactValue(deep).value)).toContain('[MAX_DEPTH]');
    expect(JSON.stringify(r.redactValue(deep).value)).not.toContain('bob@');
    let veryDeep: Record<string, unknown> = {};
    for (let i = 0; i < 50_000; i++) veryDeep = { n: veryDeep };
    expect(() => createRedactor().redactValue(veryDeep)).not.toThrow();
  });
});

describe('redactValue edge cases', () => {
  it('replaces cyclic or BigInt-holding objects under sensitive keys whole, without serialising them', () => {
    const cyclic: Record<string, unknown> = { n: 10n };
    cyclic.self = cyclic;
    const { value, findings } = createRedactor().redactValue({ credentials: cyclic, ok: 1 });
    expect(value).toEqual({ credentials: '[SECRET_1]', ok: 1 });
    expect(findings[0]).toMatchObject({
      type: 'secret',
      detector: 'sensitive-key',
      path: '$.credentials',
    });
  });

  it('keeps non-sensitive look-alike keys as data', () => {
    const { value } = createRedactor().redactValue({
      max_tokens: 100,
      author: 'x',
      token_count: 3,
    });
    expect(value).toEqual({ max_tokens: 100, author: 'x', token_count: 3 });
  });
});
