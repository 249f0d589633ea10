import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `SSHPASS_CMD=/usr/bin/sshpass -p <pw>` passed in clear: a command word was read where a
// command may start (a line start, a blank, a separator, a quote), and an env file's
// unquoted value starts right after `=`. Quoted (`MYSQL_CMD="mysql -p…"`) and as a YAML
// value (`command: redis-cli -a …`) it was read already; those stay covered here.
// Values are generated.
const rng = createPrng(202612073);
const value = `${rng.chars(BASE62, 11)}5w`;

describe('a command given as an env or YAML value', () => {
  it.each([
    ['sshpass by its path', `SSHPASS_CMD=/usr/bin/sshpass -p ${value}`],
    ['sshpass after export', `export SSHPASS_CMD=sshpass -p ${value} ssh deploy@web1`],
    ['mysql, glued -p', `MYSQL_CMD=mysql -uroot -p${value}`],
    ['mysql, quoted', `MYSQL_CMD="mysql -uroot -p${value}"`],
    ['redis-cli', `REDIS_CMD=redis-cli -a ${value}`],
    ['htpasswd', `HT_CMD=htpasswd -b .htpasswd bob ${value}`],
    ['htpasswd after export', `export HT_CMD=htpasswd -b .htpasswd bob ${value}`],
    [
      'docker login in a compose list',
      `  - LOGIN_CMD=docker login -u bob -p ${value} r.example.com`,
    ],
    ['keytool in a Dockerfile ENV', `ENV KEYTOOL_CMD=keytool -list -storepass ${value}`],
    ['redis-cli as a YAML value', `command: redis-cli -a ${value}`],
    ['mysql as a YAML value', `  MYSQL_CMD: mysql -uroot -p${value}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
  });

  it.each([
    // An option on a command line, not an env file's line: -p3306:3306 is docker's port.
    'docker run -e DB_HOST=mysql -p3306:3306 app',
    'docker run --env SSH=sshpass -p 2222:22 app',
    // A flag's value names a file.
    `tool --config=/etc/htpasswd -b users bob ${value}`,
    // A lower-case name is read only first on its line or after a lead word
    // (lower-case-command-variable.test.ts, command-variable-leads.test.ts).
    `echo cmd=htpasswd -b .htpasswd bob ${value}`,
  ])('not: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('stays linear', () => {
    expectLinearTime((n) => `${'A'.repeat(n)}=sshpass -p x`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'A=sshpass -p Q '.repeat(n / 15), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'X=/a/mysql -pQ\n'.repeat(n / 15), detectSecrets, 1_000_000);
  });
});
