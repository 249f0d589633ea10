import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `command:redis-cli -a <pw>`, a YAML key with no blank after its colon (as written in
// hand-made configs and CI steps), kept the password in clear: a command word was read only
// after a blank, a separator or a quote, and `command: redis-cli -a …` was. Values are
// generated.
const rng = createPrng(202612074);
const value = `${rng.chars(BASE62, 12)}3d`;

describe('a command right after a YAML key colon', () => {
  it.each([
    ['redis-cli', `command:redis-cli -a ${value}`],
    ['redis-cli, indented', `services:\n  cache:\n    command:redis-cli -h cache -a ${value}\n`],
    ['sshpass in a list item', `steps:\n  - run:sshpass -p ${value} ssh deploy@web1`],
    ['mysql, glued -p', `cmd:mysql -uroot -p${value}`],
    ['htpasswd by its path', `script:/usr/bin/htpasswd -b .htpasswd bob ${value}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    // The key is not first on its line: prose or a value, not a YAML key.
    `see note:redis-cli -a ${value}`,
    `image: cache:redis-cli -a ${value}`,
    // A URL's scheme or a port before the word.
    `url: redis://host:redis-cli -a ${value}`,
    // A flag of another command.
    'ports:mkdir -p build',
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('stays linear', () => {
    expectLinearTime((n) => `${'a'.repeat(n)}:redis-cli -a x`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'k:redis-cli -a Q\n'.repeat(n / 17), detectSecrets, 1_000_000);
  });
});
