import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A registry login stored as base64 of `user:password` under an `auth` key (Docker's
// config.json, a Kubernetes .dockerconfigjson, npm's _auth) passed in clear: `auth` names
// no secret to the assignment scan. Credentials are generated.
const rng = createPrng(20261214);
const auth = Buffer.from(`deploy:${rng.chars(BASE62, 20)}`).toString('base64');

describe('a registry login under an auth key', () => {
  it.each([
    `{"auths":{"registry.example.com":{"auth":"${auth}"}}}`,
    `{\n  "auths": {\n    "ghcr.io": {\n      "auth": "${auth}"\n    }\n  }\n}`,
    `{"auths":{"r.example":{"username":"deploy","auth":"${auth}","email":"x"}}}`,
    `_auth=${auth}`,
    `//registry.example.com/:_auth = "${auth}"`,
    `auths:\n  registry.example.com:\n    auth: ${auth}\n`,
    `{"data":"{\\"auths\\":{\\"r\\":{\\"auth\\":\\"${auth}\\"}}}"}`,
  ])('%s', (text) => {
    const found = detectSecrets(text);
    expect(found.map((f) => [text.slice(f.start, f.end), f.kind])).toEqual([[auth, 'basic_auth']]);
    expect(createRedactor().redactText(text).text).not.toContain(auth);
  });

  it.each([
    '{"auth":"none"}',
    'auth: true',
    `{"auth":"${Buffer.from('no colon here at all').toString('base64')}"}`,
    `{"oauth":"${auth}"}`,
    `{"author":"${auth}"}`,
    `{"auth":"${Buffer.from('user:[SECRET_1]').toString('base64')}"}`,
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated keys', () => {
    expectLinearTime((n) => '"auth":"'.repeat(n / 8), detectSecrets, 1_000_000);
    expectLinearTime((n) => `"auth":"${'QUFB'.repeat(n / 4)}`, detectSecrets, 1_000_000);
  });
});
