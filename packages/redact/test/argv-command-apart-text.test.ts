import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `{"cmd":"sshpass","args":["-p","<pw>"]}` as text kept the password: redactValue read the
// sibling command of a real object (decision 0022), the text scan only a command right
// before the array. Values are generated.
const rng = createPrng(20261208);
const value = `${rng.chars(BASE62, 13)}4k`;

describe('an argv whose command a sibling member names, as text', () => {
  it.each([
    ['JSON cmd and args', `{"cmd":"sshpass","args":["-p","${value}","ssh","host"]}`],
    [
      'Kubernetes command and args, spaced',
      `{ "command": [ "sshpass" ], "args": [ "-p", "${value}", "ssh", "host" ] }`,
    ],
    ['a JS object', `spawnJob({ program: '/usr/bin/sshpass', argv: ['-p', '${value}', 'ssh'] })`],
    [
      'a glued MySQL -p over lines',
      `{\n  "command": "mysql",\n  "args": [\n    "-p${value}"\n  ]\n}`,
    ],
    ['a word-only password', `{"cmd":"sshpass","args":["-p","raspberry","ssh","host"]}`],
  ])('%s', (_, text) => {
    const out = createRedactor().redactText(text).text;
    expect(out).not.toContain(value);
    expect(out).not.toContain('raspberry');
    expect(out).toContain('-p');
  });

  it.each([
    ['another command', '{"cmd":"ssh","args":["-p","2222","host"]}'],
    ["sshpass's file option", '{"cmd":"sshpass","args":["-f","pwfile","ssh","host"]}'],
    ['a member that is no argument list', '{"cmd":"sshpass","env":["-p","raspberry"]}'],
    ['a member that names no command', '{"name":"sshpass","args":["-p","raspberry"]}'],
    // Scalar members between are read over: argv-command-members-between-text.test.ts.
    ['an object between', '{"cmd":"sshpass","env":{"A":"1"},"args":["-p","raspberry"]}'],
    ['a command array of two', '{"command":["sh","sshpass"],"args":["-p","raspberry"]}'],
    ['prose', 'Set cmd: "sshpass", args: then pass [-p, raspberry] by hand.'],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime(
      (n) => `{"cmd":"sshpass","args":${'["-p",'.repeat(n / 6)}`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => `"cmd":${' '.repeat(n)}"sshpass",${' '.repeat(n)}"args":["-p","x"]`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime((n) => '"args":["-p",'.repeat(n / 14), detectSecrets, 1_000_000);
  });
});
