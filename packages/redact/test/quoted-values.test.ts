import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A quoted value stopped at its first `"` or `\`, so a JSON value holding an escaped
// quote or backslash left its tail, or all of it, in clear.
const r = createRedactor();
/** The redacted text, placeholders unnumbered (they count up across the redactor's life). */
const masked = (text: string) => r.redactText(text).text.replace(/\[SECRET_\d+\]/g, '[SECRET]');

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
/** A value for a double-quoted `.env` line, its quote escaped. */
const escapedQuote = join('Zq9\\"', 'xT4!kLm');

/** The one finding's text. */
function onlySpan(text: string): string {
  const found = detectSecrets(text);
  expect(found).toHaveLength(1);
  return text.slice(found[0]!.start, found[0]!.end);
}

describe('a quoted value runs to its unescaped closing quote', () => {
  it('an escaped quote inside a JSON value: the tail is not left in clear', () => {
    const text = JSON.stringify({ password: join('Str0ngP@ss', '"w0rd!Tail') });
    expect(masked(text)).toBe('{"password":"[SECRET]"}');
    expect(onlySpan(text)).toBe(join('Str0ngP@ss', '\\"w0rd!Tail'));
  });

  it('an escaped quote early in the value: it is not missed whole', () => {
    const text = JSON.stringify({ password: join('ab"', 'Zq9#xT4!kLm') });
    expect(masked(text)).toBe('{"password":"[SECRET]"}');
  });

  it('an escaped backslash inside a JSON value', () => {
    expect(onlySpan(JSON.stringify({ api_key: join('C0rrect\\', 'Horse9Tail') }))).toBe(
      'C0rrect\\\\Horse9Tail',
    );
  });

  it('JSON inside a JSON string, with a backslash or a quote in the value', () => {
    for (const password of [
      join('C0rrect\\', 'Horse9Tail'),
      join('C0rr"ect\\', 'Horse9Tail'),
      join('Zq9#xT\\n', '4!kLm'),
    ]) {
      const text = JSON.stringify({ body: JSON.stringify({ password }) });
      expect(masked(text)).toBe('{"body":"{\\"password\\":\\"[SECRET]\\"}"}');
    }
  });

  it('.env and code: an escaped quote in a double-quoted value', () => {
    expect(masked(`DB_PASSWORD="${escapedQuote}"\nNEXT=1`)).toBe('DB_PASSWORD="[SECRET]"\nNEXT=1');
    expect(masked(`const secret = '${join("Zq9\\'", 'xT4!kLm')}';`)).toBe(
      "const secret = '[SECRET]';",
    );
  });

  it('a literal backslash before the quote (shell, Windows paths) still ends the value', () => {
    expect(masked(`PASSWORD='${join('abc9xyz', '\\')}'\n`)).toBe("PASSWORD='[SECRET]'\n");
    expect(masked(`password="${join('C:\\dir9x', '\\')}" other="x"`)).toBe(
      'password="[SECRET]" other="x"',
    );
  });

  it('an assignment after a rejected reading is still checked', () => {
    const token = `Zq9x${'T4kLm7'.repeat(3)}`;
    const out = r.redactText(`path="C:\\dir\\" token="${token}"`).text;
    expect(out).not.toContain(token);
  });

  it('an unterminated or empty quoted value is still no value', () => {
    expect(detectSecrets(`password = "${escapedQuote}`)).toEqual([]);
    expect(detectSecrets('password = ""')).toEqual([]);
    expect(detectSecrets('{\\"password\\": \\"Zq9xT4kLm"}')).toEqual([]);
  });
});

describe('escaped quotes keep the scan linear', () => {
  const size = 1_000_000;
  const rep = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  it.each([
    ['password="\\\\\\…', (n: number) => `password="${rep('\\')(n)}`],
    ['password="a\\" …', rep('password="a\\" ')],
    ["password='a\\…", rep("password='a\\")],
    ['\\"password\\":\\"\\\\\\…', rep('\\"password\\":\\"\\\\\\')],
    ['"token":"a\\"…', rep('"token":"a\\"')],
  ])('%s (1 MB)', (_name, make) => {
    // ~20-90 ms here; a quadratic scan of 1 MB takes minutes.
    expectLinearTime(make, (text) => r.scan(text), size);
  });
});
