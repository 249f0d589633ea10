import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// Windows cmd sets a variable with `set NAME=value` or `set "NAME=value"`: a command kept
// there (`set CMD=mysql -p<pw>`, `set "CMD=sshpass -p <pw> …"`) passed in clear, since only
// `export`, `- ` and `ENV` could stand before an env name. Values are generated.
const rng = createPrng(202612074);
const value = `${rng.chars(BASE62, 12)}7d`;

describe("a command held by cmd's set", () => {
  it.each([
    ['mysql, glued -p', `set CMD=mysql -p${value}`],
    ['mysql, SET in capitals', `SET MYSQL_CMD=mysql -uroot -p${value} app`],
    ['sshpass, quoted form', `set "CMD=sshpass -p ${value} ssh h"`],
    [
      'sshpass by its path, indented',
      `  set "SSHPASS_CMD=C:\\tools\\sshpass.exe -p ${value} ssh h"`,
    ],
    ['redis-cli', `Set REDIS_CMD=redis-cli -a ${value}`],
    ['htpasswd', `set HT_CMD=htpasswd -b users bob ${value}`],
    ['htpasswd, quoted form', `set "HT_CMD=htpasswd -b users bob ${value}"`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
  });

  it('reads a Django key with parentheses after set as an env value', () => {
    const key = `k3#v9(u)x${value}`;
    expect(spans(`set DJANGO_SECRET_KEY=${key}`)).toEqual([key]);
  });

  it.each([
    // `set` not first on its line is a word of prose or another command's argument.
    `echo set CMD=mysql -p${value}`,
    `docker run -e set CMD=mysql -p3306:3306 app`,
    // A quote before the name is cmd's quoted form only after set.
    `echo "CMD=mysql -p${value}"`,
  ])('not: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('stays linear', () => {
    expectLinearTime((n) => 'set "A=sshpass -p Q\n'.repeat(n / 20), detectSecrets, 1_000_000);
    expectLinearTime((n) => `set ${'"'.repeat(n)}A=mysql -pQ`, detectSecrets, 1_000_000);
  });
});
