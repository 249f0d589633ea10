import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `"/usr/bin/htpasswd" -b f u <pw>` and `"C:\Program Files\…\htpasswd.exe" -b …` passed in
// clear: a command word was read alone or after a bare path, so a quoted one (as shells
// and PowerShell need for a path with blanks) hid every command-shaped password:
// htpasswd's, sshpass's, the MySQL clients', redis-cli's, docker login's, keytool's.
// Values are generated.
const rng = createPrng(202612072);
const value = `${rng.chars(BASE62, 11)}3m`;

const programFiles = 'C:\\Program Files';

describe('a command word in quotes', () => {
  it.each([
    ['htpasswd by its quoted path', `"/usr/bin/htpasswd" -b .htpasswd bob ${value}`],
    [
      'htpasswd under Program Files',
      `"${programFiles}\\Apache Software Foundation\\Apache2.4\\bin\\htpasswd.exe" -b users bob ${value}`,
    ],
    [
      'htpasswd after PowerShell’s call operator',
      `& "${programFiles} (x86)\\Apache24\\bin\\htpasswd.exe" -b users bob ${value}`,
    ],
    ['htpasswd quoted alone after sudo', `sudo "htpasswd" -b .htpasswd bob ${value}`],
    ['sshpass by its quoted path', `"/usr/bin/sshpass" -p ${value} ssh deploy@web1`],
    [
      'mysql under Program Files',
      `"${programFiles}\\MySQL\\MySQL Server 8.0\\bin\\mysql.exe" -uroot -p${value}`,
    ],
    ['mysqldump in single quotes', `'/opt/my tools/mysqldump' -u root -p${value} app`],
    ['redis-cli by its quoted path', `'/usr/local/bin/redis-cli' -a ${value} ping`],
    [
      'docker login by its quoted path',
      `"/usr/bin/docker" login -u bob -p ${value} registry.example.com`,
    ],
    [
      'keytool under Program Files',
      `"${programFiles}\\Java\\jdk-17\\bin\\keytool.exe" -list -storepass ${value}`,
    ],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
  });

  it.each([
    // A quoted sentence that ends in a path is no command word.
    `echo "see the notes at /usr/bin/htpasswd" -b users bob ${value}`,
    // A quoted path given to another command names a file.
    `cat "/etc/apache2/htpasswd" -b users bob ${value}`,
    // A URL in quotes is no path.
    `"https://example.com/htpasswd" -b users bob ${value}`,
    // A quoted command word closed by another quote.
    `"/usr/bin/sshpass' -p ${value} ssh deploy@web1`,
    // docker written quoted, then another subcommand: -p is a port.
    `"/usr/bin/docker" run -p 5432:5432 postgres`,
  ])('not: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('stays linear', () => {
    expectLinearTime((n) => `"${'a b/'.repeat(n / 4)}htpasswd" -b f u p`, detectSecrets, 1_000_000);
    expectLinearTime((n) => '"C:\\a b\\htpasswd.exe" -b '.repeat(n / 24), detectSecrets, 1_000_000);
    expectLinearTime((n) => '"/x/docker" login '.repeat(n / 18), detectSecrets, 1_000_000);
  });
});
