import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// An unquoted Django key in an env file (`DJANGO_SECRET_KEY=k3#v9(u)…`) passed in clear:
// Django draws its keys from `a-z0-9!@#$%^&*(-_=+)`, and a bare value holding `(` was read
// as a call, one holding `)` cut there. Values are generated, each with both parentheses.
const rng = createPrng(20261207);
const DJANGO = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+';
const djangoKey = () =>
  `${rng.chars(DJANGO, 20)}(${rng.chars(DJANGO, 12)})${rng.chars(DJANGO, 8)}9`;

describe('parentheses in an env file value', () => {
  it.each([
    ['an env file line', (k: string) => `DEBUG=0\nDJANGO_SECRET_KEY=${k}\nALLOWED_HOSTS=*\n`],
    ['exported', (k: string) => `export SECRET_KEY=${k}`],
    ['a compose list item', (k: string) => `    environment:\n      - DJANGO_SECRET_KEY=${k}\n`],
    ['a Dockerfile ENV', (k: string) => `ENV DJANGO_SECRET_KEY=${k}`],
    ['starting with &', (k: string) => `DJANGO_SECRET_KEY=${k}`, (k: string) => `&${k}`],
    ['starting with )', (k: string) => `DJANGO_SECRET_KEY=${k}`, (k: string) => `)${k}`],
  ])('%s', (_, make, shape = (k: string) => k) => {
    const key = shape(djangoKey());
    expect(spans(make(key))).toEqual([key]);
  });

  it.each([
    'SECRET_KEY=get_random_secret_key()',
    'SECRET_KEY=os.environ.get(x)',
    'DB_PASSWORD=$(cat /run/secrets/db_password)',
    'DB_PASSWORD=$(shell cat .pw)',
    'DB_PASSWORD=%(db_password)s',
    'f(password=abc123xyz)',
    'const SECRET_KEY=getKey(1);',
  ])('leaves code %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('reads each line once: linear', () => {
    expectLinearTime((n) => 'SECRET_KEY=a(b)9\n'.repeat(n / 17), detectSecrets, 1_000_000);
    expectLinearTime((n) => `SECRET_KEY=${'(a)9='.repeat(n / 5)}`, detectSecrets, 1_000_000);
  });
});
