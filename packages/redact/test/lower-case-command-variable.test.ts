import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A shell script's own lower-case variable holding a command (`cmd=sshpass -p <pw> ssh h`)
// passed in clear: a command word was read after `=` only for an env file's SCREAMING_CASE
// name. A lower-case name is read first on its line (or after `local`, `export` or `set`:
// command-variable-leads.test.ts), since such names are code's far more often than an env
// file's. Values are generated.
const rng = createPrng(202612075);
const value = `${rng.chars(BASE62, 12)}2m`;

describe('a command held by a lower-case variable first on its line', () => {
  it.each([
    ['sshpass', `cmd=sshpass -p ${value} ssh h`],
    ['sshpass by its path, indented', `    cmd=/usr/bin/sshpass -p ${value} ssh h`],
    ['mysql, glued -p', `mysql_cmd=mysql -uroot -p${value}`],
    ['redis-cli, on a later line', `#!/bin/sh\nredis_cmd=redis-cli -a ${value}\n$redis_cmd ping`],
    ['htpasswd', `cmd=htpasswd -b .htpasswd bob ${value}`],
    ['plink', `_cmd=plink -pw ${value} user@host`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
  });

  it.each([
    // Not first on its line: an option or a word of another command.
    `docker run -e db=mysql -p3306:3306 app`,
    `x cmd=sshpass -p ${value} ssh h`,
    // `local cmd=…`, `export cmd=…` and camelCase names: command-variable-leads.test.ts.
    // A flag's value still names a file.
    `tool --config=/etc/htpasswd -b users bob ${value}`,
  ])('not: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('stays linear', () => {
    expectLinearTime((n) => `${'a'.repeat(n)}=sshpass -p x`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'a=sshpass -p Q\n'.repeat(n / 15), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'x a=/a/mysql -pQ '.repeat(n / 17), detectSecrets, 1_000_000);
  });
});
