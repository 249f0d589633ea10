import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

const rng = createPrng(20261206);
const sid = rng.chars(BASE62, 32);
const signature = rng.chars(BASE62, 22);

describe('session cookies in text', () => {
  it.each([
    [
      `Set-Cookie: session=${sid}; Path=/; HttpOnly; Secure`,
      'Set-Cookie: session=[SECRET_1]; Path=/; HttpOnly; Secure',
    ],
    [
      `set-cookie: connect.sid=s%3A${sid}.${signature}; Path=/`,
      'set-cookie: connect.sid=[SECRET_1]; Path=/',
    ],
    [`Cookie: sessionid=${sid}; theme=dark`, 'Cookie: sessionid=[SECRET_1]; theme=dark'],
    [`COOKIE: lang=en; sid=${sid}`, 'COOKIE: lang=en; sid=[SECRET_1]'],
    [
      `curl -b "JSESSIONID=${sid}" https://app.example.org/`,
      'curl -b "JSESSIONID=[SECRET_1]" https://app.example.org/',
    ],
    [
      `curl https://app.example.org/ \\\n  -b 'sid=${sid}'`,
      `curl https://app.example.org/ \\\n  -b 'sid=[SECRET_1]'`,
    ],
    [
      `curl --cookie "sid=${sid}" https://app.example.org/`,
      'curl --cookie "sid=[SECRET_1]" https://app.example.org/',
    ],
    [
      `curl --cookie=sid=${sid} https://app.example.org/`,
      'curl --cookie=sid=[SECRET_1] https://app.example.org/',
    ],
    [
      `curl -H "Cookie: _session_id=${sid}" https://app.example.org/`,
      'curl -H "Cookie: _session_id=[SECRET_1]" https://app.example.org/',
    ],
    [
      JSON.stringify({ headers: { cookie: `sid=${sid}` } }),
      '{"headers":{"cookie":"sid=[SECRET_1]"}}',
    ],
    [
      JSON.stringify({ request: JSON.stringify({ headers: { Cookie: `sid=${sid}; lang=en` } }) }),
      '{"request":"{\\"headers\\":{\\"Cookie\\":\\"sid=[SECRET_1]; lang=en\\"}}"}',
    ],
    [
      `Set-Cookie: id="${sid}"; Expires=Wed, 21 Oct 2015 07:28:00 GMT`,
      'Set-Cookie: id="[SECRET_1]"; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
    ],
  ])(
    'takes the secret values of %j, keeping names, attributes and plain values',
    (text, expected) => {
      expect(createRedactor().redactText(text).text).toBe(expected);
      const found = detectSecrets(text);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ type: 'secret', kind: 'generic' });
    },
  );

  it.each([
    'Cookie: theme=dark; lang=en-GB',
    'Set-Cookie: session=deleted; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    'Set-Cookie: session=<value>; Path=/',
    'The cookie: a small file the browser keeps',
    'curl -b cookies.txt https://app.example.org/',
    `git checkout -b sid=${sid}`,
    `fortunecookie: sid=${sid}`,
    'cookie_consent: "accepted-2026"',
  ])('leaves %j alone', (text) => {
    expect(createRedactor().scan(text)).toEqual([]);
    expect(detectSecrets(text)).toEqual([]);
  });
});

describe('session ids in assignments', () => {
  it.each([`GET /app?session_id=${sid}&page=2`, `{"sessionId":"${sid}"}`, `SESSION_ID=${sid}`])(
    'takes the value of %j',
    (text) => {
      const found = detectSecrets(text);
      expect(found).toHaveLength(1);
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(sid);
    },
  );

  it.each([
    'session_id: 42',
    'session_id = request.cookies.get(name)',
    '"session": "2026-Q1"',
    'ORACLE_SID=ORCL19',
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});
