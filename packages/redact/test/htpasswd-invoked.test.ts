import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `cat htpasswd -b …` was read as an htpasswd command, its last word masked as a
// password: htpasswd there is a file named as another command's argument, and `-b` is
// cat's. Only an htpasswd that is invoked is read now. Values are generated.
const rng = createPrng(20261229);
const value = `${rng.chars(BASE62, 11)}4d`;

describe('htpasswd -b only where htpasswd is invoked', () => {
  it.each([
    ['at a line start', `htpasswd -b .htpasswd bob ${value}`],
    ['after sudo and its options', `sudo -u www-data htpasswd -b .htpasswd bob ${value}`],
    ['in a container', `docker run --rm httpd:2.4 htpasswd -Bbn bob ${value} > auth/users`],
    ['in a Dockerfile', `RUN htpasswd -b -c /etc/nginx/.htpasswd bob ${value}`],
    ['after a prompt', `$ htpasswd -b .htpasswd bob ${value}`],
    ['as a YAML list item', `  - htpasswd -b .htpasswd bob ${value}`],
    ['as a YAML value', `command: htpasswd -b .htpasswd bob ${value}`],
    ['in a JSON string', `{"command": "htpasswd -b .htpasswd bob ${value}"}`],
    ['after && and an assignment', `cd /etc && HOME=/x htpasswd -b .htpasswd bob ${value}`],
    ['over ssh', `ssh web1 htpasswd -b .htpasswd bob ${value}`],
    ['in a Markdown code span', `Run \`htpasswd -b .htpasswd bob ${value}\` once.`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['cat of a file named htpasswd', `cat htpasswd -b x y ${value}`],
    ['cat under sudo', `sudo cat htpasswd -b x y ${value}`],
    ['ls', `ls -l htpasswd -b x y ${value}`],
    ['grep', `grep bob htpasswd -b x ${value}`],
    ['vim in a pipeline', `echo ok | vim htpasswd -b x y ${value}`],
    ['prose', `then run htpasswd -b .htpasswd bob ${value}`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => 'x htpasswd -b '.repeat(n / 14), detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => `sudo ${'a '.repeat(n / 2)}htpasswd -b f u p`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime((n) => 'sudo htpasswd '.repeat(n / 14), detectSecrets, 1_000_000);
  });
});
