import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A credential given as a long flag's separate argument (`--password <v>`, `docker login
// --password <v>`, `--api-key <v>`) passed in clear: only `--password=<v>` was read.
// Values are generated, so no credential-shaped literal is in the repo.
const rng = createPrng(20261208);
const value = `${rng.chars(BASE62, 14)}9k`;

/** The one finding's text, from the flag-value detector. */
function onlySpan(text: string): string {
  const found = detectSecrets(text);
  expect(found).toHaveLength(1);
  expect(found[0]!.detector).toBe('flag-value');
  return text.slice(found[0]!.start, found[0]!.end);
}

describe('a credential-named long flag with its value apart', () => {
  it.each([
    `--password ${value}`,
    `docker login -u deploy --password ${value} registry.example.com`,
    `kubectl get pods --token ${value}`,
    `cli --api-key ${value} --region eu`,
    `az login --service-principal --client-secret ${value}`,
    `app --db-password\t"${value}"`,
    `app --token '${value}'`,
    `deploy \\\n  --api-key ${value} \\\n  --env prod`,
    `run\n--secret ${value}`,
  ])('%s', (text) => {
    expect(onlySpan(text)).toBe(value);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    'docker login --username deploy --password-stdin < pw.txt',
    'app --password-file /run/secrets/db',
    'cli --token-type bearer --audience api',
    'psql --password --host db.internal',
    'cli --api-key <your-api-key>',
    'cli --api-key YOUR_API_KEY',
    'cli --token "$TOKEN"',
    'cli --password "$(cat ~/.pw)"',
    'cli --private-key ~/.ssh/id_ed25519',
    `x--password ${value}`,
    `<!--password ${value}`,
    `cli --keyword ${value}`,
    'the --password flag sets the password',
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated flags and dashes', () => {
    expectLinearTime((n) => ' --password '.repeat(n / 12), detectSecrets, 1_000_000);
    expectLinearTime((n) => '-'.repeat(n), detectSecrets, 1_000_000);
    expectLinearTime((n) => ` --${'a'.repeat(100)}`.repeat(n / 103), detectSecrets, 1_000_000);
  });
});

describe('a credential flag in a YAML list of arguments', () => {
  // Kubernetes `args:` write a container's argv one item a line: the value after
  // `- --password` on the next item stayed in clear (the flag ended its line).
  it.each([
    `args:\n  - --password\n  - ${value}\n`,
    `command:\n- app\n- --token\n- "${value}"\n- --verbose\n`,
    `spec:\n  args:\r\n    - serve\r\n    - --api-key\r\n    - ${value}\r\n`,
  ])('%j', (text) => {
    expect(onlySpan(text)).toBe(value);
  });

  it.each([
    // The next item in another column, a flag as the next item, a flag not in a list.
    `args:\n  - --password\n    - ${value}\n`,
    'args:\n  - --password\n  - --host\n',
    `--password\n${value}\n`,
    `  - x --password\n  - ${value}\n`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated items', () => {
    expectLinearTime((n) => '- --password\n'.repeat(n / 13), detectSecrets, 1_000_000);
    expectLinearTime((n) => `${' '.repeat(n)}- --token\n- x`, detectSecrets, 1_000_000);
  });
});
