import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A command kept in a variable passed in clear in three common shapes: a batch file's
// `@set CMD=…` (the `@` keeps cmd from echoing the line), a camelCase name (`redisCmd=…`)
// and a lower-case name after the shell's `local` or `export` (`local cmd=…`). Values are
// generated.
const rng = createPrng(202612076);
const value = `${rng.chars(BASE62, 12)}8h`;

describe('a command held by a variable after @set, local or export, or in camelCase', () => {
  it.each([
    ['@set, mysql', `@echo off\n@set CMD=mysql -uroot -p${value}`],
    ['@set, quoted form', `@set "CMD=sshpass -p ${value} ssh h"`],
    ['@SET, redis-cli', `@SET REDIS_CMD=redis-cli -a ${value}`],
    ['@set, htpasswd', `@set HT_CMD=htpasswd -b users bob ${value}`],
    ['camelCase, redis-cli', `redisCmd=redis-cli -a ${value}`],
    ['camelCase, sshpass, indented', `  sshCmd=sshpass -p ${value} ssh h`],
    ['local, sshpass', `run() {\n  local cmd=sshpass -p ${value} ssh h\n}`],
    ['local, camelCase, mysql', `  local mysqlCmd=mysql -uroot -p${value}`],
    ['export, mysql', `export cmd=mysql -p${value}`],
    ['local, htpasswd', `local cmd=htpasswd -b .htpasswd bob ${value}`],
    ['set, lower case', `set cmd=mysql -p${value}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it('reads a Django key with parentheses after @set as an env value', () => {
    const key = `k3#v9(u)x${value}`;
    expect(spans(`@set DJANGO_SECRET_KEY=${key}`)).toEqual([key]);
  });

  it.each([
    // The lead or the name is not first on its line.
    `echo local cmd=sshpass -p ${value} ssh h`,
    `x sshCmd=sshpass -p ${value} ssh h`,
    `echo @set CMD=mysql -p${value}`,
    // An option on another command's line: -p3306:3306 is docker's port.
    'docker run -e dbHost=mysql -p3306:3306 app',
    // A name that starts with a capital is no shell variable's (and no env name).
    `SshCmd=sshpass -p ${value} ssh h`,
    // Another lead word.
    `const sshCmd=sshpass -p ${value} ssh h`,
  ])('not: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('stays linear', () => {
    expectLinearTime((n) => 'local a=sshpass -p Q\n'.repeat(n / 21), detectSecrets, 1_000_000);
    expectLinearTime((n) => '@set aB=mysql -pQ\n'.repeat(n / 18), detectSecrets, 1_000_000);
    expectLinearTime((n) => `local ${'aB'.repeat(n / 2)}=mysql -pQ`, detectSecrets, 1_000_000);
  });
});
