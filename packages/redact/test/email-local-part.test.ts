import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

// The walk back from `@` stopped at `'` (and `#`, `!`): `patrick.o'brien@example.ie`
// became `patrick.o'[EMAIL_1]`, leaking the start, and hashed as `brien@example.ie`, so
// two people with the same surname joined as one.

/** The one finding's text. */
function address(text: string): string {
  const found = createRedactor().scan(text);
  expect(found).toHaveLength(1);
  expect(found[0]!.type).toBe('email');
  return text.slice(found[0]!.start, found[0]!.end);
}

describe('RFC 5322 atext in the local part', () => {
  it.each([
    ["Reply to patrick.o'brien@example.ie", "patrick.o'brien@example.ie"],
    [JSON.stringify({ to: "d'angelo.rossi@example.it" }), "d'angelo.rossi@example.it"],
    ['first#last@example.com', 'first#last@example.com'],
    ['first!last@example.com', 'first!last@example.com'],
    ['a*b@example.com', 'a*b@example.com'],
    ['x^y~z@example.com', 'x^y~z@example.com'],
    ['mail patrick.o’brien@example.ie today', 'patrick.o’brien@example.ie'],
  ])('%s', (text, expected) => {
    expect(address(text)).toBe(expected);
  });

  it('hashes two people with the same surname apart', () => {
    const r = createRedactor({
      profile: 'hashed-retail',
      hashKey: 'test-only-key-0123456789abcdef',
    });
    const a = r.redactText("patrick.o'brien@example.ie").text;
    const b = r.redactText("mary.o'brien@example.ie").text;
    expect(a).toMatch(/^EMAIL_[0-9a-f]{16}$/);
    expect(b).toMatch(/^EMAIL_[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
  });

  it.each([
    ["const to = 'bob@example.com';", 'bob@example.com'],
    ["WHERE email='bob@example.com'", 'bob@example.com'],
    ["['alice@example.org','bob@example.com']", 'bob@example.com'],
    ['**bob@example.com**', 'bob@example.com'],
    ['#bob@example.com', 'bob@example.com'],
    ['‘bob@example.com’', 'bob@example.com'],
    ['email=bob@example.com', 'bob@example.com'],
    ['https://example.org/a?to=bob@example.com&x=1', 'bob@example.com'],
    ['name|bob@example.com|active', 'bob@example.com'],
  ])('a quote or mark around the address stays outside it: %s', (text, expected) => {
    const found = createRedactor().scan(text);
    const emails = found.filter((f) => f.type === 'email');
    expect(emails.map((f) => text.slice(f.start, f.end))).toContain(expected);
  });
});
