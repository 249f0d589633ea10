import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A password set in SQL (`IDENTIFIED BY '…'`, PostgreSQL's `PASSWORD '…'`, MySQL's
// `PASSWORD('…')`) passed in clear: no `=` or `:` before it for the assignment scan.
// Query logs and migration scripts hold such statements. Values are generated.
const rng = createPrng(20261213);
const value = `${rng.chars(BASE62, 12)}4x`;

describe('a password in a SQL statement', () => {
  it.each([
    `CREATE USER 'app'@'%' IDENTIFIED BY '${value}';`,
    `ALTER USER app IDENTIFIED WITH caching_sha2_password BY '${value}';`,
    `create user app identified by ${value};`,
    `CREATE USER app IDENTIFIED BY "${value}" DEFAULT TABLESPACE users;`,
    `CREATE ROLE app WITH LOGIN ENCRYPTED PASSWORD '${value}';`,
    `alter role app password '${value}' valid until 'infinity';`,
    `SET PASSWORD FOR 'bob'@'localhost' = PASSWORD('${value}');`,
    `LOG:  statement: ALTER USER app\n\tWITH PASSWORD '${value}'`,
  ])('%s', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    'CREATE USER app IDENTIFIED EXTERNALLY;',
    'CREATE USER app IDENTIFIED BY :password;',
    'ALTER LOGIN app WITH PASSWORD = @pw;',
    'IDENTIFIED BY ?',
    'ALTER USER app PASSWORD NULL;',
    "ALTER USER app PASSWORD '[SECRET_1]';",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable, written as such
    "ALTER USER app PASSWORD '${PG_PASSWORD}';",
    "the forgot password 'reset' flow",
    'the user is identified by email',
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated keywords', () => {
    expectLinearTime((n) => 'identified by '.repeat(n / 14), detectSecrets, 1_000_000);
    expectLinearTime((n) => "password '".repeat(n / 10), detectSecrets, 1_000_000);
    expectLinearTime((n) => `password '${'a'.repeat(n)}`, detectSecrets, 1_000_000);
  });
});
