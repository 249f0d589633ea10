import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor } from '../src/index.js';
import { spans } from './helpers/spans.js';

// `redis-cli -a <pw>`, `docker login -p <pw>`, `keytool -storepass <pw>` and the MongoDB
// tools' `-p <pw>` were read on a command line but not as an argv array (written out or a
// real array given to `redactValue`): the argv reader knew sshpass, the MySQL clients and
// curl only. Values are generated.
const rng = createPrng(20261207);
const value = `${rng.chars(BASE62, 11)}8v`;

describe('command-only password flags in argv arrays', () => {
  it.each([
    ['redis-cli -a', ['redis-cli', '-a', value, 'ping']],
    ['redis-cli by its path', ['/usr/local/bin/redis-cli', '-h', 'cache', '-a', value]],
    ['docker login -p', ['docker', 'login', '-u', 'bob', '-p', value, 'registry.example.com']],
    ['podman login -p', ['podman', 'login', '-p', value, 'quay.io']],
    ['keytool -storepass', ['keytool', '-list', '-keystore', 'ks.jks', '-storepass', value]],
    ['jarsigner -keypass', ['jarsigner', '-keypass', value, 'app.jar', 'alias']],
    ['mongosh -p', ['mongosh', '-u', 'admin', '-p', value]],
  ])('%s', (_, argv) => {
    expect(spans(JSON.stringify(argv))).toEqual([value]);
    expect(JSON.stringify(createRedactor().redactValue(argv).value)).not.toContain(value);
  });

  it('reads the command from a sibling member', () => {
    const spec = { cmd: 'docker', args: ['login', '-p', value] };
    expect(spans(JSON.stringify(spec))).toEqual([value]);
    expect(JSON.stringify(createRedactor().redactValue(spec).value)).not.toContain(value);
  });

  it.each([
    ['docker run -p', ['docker', 'run', '-p', '5432:5432', value]],
    ['ls -a', ['ls', '-a', value]],
    ['git -p', ['git', '-p', 'log', value]],
  ])('leaves %s', (_, argv) => {
    expect(spans(JSON.stringify(argv))).toEqual([]);
    expect(createRedactor().redactValue(argv).value).toEqual(argv);
  });
});
