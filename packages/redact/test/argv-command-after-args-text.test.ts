import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `{"args":["-p","<pw>"],"cmd":"sshpass"}` as text kept the password: the text scan read
// the command member only before the argument member (decision 0023). The member right
// after it is read now too. Values are generated.
const rng = createPrng(20261227);
const value = `${rng.chars(BASE62, 13)}5v`;

describe('an argv whose command member follows it, as text', () => {
  it.each([
    ['JSON args then cmd', `{"args":["-p","${value}","ssh","host"],"cmd":"sshpass"}`],
    [
      'Kubernetes args then command, spaced',
      `{ "args": [ "-p", "${value}" ], "command": [ "sshpass" ] }`,
    ],
    ['a JS object, glued MySQL -p', `job({ argv: ['-p${value}'], program: 'mysql' })`],
    ['over lines', `{\n  "args": [\n    "-p${value}"\n  ],\n  "command": "mysql"\n}`],
    ['a word-only password', '{"args":["-p","raspberry"],"cmd":"sshpass"}'],
  ])('%s', (_, text) => {
    const out = createRedactor().redactText(text).text;
    expect(out).not.toContain(value);
    expect(out).not.toContain('raspberry');
    expect(out).toContain('-p');
  });

  it.each([
    ['another command', '{"args":["-p","2222","host"],"cmd":"ssh"}'],
    ['a member between', '{"args":["-p","raspberry"],"cwd":"/tmp","cmd":"sshpass"}'],
    ['a member that is no argument list', '{"env":["-p","raspberry"],"cmd":"sshpass"}'],
    ['a command array of two', '{"args":["-p","raspberry"],"command":["sh","sshpass"]}'],
    ['a member that names no command', '{"args":["-p","raspberry"],"name":"sshpass"}'],
    ['an array that is not closed as one', '{"args":["-p","raspberry" + x],"cmd":"sshpass"}'],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => `{"args":${'["-p",'.repeat(n / 6)}`, detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => `"args":["-p","x"],${' '.repeat(n)}"cmd":${' '.repeat(n)}"sshpass"`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => '"args":["-p","x"],"cmd":"a",'.repeat(n / 30),
      detectSecrets,
      1_000_000,
    );
  });
});
