import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// The placeholders `mask` writes (`[SECRET_1]`, `[URL_CREDENTIALS_2]`) were no
// placeholder to `isPlaceholder`: its `\[SECRET\b` mark fails on `[SECRET_1]`, where `_`
// is a word character. Detectors that read a password to its end (connection strings)
// then took the placeholder for the password: redacting the output again renumbered it
// (`[SECRET_1]` became `[SECRET_2]`), and `detectSecrets` (the ledger's check) reported a
// secret in text that had already been redacted.
const rng = createPrng(20261210);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const password = rng.chars(ALNUM, 16);

describe('redacted connection strings', () => {
  it.each([
    [
      'a database URI',
      `DATABASE_URL=mysql://app_user:${password}@db.internal.example.com:3306/prod`,
    ],
    [
      'an ADO.NET string',
      `Server=tcp:sql.example.net,1433;User ID=app;Password=${password};Encrypt=True;`,
    ],
    ['a broker URI', `amqp://guest:${password}@rabbit.example.com:5672/`],
  ])('%s: redacting the output again changes nothing', (_, text) => {
    const r = createRedactor();
    const once = r.redactText(text);
    expect(once.text).not.toContain(password);
    expect(r.redactText(once.text).text).toBe(once.text);
    expect(detectSecrets(once.text)).toEqual([]);
  });

  it('a password holding brackets and an underscore is still a password', () => {
    const text = `mysql://app_user:${password}[x_y]@db.example.com/prod`;
    expect(detectSecrets(text)).toHaveLength(1);
  });
});

describe('a placeholder percent-encoded in a query', () => {
  it('is no secret after a plain = either, so a redacted URL redacts to itself', () => {
    for (const text of [
      'token=%5BSECRET_1%5D',
      'callback?api_key=%7B%7BAPI_KEY%7D%7D',
      'PASSWORD=%5BPASSWORD%5D page=2',
    ]) {
      expect(detectSecrets(text)).toEqual([]);
      const r = createRedactor();
      expect(r.redactText(text).text).toBe(text);
    }
    // A real value that holds escapes is still one.
    expect(detectSecrets(`token=${password.slice(0, 8)}%2F${password.slice(8)}`)).toHaveLength(1);
  });
});
