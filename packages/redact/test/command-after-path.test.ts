import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `/usr/bin/htpasswd -b f u <pw>` passed in clear: a command name was read only where a
// command may start, so a directory path before it (`/usr/bin/`, `./`, `sudo /usr/bin/`)
// hid every command-shaped password: htpasswd's, sshpass's, the MySQL clients', redis-cli's,
// docker login's. Values are generated.
const rng = createPrng(20261207);
const value = `${rng.chars(BASE62, 11)}7k`;

describe('a command invoked by its path', () => {
  it.each([
    ['htpasswd by its absolute path', `/usr/bin/htpasswd -b .htpasswd bob ${value}`],
    ['htpasswd in the working directory', `./htpasswd -b .htpasswd bob ${value}`],
    ['htpasswd by its path after sudo', `sudo /usr/bin/htpasswd -b .htpasswd bob ${value}`],
    ['htpasswd by a Windows path', `C:\\Apache24\\bin\\htpasswd.exe -b users bob ${value}`],
    ['sshpass by its path', `/usr/bin/sshpass -p ${value} ssh deploy@web1`],
    ['sshpass under the home directory', `~/bin/sshpass -p ${value} ssh deploy@web1`],
    ['mysql by its path', `/usr/bin/mysql -u root -p${value} app`],
    ['mysqldump by its path', `sudo /opt/mysql/bin/mysqldump -u root -p${value} app`],
    ['redis-cli by its path', `/usr/local/bin/redis-cli -a ${value} ping`],
    ['docker login by its path', `/usr/bin/docker login -u bob -p ${value} registry.example.com`],
    ['keytool by its path', `$JAVA_HOME/bin/keytool -list -storepass ${value}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
  });

  it.each([
    // A file named htpasswd given to another command.
    `cat /etc/apache2/htpasswd -b users bob ${value}`,
    `sudo cat /etc/apache2/htpasswd -b users bob ${value}`,
    // A URL is no path.
    `https://example.com/htpasswd -b users bob ${value}`,
    // A name glued to other text is no command.
    `--config=/etc/htpasswd -b users bob ${value}`,
    // A directory named like the command, then another command's flags.
    `docker run -v /var/lib/mysql -p 3306:3306 mysql:8`,
  ])('leaves %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('reads back a bounded path: linear', () => {
    expectLinearTime((n) => '/a/htpasswd -b '.repeat(n / 15), detectSecrets, 1_000_000);
    expectLinearTime((n) => `${'a/'.repeat(n / 2)}htpasswd -b f u p`, detectSecrets, 1_000_000);
    expectLinearTime((n) => '/x/mysql -pQ '.repeat(n / 13), detectSecrets, 1_000_000);
  });
});
