import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A YAML name/value pair written value first (`- value: …` then `name: DB_PASSWORD`)
// passed in clear: only the name-first order was read. Values are generated.
const rng = createPrng(20261224);
const value = `${rng.chars(BASE62, 13)}3v`;

describe('a YAML name/value pair written value first', () => {
  it.each([
    ['a list item', `- value: ${value}\n  name: DB_PASSWORD`],
    ['quoted, CRLF, nested', `env:\r\n  - value: "${value}"\r\n    name: API_TOKEN\r\n`],
    ['a mapping', `secret:\n  value: ${value}\n  key: client_secret`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['a name that is no credential', `- value: ${value}\n  name: BUILD_ID`],
    [
      'the previous item',
      `- name: BUILD_ID\n  value: ${value}\n- name: DB_PASSWORD\n  value: $(DB)`,
    ],
    ['another column', `- value: ${value}\n    name: DB_PASSWORD`],
    ['a word', '- value: changeme\n  name: DB_PASSWORD'],
    ['prose', `The value: ${value} and\nname: DB_PASSWORD here`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => `${'x'.repeat(n)}\n  name: DB_PASSWORD`, detectSecrets, 1_000_000);
    expectLinearTime((n) => '  name: DB_PASSWORD\n'.repeat(n / 20), detectSecrets, 1_000_000);
  });
});
