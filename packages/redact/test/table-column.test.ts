import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// Secrets in a table's credential column (a CSV export, a Markdown table pasted into a
// prompt): no `=` or `:` before them for the assignment scan. Values are generated.
const rng = createPrng(20261208);
const first = `${rng.chars(BASE62, 10)}4x`;
const second = `${rng.chars(BASE62, 8)}#9`;
const word = rng.chars('abcdefghijklmnopqrstuvwxyz', 9);

describe('a secret in a table column', () => {
  it.each([
    ['a Markdown table', `| user | password |\n|---|---|\n| bob | ${first} |\n| eve | ${second} |`],
    ['without outer pipes', `user | Password\n--- | ---\nbob | ${first}\neve | \`${second}\``],
    [
      'aligned, API Key',
      `| name | API Key |\n| :--- | ---: |\n| a | ${first} |\n| b | ${second} |`,
    ],
    ['CSV', `user,password,email\nbob,${first},bob@example.com\neve,${second},eve@example.com`],
    ['CSV quoted', `"user","DB_PASSWORD"\n"bob","${first}"\n"eve","${second}"`],
    ['TSV', `user\tpwd\nbob\t${first}\neve\t${second}\n`],
    ['semicolons, CRLF', `user;Password\r\nbob;${first}\r\neve;${second}\r\n`],
    ['CSV, a token column', `user,api_token\nbob,${first}\neve,${second}`],
    [
      'CSV quoted, API Key',
      `"name","API Key","owner"\n"prod","${first}","ops"\n"dev","${second}","qa"`,
    ],
    ['TSV, a secret column', `service\tclient_secret\nbilling\t${first}\nsearch\t${second}\n`],
    ['semicolons, ACCESS_KEY', `env;ACCESS_KEY\nprod;${first}\ndev;${second}`],
  ])('%s', (_name, text) => {
    expect(new Set(spans(text))).toEqual(new Set([first, second]));
    const redacted = createRedactor().redactText(text).text;
    expect(redacted.includes(first) || redacted.includes(second)).toBe(false);
  });

  it('takes a word from a CSV password column, not from a Markdown one', () => {
    expect(spans(`user,password\nbob,${word}\n`)).toEqual([word]);
    expect(spans(`| user | password |\n|---|---|\n| bob | ${word} |`)).toEqual([]);
  });

  it('takes a word from any credential column of a CSV naming a password, else none', () => {
    expect(spans(`user,password,token\nbob,${word},${word}\n`)).toEqual([word, word]);
    // `token` also heads a column of words in language data.
    expect(spans(`token,pos,lemma\nThe,DET,the\nrunning,VERB,run\n`)).toEqual([]);
    expect(spans(`user,token\nbob,${word}\n`)).toEqual([]);
  });

  it('reads a CSV cell with the separator and quotes in it', () => {
    const quoted = `pa,ss""${first}`;
    expect(spans(`user,password\nbob,"${quoted}"\n`)).toEqual([quoted]);
  });

  it('ends a delimited table at a row of another length', () => {
    const text = `user,password\nbob,${first}\n\nnotes,here,${second}`;
    expect(spans(text)).toEqual([first]);
  });

  it.each([
    'Set the password, then run it, and wait.\nThen do this, or that, or else.',
    '| Option | Description |\n|---|---|\n| password | The password to use |\n| api_key | abc |',
    `| user | password |\n|---|---|\n| bob | $DB_PASSWORD |\n| eve | <password> |`,
    `const { user, password } = a;\nconst { b, c } = d;`,
    `  user, password,\n  bob, ${first},`,
    `user,password\nbob,\${PASSWORD}\neve,******`,
    `password,name\n${first}`,
    `key,value\nfoo,${first}\n`,
    `id,secret_name,token_count\n1,${first},12\n`,
    'The key, however, is this: the token, or the secret.\nIt goes on, and on, and on.',
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it.each([
    ['repeated headers', (n: number) => 'user,password\n'.repeat(n / 14)],
    ['repeated Markdown headers', (n: number) => '| password |\n|---|\n'.repeat(n / 19)],
    [
      'one header over many rows',
      (n: number) => `user,password\n${'bob,password\n'.repeat(n / 13)}`,
    ],
    ['a row of pipes', (n: number) => `| password |\n|---|\n${'|'.repeat(n)}`],
    ['an unclosed CSV quote', (n: number) => `a,"${'pass'.repeat(n / 4)}`],
    ['repeated token headers', (n: number) => 'user,api_key\n'.repeat(n / 13)],
    ['a line of keys', (n: number) => `a,${'key,'.repeat(n / 4)}`],
  ])('is linear on %s', (label, make) => {
    expectLinearTime(make, detectSecrets, 1_000_000, label);
  });
});
