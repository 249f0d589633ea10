import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A password after a flag that means one only to some commands (`docker login -p`,
// `mongosh -p`, `redis-cli -a`, `keytool -storepass`) passed in clear. Values are generated.
const rng = createPrng(20261215);
const value = `${rng.chars(BASE62, 14)}3k`;

describe('a password flag of a command that takes one', () => {
  it.each([
    `docker login -u bob -p ${value} registry.example.com`,
    `podman login -u bob -p '${value}' quay.io`,
    `mongosh -u admin -p ${value} --authenticationDatabase admin`,
    `mongodump --uri mongodb://db -u bob -p ${value}`,
    `redis-cli -h cache -a ${value} ping`,
    `keytool -list -keystore ks.jks -storepass ${value}`,
    `jarsigner -keystore ks.jks -storepass ${value} -keypass ${value} app.jar alias`,
    `cd /srv && redis-cli -a "${value}" info`,
    `docker login \\\n  -u bob \\\n  -p ${value} registry`,
  ])('%s', (text) => {
    expect(new Set(spans(text))).toEqual(new Set([value]));
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    'docker run -p 5432:5432 -p 8080:80 postgres',
    'ssh -p 2222 deploy@host',
    `mkdir -p build-${value}`,
    'ls -a /var/lib/redis',
    'redis-cli -a $REDIS_PASSWORD ping',
    'docker login -u bob -p "$(cat ~/.pw)" registry',
    `echo done; ssh -p ${value} host`,
    'keytool -list -storepass:env STOREPASS',
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated flags', () => {
    expectLinearTime((n) => ' -p'.repeat(n / 3), detectSecrets, 1_000_000);
    expectLinearTime((n) => `redis-cli${' -a x'.repeat(n / 5)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => ' -storepass -keypass'.repeat(n / 20), detectSecrets, 1_000_000);
  });
});

// One line of prose naming `docker login`, then `docker run -p 5432:5432`, read the port as
// the login's password: only a line break, `;`, `|` or `&&` ended a command.
describe('the tool of a command with a subcommand, written again, starts another command', () => {
  it.each([
    'Run docker login first, then docker run -p 5432:5432 postgres',
    'podman login quay.io and later podman run -p 8080:80 app',
    'docker login registry.example.com then docker   run -p 5432:5432 db',
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it.each([
    ['after another docker command', `docker ps then docker login -u bob -p ${value} registry`],
    [
      'before docker run',
      `docker login -u bob -p ${value} registry, then docker run -p 5432:5432 db`,
    ],
  ])('a login password %s is still read', (_, text) => {
    expect(spans(text)).toEqual([value]);
  });

  it('is linear on repeated tools', () => {
    expectLinearTime((n) => 'docker login docker -p x '.repeat(n / 25), detectSecrets, 1_000_000);
  });
});
